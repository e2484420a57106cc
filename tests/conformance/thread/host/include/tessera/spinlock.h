/* SPDX-License-Identifier: Apache-2.0 */
/*
 * <tessera/spinlock.h> for the thread and sync suites: the host spinlock
 * (tests/host/include/tessera/spinlock.h, included below) with the
 * platform's interrupt discipline added: taking a lock disables the
 * simulated interrupts and releasing it restores them. The kernel-thread
 * provider depends on that: it preempts on unlock only when the flags it
 * saved say interrupts were enabled, and a new thread's first unlock is
 * what enables them. Found first on these suites' include path.
 */
#ifndef TESSERA_TESTS_THREAD_SPINLOCK_H
#define TESSERA_TESTS_THREAD_SPINLOCK_H

#include <tessera/irq.h>

/* The host lock's own functions, under names of their own: they still
 * abort on a lock taken twice or released while free. */
#define spin_trylock_irqsave host_spin_trylock_bare
#define spin_lock_irqsave host_spin_lock_bare
#define spin_unlock_irqrestore host_spin_unlock_bare
#include_next <tessera/spinlock.h>
#undef spin_trylock_irqsave
#undef spin_lock_irqsave
#undef spin_unlock_irqrestore

static inline bool spin_trylock_irqsave(struct spinlock *lock, unsigned long *flags)
{
	unsigned long saved = irq_save();

	if (host_spin_trylock_bare(lock, flags)) {
		*flags = saved;
		return true;
	}
	irq_restore(saved);
	return false;
}

static inline unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long saved = irq_save();

	host_spin_lock_bare(lock);
	return saved;
}

static inline void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	host_spin_unlock_bare(lock, 0);
	irq_restore(flags);
}

#endif
