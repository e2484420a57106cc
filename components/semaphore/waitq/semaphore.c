/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Counting semaphores: a count changed by compare-and-swap and a wait
 * queue. A waiter's condition takes the unit itself, under the scheduler
 * lock, so an up() between its test and its sleep cannot be lost.
 */
#include <tessera/components/semaphore_waitq.h>

static bool waitq_sem_take(void *arg)
{
	struct ksemaphore *s = arg;
	uint32_t count = __atomic_load_n(&s->count, __ATOMIC_RELAXED);

	while (count > 0)
		if (__atomic_compare_exchange_n(&s->count, &count, count - 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

void waitq_sem_init(struct ksemaphore *s, uint32_t count)
{
	s->count = count;
	thread_waitq_init(&s->waiters);
}

int waitq_sem_down(struct ksemaphore *s, uint64_t timeout_ns)
{
	if (waitq_sem_take(s))
		return 0;
	return thread_wait_event(&s->waiters, waitq_sem_take, s, timeout_ns);
}

int waitq_sem_trydown(struct ksemaphore *s)
{
	return waitq_sem_take(s) ? 0 : -EAGAIN;
}

int waitq_sem_up(struct ksemaphore *s)
{
	uint32_t count = __atomic_load_n(&s->count, __ATOMIC_RELAXED);

	do {
		if (count == UINT32_MAX)
			return -EOVERFLOW;
	} while (!__atomic_compare_exchange_n(&s->count, &count, count + 1, true, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	thread_wake_one(&s->waiters);
	return 0;
}
