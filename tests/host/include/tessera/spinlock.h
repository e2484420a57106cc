/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/spinlock.h>, for components under host tests:
 * the same API as platform/x86_64's, with no interrupts to disable. Host
 * tests are single-threaded, so a lock taken while held is a bug in the
 * component (a recursive lock, or a path that forgot to unlock): it aborts,
 * as the kernel panics.
 */
#ifndef TESSERA_SPINLOCK_H
#define TESSERA_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct spinlock {
	volatile uint32_t locked;
};

#define SPINLOCK_INIT { .locked = 0 }

static inline void spin_lock_init(struct spinlock *lock)
{
	lock->locked = 0;
}

static inline bool spin_is_locked(const struct spinlock *lock)
{
	return lock->locked != 0;
}

static inline bool spin_trylock_irqsave(struct spinlock *lock, unsigned long *flags)
{
	if (lock->locked)
		return false;
	lock->locked = 1;
	*flags = 0;
	return true;
}

static inline unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long flags;

	if (!spin_trylock_irqsave(lock, &flags)) {
		fprintf(stderr, "deadlock: spinlock %p already held\n", (void *)lock);
		abort();
	}
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	(void)flags;
	if (!lock->locked) {
		fprintf(stderr, "spinlock %p released while free\n", (void *)lock);
		abort();
	}
	lock->locked = 0;
}

#endif
