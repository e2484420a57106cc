/* SPDX-License-Identifier: Apache-2.0 */
/* procfs: /proc/self, /proc/<pid>/{stat,status,cmdline,maps,fd,exe},
 * /proc/meminfo, /proc/uptime, /proc/mounts, /proc/cpuinfo, and Tessera's
 * /proc/tessera/components (skipped on Linux). Run by /init from /tests and
 * by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/utsname.h>

static const char *procfs_argv0;

/* The whole of a small /proc file, NUL-terminated; its length or -1. */
static ssize_t procfs_read(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t total = 0, n;

	if (fd < 0)
		return -1;
	while (total < (ssize_t)size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

static const char *procfs_pid_path(const char *file)
{
	static char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", getpid(), file);
	return path;
}

static void procfs_self_is_this_process(void)
{
	char link[32], want[32];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);

	if (!EXPECT(n > 0))
		return;
	link[n] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	EXPECT(!strcmp(link, want));
}

static void procfs_pid_stat_and_status(void)
{
	char buf[4096], want[64];
	int pid = 0, ppid = -1;
	char state = 0;

	EXPECT(procfs_read(procfs_pid_path("stat"), buf, sizeof(buf)) > 0);
	/* "pid (comm) state ppid ...": comm is the program's base name. */
	char *close_paren = strrchr(buf, ')');
	EXPECT(sscanf(buf, "%d", &pid) == 1 && pid == getpid());
	EXPECT(close_paren && sscanf(close_paren + 1, " %c %d", &state, &ppid) == 2);
	EXPECT(state == 'R' && ppid == getppid());
	const char *base = strrchr(procfs_argv0, '/') ? strrchr(procfs_argv0, '/') + 1 : procfs_argv0;
	snprintf(want, sizeof(want), "(%.15s)", base);
	EXPECT(strstr(buf, want) == buf + strcspn(buf, "("));
	EXPECT(procfs_read(procfs_pid_path("status"), buf, sizeof(buf)) > 0);
	snprintf(want, sizeof(want), "\nPid:\t%d\n", getpid());
	EXPECT(strstr(buf, want) != NULL);
	snprintf(want, sizeof(want), "Name:\t%.15s\n", base);
	EXPECT(!strncmp(buf, want, strlen(want)));
	EXPECT(strstr(buf, "\nPPid:\t") && strstr(buf, "\nUid:\t0\t0\t0\t0\n") && strstr(buf, "\nVmRSS:"));
}

static void procfs_cmdline_is_argv(void)
{
	char buf[512];
	ssize_t n = procfs_read("/proc/self/cmdline", buf, sizeof(buf));

	EXPECT(n == (ssize_t)strlen(procfs_argv0) + 1 && !strcmp(buf, procfs_argv0));
}

static void procfs_maps_show_the_layout(void)
{
	static char buf[16384];
	unsigned long start, end;
	char perms[5];

	EXPECT(procfs_read("/proc/self/maps", buf, sizeof(buf)) > 0);
	EXPECT(sscanf(buf, "%lx-%lx %4s", &start, &end, perms) == 3 && start < end);
	EXPECT(strstr(buf, "[stack]") != NULL);
	EXPECT(strstr(buf, " r-xp ") != NULL);
	/* This function's code lies in an executable mapping listed there. */
	unsigned long here = (unsigned long)procfs_maps_show_the_layout;
	bool found = false;
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 && start <= here && here < end)
			found = perms[2] == 'x';
	EXPECT(found);
}

static void procfs_fd_and_exe(void)
{
	char link[PATH_MAX], real[PATH_MAX];
	int fd = open("/dev/null", O_RDONLY);
	char name[32];
	ssize_t n;

	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	n = readlink(name, link, sizeof(link) - 1);
	EXPECT(n == 9 && !memcmp(link, "/dev/null", 9));
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int seen = 0;
	while (d && (e = readdir(d)))
		seen += atoi(e->d_name) == fd;
	EXPECT(d && seen == 1);
	if (d)
		closedir(d);
	close(fd);
	n = readlink("/proc/self/exe", link, sizeof(link) - 1);
	EXPECT(n > 0 && link[0] == '/');
	if (n > 0) {
		link[n] = '\0';
		EXPECT(realpath(procfs_argv0, real) && !strcmp(real, link));
	}
	EXPECT_ERR(readlink("/proc/self/fd/9999", link, sizeof(link)), ENOENT);
}

static void procfs_system_files(void)
{
	static char buf[65536];
	double up = -1, idle = -1;
	unsigned long total = 0;

	EXPECT(procfs_read("/proc/meminfo", buf, sizeof(buf)) > 0);
	EXPECT(sscanf(buf, "MemTotal: %lu kB", &total) == 1 && total > 0 && strstr(buf, "\nMemFree:"));
	EXPECT(procfs_read("/proc/uptime", buf, sizeof(buf)) > 0);
	EXPECT(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0 && idle >= 0);
	EXPECT(procfs_read("/proc/mounts", buf, sizeof(buf)) > 0);
	EXPECT(strstr(buf, " /proc proc ") != NULL);
	EXPECT(procfs_read("/proc/cpuinfo", buf, sizeof(buf)) > 0);
	EXPECT(!strncmp(buf, "processor\t: 0\n", 14) && strstr(buf, "\nflags\t\t:"));
	EXPECT_ERR(open("/proc/no-such-file", O_RDONLY), ENOENT);
}

/* Tessera only: one line a binding, "bind <interface> -> <component>". */
static void procfs_tessera_components(void)
{
	char buf[8192];
	struct utsname u;

	if (access("/proc/tessera", F_OK) != 0 && uname(&u) == 0 && !strstr(u.version, "Tessera")) {
		ktap_skip("Tessera only (this is Linux)");
		return;
	}
	EXPECT(procfs_read("/proc/tessera/components", buf, sizeof(buf)) > 0);
	EXPECT(strstr(buf, "sched -> ") != NULL && strstr(buf, "pmm -> ") != NULL);
}

/* /proc takes no changes; Linux's errors for each kind of change. */
static void procfs_refuses_changes(void)
{
	int fd;

	EXPECT_ERR(open("/proc/x", O_CREAT | O_WRONLY, 0644), ENOENT);
	EXPECT_ERR(mkdir("/proc/y", 0755), ENOENT);
	EXPECT_ERR(symlink("a", "/proc/z"), ENOENT);
	EXPECT_ERR(rename("/proc/uptime", "/proc/up2"), ENOENT);
	EXPECT_ERR(unlink("/proc/uptime"), EPERM);
	fd = open("/proc/uptime", O_WRONLY);
	if (EXPECT(fd >= 0)) {
		EXPECT_ERR(write(fd, "x", 1), EIO);
		close(fd);
	}
}

static const struct ktap_case procfs_cases[] = {
	KTAP_CASE(procfs_self_is_this_process),
	KTAP_CASE(procfs_pid_stat_and_status),
	KTAP_CASE(procfs_cmdline_is_argv),
	KTAP_CASE(procfs_maps_show_the_layout),
	KTAP_CASE(procfs_fd_and_exe),
	KTAP_CASE(procfs_system_files),
	KTAP_CASE(procfs_tessera_components),
	KTAP_CASE(procfs_refuses_changes),
};

/* Whether a file system is mounted on /proc: a kernel built without a
 * procfs driver (CONFIG_FS_PROCFS) leaves it a plain directory of the
 * root file system, and then there is nothing here to test. */
static bool procfs_mounted(void)
{
	struct stat root, proc;

	return stat("/", &root) == 0 && stat("/proc", &proc) == 0 && root.st_dev != proc.st_dev;
}

int main(int argc, char **argv)
{
	(void)argc;
	procfs_argv0 = argv[0];
	if (!procfs_mounted())
		return ktap_skip_all("procfs", procfs_cases, (int)(sizeof(procfs_cases) / sizeof(procfs_cases[0])),
				     "no file system is mounted on /proc");
	return ktap_run("procfs", procfs_cases, (int)(sizeof(procfs_cases) / sizeof(procfs_cases[0])));
}
