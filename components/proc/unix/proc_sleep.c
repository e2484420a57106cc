/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one way the process layer's system calls sleep (wait4, futex,
 * nanosleep, vfork): a wait that also ends when the caller's process is
 * being killed, so exit_group never waits for a sleeper's timeout.
 */
#include "proc.h"

struct proc_sleep_cond {
	wait_cond_t cond;
	void *arg;
	const struct proc_thread *self;
};

/* Runs under the scheduler's lock: quick, no blocking. */
static bool proc_sleep_done(void *arg)
{
	struct proc_sleep_cond *c = arg;

	if (c->self && proc_should_die(c->self))
		return true;
	return c->cond(c->arg);
}

int proc_sleep(struct wait_queue *wq, wait_cond_t cond, void *arg, uint64_t timeout_ns)
{
	struct proc_thread *self = proc_current_thread();
	struct proc_sleep_cond c = { .cond = cond, .arg = arg, .self = self };
	int err;

	if (self)
		self->sleeping_on = wq;
	err = thread_wait_event(wq, proc_sleep_done, &c, timeout_ns);
	if (self) {
		self->sleeping_on = NULL;
		if (proc_should_die(self))
			return -EINTR;
	}
	return err;
}
