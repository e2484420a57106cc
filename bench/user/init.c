/* SPDX-License-Identifier: Apache-2.0 */
/*
 * /init of the benchmark initramfs (bench/user/run.sh packs it with bench.c
 * and nop.c): prints its first line at once, the mark the boot time is
 * taken at, runs /bench with the environment the kernel gave it, then
 * powers the machine off. Tessera also powers off when init exits, which
 * is what happens where reboot() is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define INIT_FIRST_LINE "bench-init: first line\n"

extern char **environ;

/*
 * Linux gives init /dev/console as fds 0-2 only when the initramfs holds
 * that node; ours holds no device nodes (cpio of a plain directory), so
 * mount devtmpfs when /dev has no console (or no /dev/zero), and open it.
 * Tessera's devfs provides both.
 */
static void init_mount_dev(void)
{
	if (access("/dev/console", F_OK) == 0 && access("/dev/zero", F_OK) == 0)
		return;
	mkdir("/dev", 0755);
	/* A failure shows up below as a missing console or /dev/zero. */
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
}

static void init_open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return; /* nowhere to print: the runner sees no first line */
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/* Runs /bench and waits for it. Return: its exit status, or -errno. */
static int init_run_bench(void)
{
	char *const argv[] = { "/bench", NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execve(argv[0], argv, environ);
		printf("bench-init: execve /bench: %s\n", strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -errno;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
	int status;

	if (fcntl(1, F_GETFD) < 0) {
		init_mount_dev();
		init_open_console();
	}
	/* write(), not stdio: nothing buffered between the kernel and this line. */
	if (write(1, INIT_FIRST_LINE, strlen(INIT_FIRST_LINE)) < 0)
		return 1;
	init_mount_dev();
	status = init_run_bench();
	printf("bench-init: /bench exited with %d\n", status);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	printf("bench-init: reboot: %s; exiting\n", strerror(errno));
	return status == 0 ? 0 : 1;
}
