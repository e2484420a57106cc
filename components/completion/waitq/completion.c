/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Completions: a count of announcements changed by compare-and-swap and a
 * wait queue. A waiter's condition consumes the announcement itself,
 * under the scheduler lock, so none is lost or taken twice.
 */
#include <tessera/components/completion_waitq.h>

static bool waitq_completion_consume(void *arg)
{
	struct kcompletion *c = arg;
	uint32_t done = __atomic_load_n(&c->done, __ATOMIC_ACQUIRE);

	while (done > 0) {
		if (done == COMPLETION_ALL)
			return true;
		if (__atomic_compare_exchange_n(&c->done, &done, done - 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_ACQUIRE))
			return true;
	}
	return false;
}

void waitq_completion_init(struct kcompletion *c)
{
	c->done = 0;
	thread_waitq_init(&c->waiters);
}

void waitq_complete(struct kcompletion *c)
{
	uint32_t done = __atomic_load_n(&c->done, __ATOMIC_RELAXED);

	/* Banked announcements stop one short of COMPLETION_ALL. */
	while (done < COMPLETION_ALL - 1 &&
	       !__atomic_compare_exchange_n(&c->done, &done, done + 1, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED))
		;
	thread_wake_one(&c->waiters);
}

void waitq_complete_all(struct kcompletion *c)
{
	__atomic_store_n(&c->done, COMPLETION_ALL, __ATOMIC_RELEASE);
	thread_wake_all(&c->waiters);
}

int waitq_completion_wait(struct kcompletion *c, uint64_t timeout_ns)
{
	if (waitq_completion_consume(c))
		return 0;
	return thread_wait_event(&c->waiters, waitq_completion_consume, c, timeout_ns);
}
