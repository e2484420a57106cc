/* SPDX-License-Identifier: Apache-2.0 */
/*
 * futex: threads sleeping on a 32-bit user word, keyed by (address
 * space, address) in a hash of buckets. A waiter checks the word and
 * queues itself under the bucket's lock, so a wake that follows a change
 * of the word cannot be missed. FUTEX_PRIVATE_FLAG changes nothing here:
 * every key is already per address space.
 */
#include <tessera/uaccess.h>

#include "futex_hash.h"
#include "proc.h"

#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

struct futex_waiter {
	struct futex_waiter *next;
	struct vm_space *mm;
	uint64_t uaddr;
	uint32_t bitset;
	bool woken; /* set under the bucket lock by a waker */
};

struct futex_bucket {
	struct spinlock lock;
	struct futex_waiter *waiters;
	struct wait_queue wq;
};

static struct futex_bucket futex_buckets[FUTEX_HASH_SIZE];

void futex_init(void)
{
	for (size_t i = 0; i < FUTEX_HASH_SIZE; i++) {
		spin_lock_init(&futex_buckets[i].lock);
		thread_waitq_init(&futex_buckets[i].wq);
	}
}

static struct futex_bucket *futex_bucket_of(struct vm_space *mm, uint64_t uaddr)
{
	return &futex_buckets[futex_hash((uintptr_t)mm, uaddr)];
}

long futex_wake(struct vm_space *mm, uint64_t uaddr, uint32_t count, uint32_t bitset)
{
	struct futex_bucket *b = futex_bucket_of(mm, uaddr);
	unsigned long flags = spin_lock_irqsave(&b->lock);
	struct futex_waiter **link = &b->waiters;
	long woken = 0;

	while (*link && (uint32_t)woken < count) {
		struct futex_waiter *w = *link;

		if (w->mm == mm && w->uaddr == uaddr && (w->bitset & bitset)) {
			*link = w->next;
			__atomic_store_n(&w->woken, true, __ATOMIC_SEQ_CST);
			woken++;
		} else {
			link = &w->next;
		}
	}
	spin_unlock_irqrestore(&b->lock, flags);
	if (woken)
		thread_wake_all(&b->wq);
	return woken;
}

static bool futex_woken(void *arg)
{
	struct futex_waiter *w = arg;

	return __atomic_load_n(&w->woken, __ATOMIC_SEQ_CST);
}

/* Takes @w off its bucket if no waker did; returns whether it was woken. */
static bool futex_dequeue(struct futex_bucket *b, struct futex_waiter *w)
{
	unsigned long flags = spin_lock_irqsave(&b->lock);
	bool woken = w->woken;

	if (!woken) {
		struct futex_waiter **link = &b->waiters;

		while (*link != w)
			link = &(*link)->next;
		*link = w->next;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return woken;
}

static long futex_wait(uint32_t __user *uaddr, uint32_t val, uint64_t timeout_ns, uint32_t bitset)
{
	struct futex_waiter w = { .mm = proc_current_thread()->mm, .uaddr = (uint64_t)uaddr, .bitset = bitset };
	struct futex_bucket *b = futex_bucket_of(w.mm, w.uaddr);
	uint32_t now;
	unsigned long flags;
	int err;

	/* Fault the page in first; under the lock the read then cannot sleep. */
	if (copy_from_user(&now, uaddr, sizeof(now)))
		return -EFAULT;
	flags = spin_lock_irqsave(&b->lock);
	err = copy_from_user(&now, uaddr, sizeof(now));
	if (err || now != val) {
		spin_unlock_irqrestore(&b->lock, flags);
		return err ? -EFAULT : -EAGAIN;
	}
	w.next = b->waiters;
	b->waiters = &w;
	spin_unlock_irqrestore(&b->lock, flags);
	err = proc_sleep(&b->wq, futex_woken, &w, timeout_ns);
	if (futex_dequeue(b, &w))
		return 0;
	return err ? err : -EINTR;
}

/* The timeout as a relative wait: FUTEX_WAIT's is relative, WAIT_BITSET's absolute. */
static long futex_timeout(const struct timespec __user *utime, bool absolute, bool realtime, uint64_t *ns)
{
	struct timespec ts;
	uint64_t when, now;

	*ns = WAIT_FOREVER;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	when = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	if (!absolute) {
		*ns = when;
		return 0;
	}
	now = realtime ? proc_clock_realtime_ns() : proc_clock_monotonic_ns();
	*ns = when > now ? when - now : 0;
	return 0;
}

long proc_sys_futex(uint32_t __user *uaddr, futex_op_t op, uint32_t val, const struct timespec __user *utime,
		    uint32_t __user *uaddr2, uint32_t val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	bool realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
	uint64_t timeout;
	long err;

	(void)uaddr2;
	if ((uint64_t)uaddr % 4)
		return -EINVAL;
	if (realtime && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS; /* as Linux, for FUTEX_WAIT */
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (cmd == FUTEX_WAIT_BITSET && val3 == 0)
			return -EINVAL;
		if ((err = futex_timeout(utime, cmd == FUTEX_WAIT_BITSET, realtime, &timeout)))
			return err;
		return futex_wait(uaddr, val, timeout, cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		if (cmd == FUTEX_WAKE_BITSET && val3 == 0)
			return -EINVAL;
		return futex_wake(proc_current_thread()->mm, (uint64_t)uaddr, val,
				  cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3);
	default:
		return -ENOSYS;
	}
}
