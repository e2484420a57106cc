/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Process creation: fork of a child that exits at once, and fork of a
 * child that execs a static program that exits at once (bench/user/nop.c),
 * each reaped with waitpid before the next. Called by the driver, bench.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* Reaps @pid; 0 when it exited with status 0, else a negative errno. */
static int bench_reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -ECHILD;
	return 0;
}

int bench_fork_exit_wait(long iters, uint64_t *elapsed_ns)
{
	uint64_t start = bench_now_ns();
	int ret = 0;

	for (long i = 0; i < iters && ret == 0; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return -errno;
		if (pid == 0)
			_exit(0);
		ret = bench_reap(pid);
	}
	*elapsed_ns = bench_now_ns() - start;
	return ret;
}

int bench_fork_exec_wait(long iters, uint64_t *elapsed_ns)
{
	/* bench_nop=PATH is for runs outside the initramfs (on a host). */
	const char *path = getenv("bench_nop") ? getenv("bench_nop") : BENCH_NOP_PATH;
	char *const argv[] = { (char *)path, NULL };
	char *const envp[] = { NULL };
	uint64_t start = bench_now_ns();
	int ret = 0;

	for (long i = 0; i < iters && ret == 0; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return -errno;
		if (pid == 0) {
			execve(path, argv, envp);
			_exit(127); /* reaped as -ECHILD: the exec failed */
		}
		ret = bench_reap(pid);
	}
	*elapsed_ns = bench_now_ns() - start;
	return ret;
}
