/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Simulated interrupts (lock_probe.h): a child process, a SIGPROF timer
 * standing in for the timer interrupt, and its exit status as the verdict.
 * Called by the lock cases of the pmm and heap conformance suites.
 */
#define _GNU_SOURCE
#include "lock_probe.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LOCK_PROBE_PERIOD_US 100

/* The child's interrupt handler body; set before the timer starts. */
static void (*lock_probe_interrupt)(void);

static void lock_probe_on_signal(int sig)
{
	(void)sig;
	lock_probe_interrupt();
}

static double lock_probe_cpu_seconds(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

/* Arms SIGPROF to run the handler every LOCK_PROBE_PERIOD_US of CPU time. */
static int lock_probe_arm(void)
{
	struct itimerval period = {
		.it_interval = { .tv_usec = LOCK_PROBE_PERIOD_US },
		.it_value = { .tv_usec = LOCK_PROBE_PERIOD_US },
	};
	struct sigaction sa = { .sa_handler = lock_probe_on_signal };

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGPROF, &sa, NULL))
		return -1;
	return setitimer(ITIMER_PROF, &period, NULL);
}

/* The child: never returns. Its CPU time starts at 0 with the fork.
 * _exit() skips the sanitizers' exit checks, which belong to the parent. */
static void lock_probe_child(void (*work)(void *arg), void *arg, double seconds)
{
	int devnull = open("/dev/null", O_WRONLY);

	if (devnull < 0 || dup2(devnull, STDERR_FILENO) < 0 || lock_probe_arm())
		_exit(2);
	while (lock_probe_cpu_seconds() < seconds)
		work(arg);
	_exit(0);
}

enum lock_probe_result lock_probe_run(void (*work)(void *arg), void *arg, void (*interrupt)(void),
				      double seconds)
{
	int status;
	pid_t pid;

	lock_probe_interrupt = interrupt;
	pid = fork();
	if (pid < 0)
		return LOCK_PROBE_BROKEN;
	if (pid == 0)
		lock_probe_child(work, arg, seconds);
	if (waitpid(pid, &status, 0) != pid)
		return LOCK_PROBE_BROKEN;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT)
		return LOCK_PROBE_HELD;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return LOCK_PROBE_NEVER_HELD;
	return LOCK_PROBE_BROKEN;
}
