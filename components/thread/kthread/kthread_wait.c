/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wait queues: a FIFO of wait_entry structs that live on the waiters'
 * stacks, protected by the scheduler lock. A waiter tests its condition
 * under that lock before every sleep, and a waker takes the entry off the
 * queue before making the thread runnable, so a wake-up is never lost and
 * never delivered twice.
 */
#include <tessera/clock.h>
#include <tessera/panic.h>

#include "kthread.h"

void kthread_waitq_init(struct wait_queue *wq)
{
	wq->head = NULL;
	wq->tail = NULL;
}

static void kthread_waitq_append_locked(struct wait_queue *wq, struct wait_entry *e)
{
	e->next = NULL;
	e->woken = false;
	if (wq->tail)
		wq->tail->next = e;
	else
		wq->head = e;
	wq->tail = e;
}

static struct wait_entry *kthread_waitq_pop_locked(struct wait_queue *wq)
{
	struct wait_entry *e = wq->head;

	if (!e)
		return NULL;
	wq->head = e->next;
	if (!wq->head)
		wq->tail = NULL;
	e->next = NULL;
	return e;
}

/* Takes out an entry that timed out; it may be anywhere in the queue. */
static void kthread_waitq_remove_locked(struct wait_queue *wq, struct wait_entry *e)
{
	struct wait_entry *prev = NULL;

	for (struct wait_entry *it = wq->head; it; prev = it, it = it->next) {
		if (it != e)
			continue;
		if (prev)
			prev->next = e->next;
		else
			wq->head = e->next;
		if (wq->tail == e)
			wq->tail = prev;
		return;
	}
}

/* Sleeps once on the queue: until a wake-up takes the entry off it (0) or
 * the deadline passes (-ETIMEDOUT). */
static int kthread_sleep_on_locked(struct wait_queue *wq, uint64_t deadline_ns)
{
	struct wait_entry e = { .waiter = kthread_curr_locked() };

	if (deadline_ns != KTHREAD_NO_DEADLINE && platform_clock_ns() >= deadline_ns)
		return -ETIMEDOUT;
	kthread_waitq_append_locked(wq, &e);
	while (!e.woken) {
		if (kthread_block_locked(deadline_ns) && !e.woken) {
			kthread_waitq_remove_locked(wq, &e);
			return -ETIMEDOUT;
		}
	}
	return 0;
}

int kthread_wait_event(struct wait_queue *wq, wait_cond_t cond, void *arg, uint64_t timeout_ns)
{
	uint64_t deadline = kthread_deadline(timeout_ns);
	unsigned long flags = kthread_lock();
	int err = 0;

	while (!cond(arg)) {
		if (!kthread_started())
			panic("thread: %s would wait before scheduling started (thread_start)",
			      kthread_curr_locked()->name);
		if (kthread_sleep_on_locked(wq, deadline) == -ETIMEDOUT) {
			err = cond(arg) ? 0 : -ETIMEDOUT;
			break;
		}
	}
	kthread_unlock(flags);
	return err;
}

static bool kthread_wake_first_locked(struct wait_queue *wq)
{
	struct wait_entry *e = kthread_waitq_pop_locked(wq);

	if (!e)
		return false;
	e->woken = true;
	kthread_wake_locked(e->waiter);
	return true;
}

size_t kthread_wake_all_locked(struct wait_queue *wq)
{
	size_t n = 0;

	while (kthread_wake_first_locked(wq))
		n++;
	return n;
}

bool kthread_wake_one(struct wait_queue *wq)
{
	unsigned long flags = kthread_lock();
	bool woke = kthread_wake_first_locked(wq);

	kthread_unlock_preempt(flags);
	return woke;
}

size_t kthread_wake_all(struct wait_queue *wq)
{
	unsigned long flags = kthread_lock();
	size_t n = kthread_wake_all_locked(wq);

	kthread_unlock_preempt(flags);
	return n;
}
