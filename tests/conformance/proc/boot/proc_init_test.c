/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A static musl program run as /init by proc_boot.sh: it exercises the
 * process layer (ids, fork/wait4 status words, a segfaulting child,
 * execve with arguments, threads joined through the clear-child-tid
 * futex, futex errors, clocks, uname, getrandom) and prints KTAP; its
 * exit status (the kernel's power-off status) is the number of failures.
 * Built with `musl-gcc -static`; it runs unchanged on Linux as pid 1
 * (`unshare --pid --fork --mount-proc`).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* From <linux/futex.h>, which musl does not ship. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static int test_no, failures;

static void check(int ok, const char *name)
{
	test_no++;
	printf("%s %d %s\n", ok ? "ok" : "not ok", test_no, name);
	failures += !ok;
	fflush(stdout);
}

static int child_status(void (*body)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		body();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void exit_three(void)
{
	_exit(3);
}

static void segfault(void)
{
	*(volatile int *)0 = 1;
}

static void *thread_body(void *arg)
{
	return (char *)arg + 1;
}

static long futex(uint32_t *word, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, word, op, val, ts, NULL, 0);
}

static void test_ids(void)
{
	check(getpid() == 1 && getppid() == 0, "init_is_pid_1");
	check(gettid() == getpid(), "main_thread_tid_is_pid");
	check(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0, "runs_as_root");
}

static void test_fork_wait(void)
{
	int st = child_status(exit_three);
	int sig = child_status(segfault);
	errno = 0;

	check(WIFEXITED(st) && WEXITSTATUS(st) == 3, "fork_exit_status_3");
	check(WIFSIGNALED(sig) && WTERMSIG(sig) == 11, "segfault_child_is_signalled");
	check(wait(NULL) == -1 && errno == ECHILD, "wait_without_children_is_echild");
	check(waitpid(-1, NULL, 0x40000000 | 0x1000) == -1 && errno == EINVAL, "wait4_bad_options_einval");
}

/* 200 children one after another, then 20 alive at once: ids and memory come back. */
static void test_many_children(void)
{
	pid_t pids[20];
	int ok = 1, status;

	for (int i = 0; i < 200 && ok; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i & 0xff);
		ok = pid > 0 && waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == (i & 0xff);
	}
	check(ok, "two_hundred_children_in_turn");
	for (int i = 0; i < 20; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct timespec d = { 0, 5 * 1000 * 1000 };

			nanosleep(&d, NULL);
			_exit(i);
		}
	}
	for (int i = 0; i < 20; i++)
		ok &= pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && WEXITSTATUS(status) == i;
	check(ok, "twenty_children_at_once");
}

static void test_exec(const char *self)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-child", "x y", NULL };
		char *envp[] = { "K2=yes", NULL };

		execve(self, argv, envp);
		_exit(98);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "execve_passes_argv_and_envp");
	errno = 0;
	check(execve("/no/such/program", (char *[]){ NULL }, NULL) == -1 && errno == ENOENT, "execve_enoent");
	check(syscall(SYS_execve, self, 8, 0) == -1 && errno == EFAULT, "execve_bad_argv_efault");
}

static void test_vfork(const char *self)
{
	int status = -1;
	pid_t pid = vfork();

	if (pid == 0) {
		char *argv[] = { (char *)self, "exec-child", "x y", NULL };
		char *envp[] = { "K2=yes", NULL };

		execve(self, argv, envp);
		_exit(98);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "vfork_then_execve");
}

static void *sleep_forever(void *arg)
{
	uint32_t word = 0;

	if (arg)
		futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL);
	else
		for (;;)
			sleep(100);
	return NULL;
}

/* exit() in a process whose other threads sleep ends them all. */
static void exit_with_sleeping_threads(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, sleep_forever, (void *)1);
	pthread_create(&b, NULL, sleep_forever, NULL);
	usleep(20000);
	exit(5);
}

static void test_threads(void)
{
	pthread_t th[4];
	void *ret[4];
	int ok = 1;

	for (int i = 0; i < 4; i++)
		ok &= pthread_create(&th[i], NULL, thread_body, (char *)0 + 10 * i) == 0;
	for (int i = 0; i < 4; i++)
		ok &= pthread_join(th[i], &ret[i]) == 0 && ret[i] == (char *)0 + 10 * i + 1;
	check(ok, "pthreads_create_and_join");
	ok = child_status(exit_with_sleeping_threads);
	check(WIFEXITED(ok) && WEXITSTATUS(ok) == 5, "exit_ends_sleeping_threads");
}

static void test_futex(void)
{
	uint32_t word = 5;
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	check(futex(&word, FUTEX_WAIT_PRIVATE, 4, NULL) == -1 && errno == EAGAIN, "futex_wait_mismatch_eagain");
	check(futex(&word, FUTEX_WAIT_PRIVATE, 5, &ts) == -1 && errno == ETIMEDOUT, "futex_wait_timeout");
	check(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL) == 0, "futex_wake_nobody");
	check(futex((uint32_t *)8, FUTEX_WAIT, 0, NULL) == -1 && errno == EFAULT, "futex_bad_address_efault");
}

static void test_time_and_names(void)
{
	struct timespec a, b, d = { 0, 10 * 1000 * 1000 };
	struct utsname u;
	unsigned char r[16] = { 0 }, zero[16] = { 0 };

	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&d, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= 10000000L, "nanosleep_sleeps");
	check(clock_gettime(12345, &a) == -1 && errno == EINVAL, "clock_gettime_bad_clock_einval");
	check(uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0 && strncmp(u.release, "6.", 2) == 0, "uname");
	check(syscall(SYS_getrandom, r, sizeof(r), 0) == 16 && memcmp(r, zero, 16), "getrandom");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return argc == 3 && strcmp(argv[2], "x y") == 0 && getenv("K2") ? 7 : 1;
	printf("KTAP version 1\n1..23\n");
	test_ids();
	test_fork_wait();
	test_many_children();
	test_exec(argv[0]);
	test_vfork(argv[0]);
	test_threads();
	test_futex();
	test_time_and_names();
	printf("# proc_init_test: %d failures\n", failures);
	return failures;
}
