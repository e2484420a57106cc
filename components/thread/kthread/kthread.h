/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel-thread provider's private view: struct kthread and the
 * scheduler core (kthread_sched.c) that the thread life cycle
 * (kthread_life.c) and the wait queues (kthread_wait.c) build on.
 *
 * One lock, the scheduler's, protects every thread's state, the run queue
 * (the policy takes none of its own), the sleep list and every wait
 * queue. It is a spinlock taken with interrupts disabled; Tessera runs on
 * one CPU, so it is never contended, only held.
 */
#ifndef KTHREAD_H
#define KTHREAD_H

#include <stdbool.h>
#include <stdint.h>

#include <tessera/components/thread_kthread.h>

#define KTHREAD_MAGIC 0x6b746872u /* "kthr": catches a stale or foreign handle */
#define KTHREAD_NO_DEADLINE UINT64_MAX

struct kthread {
	struct sched_entity se; /* se.owner is the thread */
	uint32_t magic;
	uint32_t tid;
	thread_state_t state;
	bool detached;
	bool joining; /* someone waits in join() */
	int32_t exit_code;
	void *sp; /* saved while switched out */
	uint8_t *stack; /* lowest byte; NULL for the boot thread's borrowed stack */
	size_t stack_size;
	thread_entry_t entry;
	void *arg;
	uint64_t switches;
	struct wait_queue joiners;
	/* While blocked with a deadline: on the sleep list, soonest first. */
	uint64_t deadline_ns;
	struct kthread *sleep_next;
	bool timed_out;
	struct kthread *all_next; /* every thread not yet freed, newest first */
	char name[THREAD_NAME_MAX];
	struct thread_ctx ctx; /* the layers above: process, files, memory */
};

/* The scheduler lock; every function ending in _locked needs it held. */
unsigned long kthread_lock(void);
void kthread_unlock(unsigned long flags);
/* Releases the lock, first switching away when a wake-up asked for it and
 * the caller may be preempted (interrupts were enabled at its lock). */
void kthread_unlock_preempt(unsigned long flags);

struct kthread *kthread_curr_locked(void);
bool kthread_started(void);

/* Blocks the running thread until kthread_wake_locked() or the deadline
 * (KTHREAD_NO_DEADLINE for none); returns true when the deadline woke it. */
bool kthread_block_locked(uint64_t deadline_ns);
/* Makes a blocked thread runnable; false if it was not blocked. */
bool kthread_wake_locked(struct kthread *t);
/* Queues a new or woken thread with the policy, asking for a switch when
 * it should run now. */
void kthread_make_runnable_locked(struct kthread *t);
/* Ends the running thread; never returns. */
void kthread_exit_locked(void) __attribute__((noreturn));
/* Asks for a switch when @t's new priority means it should run now, or
 * the running thread's means it should not. */
void kthread_prio_changed_locked(struct kthread *t);
/* The saved stack pointer that starts a new thread in its entry. */
void *kthread_first_frame(struct kthread *t);
/* Records a thread in the list of all threads / takes it out. */
void kthread_link_locked(struct kthread *t);
void kthread_unlink_locked(struct kthread *t);

/* The time after @timeout_ns from now, saturating at KTHREAD_NO_DEADLINE. */
uint64_t kthread_deadline(uint64_t timeout_ns);

/* Wakes every waiter of a queue; returns how many (kthread_wait.c). */
size_t kthread_wake_all_locked(struct wait_queue *wq);

/* Thread memory (kthread_stack.c). */
int kthread_alloc(const char *name, struct kthread **out);
void kthread_free(struct kthread *t);
void kthread_free_stack(struct kthread *t);
void kthread_stack_check(const struct kthread *t);
size_t kthread_stack_unused(const struct kthread *t);

#endif
