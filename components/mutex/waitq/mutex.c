/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Mutexes: an owner word changed by compare-and-swap and a wait queue.
 * The waiter's condition claims the owner word itself, under the
 * scheduler lock, so testing and taking are one step and no unlock's
 * wake-up is lost between them.
 */
#include <tessera/components/mutex_waitq.h>

static bool waitq_mutex_claim(struct kmutex *m, struct kthread *self)
{
	struct kthread *expected = NULL;

	return __atomic_compare_exchange_n(&m->owner, &expected, self, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static bool waitq_mutex_cond(void *arg)
{
	return waitq_mutex_claim(arg, thread_current());
}

void waitq_mutex_init(struct kmutex *m)
{
	m->owner = NULL;
	thread_waitq_init(&m->waiters);
}

int waitq_mutex_lock(struct kmutex *m)
{
	struct kthread *self = thread_current();

	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == self)
		return -EDEADLK;
	if (waitq_mutex_claim(m, self))
		return 0;
	return thread_wait_event(&m->waiters, waitq_mutex_cond, m, WAIT_FOREVER);
}

int waitq_mutex_trylock(struct kmutex *m)
{
	return waitq_mutex_claim(m, thread_current()) ? 0 : -EBUSY;
}

int waitq_mutex_unlock(struct kmutex *m)
{
	struct kthread *self = thread_current();

	if (!__atomic_compare_exchange_n(&m->owner, &self, NULL, false, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		return -EPERM;
	thread_wake_one(&m->waiters);
	return 0;
}

struct kthread *waitq_mutex_owner(const struct kmutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED);
}
