/* SPDX-License-Identifier: Apache-2.0 */
/* /init, the first user program the kernel runs from the initramfs.
 * It prints "init: started (pid N)" first (the boot benchmark times the
 * kernel up to that line), then runs the test programs asked for and
 * reports them as one KTAP document on the console, each program's own
 * document nested as a subtest. As on Linux, unknown key=value kernel
 * parameters reach it as environment:
 *   tests=1 (or all)   run every program in the test directory, by name
 *   tests=proc,files   run those programs of the test directory
 *   testdir=DIR        the test directory (default /tests)
 *   poweroff=syscall   end with reboot(POWER_OFF) (a Linux guest), instead
 *                      of exiting with the status (Tessera powers off with it)
 * Program names given as arguments (after "--" on the kernel command line)
 * run too. The status is 0 when every program exited 0, else 1. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define INIT_MAX_PROGRAMS 64

extern char **environ;

struct init_plan {
	const char *dir;
	char *names[INIT_MAX_PROGRAMS];
	int count;
};

/* The kernel opens /dev/console as 0, 1 and 2 for init; where it did not,
 * init does, so its report always has somewhere to go. */
static void init_console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void init_add(struct init_plan *plan, const char *name)
{
	if (plan->count == INIT_MAX_PROGRAMS) {
		printf("init: more than %d programs; %s left out\n", INIT_MAX_PROGRAMS, name);
		return;
	}
	plan->names[plan->count++] = strdup(name);
}

static int init_compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every executable regular file of the test directory, sorted. */
static void init_add_directory(struct init_plan *plan)
{
	DIR *d = opendir(plan->dir);
	struct dirent *e;
	int first = plan->count;

	if (!d) {
		printf("init: cannot read %s: %s\n", plan->dir, strerror(errno));
		return;
	}
	while ((e = readdir(d))) {
		char path[PATH_MAX];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", plan->dir, e->d_name);
		if (e->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			init_add(plan, e->d_name);
	}
	closedir(d);
	qsort(plan->names + first, (size_t)(plan->count - first), sizeof(char *), init_compare_names);
}

static void init_make_plan(struct init_plan *plan, int argc, char **argv)
{
	const char *tests = getenv("tests");

	plan->dir = getenv("testdir") ? getenv("testdir") : "/tests";
	if (tests && (!strcmp(tests, "1") || !strcmp(tests, "all"))) {
		init_add_directory(plan);
	} else if (tests && strcmp(tests, "0")) {
		char *copy = strdup(tests), *save = NULL;
		for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save))
			init_add(plan, name);
		free(copy);
	}
	for (int i = 1; i < argc; i++)
		init_add(plan, argv[i]);
}

/* Runs one program as a KTAP subtest; returns its wait status (or -1).
 * Other children that end meanwhile (orphans re-parented to init) are
 * reaped and ignored. */
static int init_run(const struct init_plan *plan, const char *name)
{
	char path[PATH_MAX];
	int status;
	pid_t pid;

	if (name[0] == '/')
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/%s", plan->dir, name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *child_argv[] = { path, NULL };
		setenv("KTAP_SUBTEST", "1", 1);
		execve(path, child_argv, environ);
		printf("    # init: cannot execute %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		printf("# init: fork: %s\n", strerror(errno));
		return -1;
	}
	for (;;) {
		pid_t done = waitpid(-1, &status, 0);
		if (done == pid)
			return status;
		if (done < 0 && errno != EINTR)
			return -1;
	}
}

static void init_report(int number, const char *name, int status)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;

	if (status == 0)
		printf("ok %d %s\n", number, base);
	else if (status != -1 && WIFSIGNALED(status))
		printf("not ok %d %s # killed by signal %d\n", number, base, WTERMSIG(status));
	else
		printf("not ok %d %s # exit status %d\n", number, base,
		       status == -1 ? -1 : WEXITSTATUS(status));
	fflush(stdout);
}

static void init_end(int failed)
{
	const char *poweroff = getenv("poweroff");

	fflush(stdout);
	if (poweroff && !strcmp(poweroff, "syscall")) {
		sync();
		reboot(RB_POWER_OFF);
	}
	exit(failed ? 1 : 0);
}

int main(int argc, char **argv)
{
	struct init_plan plan = { 0 };
	int failed = 0;

	init_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("init: started (pid %d)\n", getpid());
	init_make_plan(&plan, argc, argv);
	if (plan.count == 0) {
		printf("init: nothing to run (boot with tests=1 to run every program in %s)\n", plan.dir);
		init_end(0);
	}
	printf("KTAP version 1\n1..%d\n", plan.count);
	for (int i = 0; i < plan.count; i++) {
		int status = init_run(&plan, plan.names[i]);
		init_report(i + 1, plan.names[i], status);
		failed += status != 0;
	}
	printf("init: %d of %d test programs passed\n", plan.count - failed, plan.count);
	init_end(failed);
}
