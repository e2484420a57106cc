/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Spinlocks on x86_64, for any kernel code, components included: a lock
 * word taken with an atomic exchange, always with interrupts disabled on
 * this CPU, so an interrupt handler may take the same lock.
 *
 * Tessera runs on one CPU. There a spinlock held by someone else when
 * interrupts are off can never be released: whoever holds it cannot run
 * again. Taking a held lock therefore panics at once ("deadlock") instead
 * of spinning for ever; the exchange and the pause loop stay so that the
 * same code is right when more CPUs arrive.
 */
#ifndef TESSERA_SPINLOCK_H
#define TESSERA_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/panic.h>

struct spinlock {
	volatile uint32_t locked; /* 1 while held */
};

#define SPINLOCK_INIT { .locked = 0 }

static inline void spin_lock_init(struct spinlock *lock)
{
	lock->locked = 0;
}

static inline bool spin_is_locked(const struct spinlock *lock)
{
	return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED) != 0;
}

/**
 * spin_trylock_irqsave() - Take a lock if it is free, disabling interrupts.
 * @lock: the lock.
 * @flags: set to what spin_unlock_irqrestore() needs, when it returns true.
 *
 * Return: true when the lock is now held; false (interrupts as they were)
 * when someone holds it.
 */
static inline bool spin_trylock_irqsave(struct spinlock *lock, unsigned long *flags)
{
	unsigned long saved = irq_save();

	if (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE) == 0) {
		*flags = saved;
		return true;
	}
	irq_restore(saved);
	return false;
}

/**
 * spin_lock_irqsave() - Disable interrupts and take a lock.
 * @lock: the lock; not held by this CPU (that would be a deadlock, which
 *        panics naming the caller).
 *
 * Return: the interrupt state to hand to spin_unlock_irqrestore().
 */
static inline unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long flags;

	if (!spin_trylock_irqsave(lock, &flags))
		panic("deadlock: spinlock %p already held (taken again from %p)", (void *)lock,
		      __builtin_return_address(0));
	return flags;
}

/**
 * spin_unlock_irqrestore() - Release a lock and restore interrupts.
 * @lock: a lock this CPU holds.
 * @flags: what the matching spin_lock_irqsave() returned.
 */
static inline void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	irq_restore(flags);
}

#endif
