/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stack cases of the thread conformance suite: a thread that reached the
 * bottom of its stack is caught when it is switched out. The panic ends
 * the process, so the case runs in a child and reads its stderr.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_world.h"
#include "thread_cases.h"

/* Writes the lowest byte of its own stack, as a thread that ran out of
 * stack would, then gives up the CPU. Stacks are aligned to their size.
 * The frame address, not a local's: with detect_stack_use_after_return
 * ASan keeps locals on a fake stack elsewhere. */
static int32_t scribble_on_stack_bottom(void *arg)
{
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	volatile uint8_t *bottom = (uint8_t *)(here & ~(uintptr_t)(world_stack_size() - 1));

	(void)arg;
	*bottom = (uint8_t)~*bottom;
	thread_yield();
	thread_sleep_ns(HOST_TICK_NS);
	return 0;
}

/* The child: returns only if nothing panicked. */
static void overflow_in_child(int err_fd)
{
	struct kthread *th;

	dup2(err_fd, STDERR_FILENO);
	if (thread_create(scribble_on_stack_bottom, NULL, "scribbler", SCHED_PRIO_DEFAULT, &th) == 0)
		thread_join(th, NULL);
	_exit(0);
}

static size_t read_all(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t got;

	while (n + 1 < size && (got = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	return n;
}

void the_stack_canary_catches_an_overflow(struct ktap *t)
{
	char report[4096];
	int fds[2], status = 0;
	pid_t child;

	if (!ktap_expect(t, pipe(fds) == 0, "pipe"))
		return;
	fflush(stdout);
	child = fork();
	if (child == 0)
		overflow_in_child(fds[1]);
	close(fds[1]);
	read_all(fds[0], report, sizeof(report));
	close(fds[0]);
	if (!ktap_expect(t, child > 0 && waitpid(child, &status, 0) == child, "fork/wait"))
		return;
	ktap_expect(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		    "the child did not panic (status %#x)", status);
	ktap_expect(t, strstr(report, "PANIC: ") && strstr(report, "scribbler"),
		    "the panic does not name the thread: \"%s\"", report);
}
