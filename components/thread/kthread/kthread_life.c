/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A thread's life: create, exit, join, sleep, priority changes and
 * descriptions, on top of the scheduler core (kthread_sched.c).
 */
#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/panic.h>

#include "kthread.h"

/* Every thread not yet freed, for info and, later, /proc. */
static struct kthread *kthread_all;
static uint32_t kthread_next_tid = 2; /* 0 idle, 1 boot */

void kthread_link_locked(struct kthread *t)
{
	t->all_next = kthread_all;
	kthread_all = t;
}

void kthread_unlink_locked(struct kthread *t)
{
	struct kthread **link = &kthread_all;

	while (*link && *link != t)
		link = &(*link)->all_next;
	if (*link)
		*link = t->all_next;
}

static bool kthread_is_valid(const struct kthread *t)
{
	return t && t->magic == KTHREAD_MAGIC;
}

int kthread_create(thread_entry_t entry, void *arg, const char *name, uint32_t prio,
		   struct kthread **out_thread)
{
	struct kthread *t;
	unsigned long flags;
	int err;

	if (!entry || prio > SCHED_PRIO_LOWEST)
		return -EINVAL;
	if (kthread_next_tid == UINT32_MAX)
		return -EAGAIN;
	err = kthread_alloc(name, &t);
	if (err)
		return err;
	err = sched_init_entity(&t->se, prio);
	if (err) {
		kthread_free(t);
		return err;
	}
	t->entry = entry;
	t->arg = arg;
	t->detached = out_thread == NULL;
	t->sp = kthread_first_frame(t);
	kthread_waitq_init(&t->joiners);
	flags = kthread_lock();
	t->tid = kthread_next_tid++;
	kthread_link_locked(t);
	if (out_thread)
		*out_thread = t;
	kthread_make_runnable_locked(t);
	kthread_unlock_preempt(flags);
	return 0;
}

void kthread_exit(int32_t code)
{
	unsigned long flags = kthread_lock();
	struct kthread *curr = kthread_curr_locked();

	if (!curr || curr->tid <= 1)
		panic("thread: %s cannot exit", curr ? curr->name : "the boot context");
	curr->exit_code = code;
	kthread_wake_all_locked(&curr->joiners);
	(void)flags; /* the thread never runs again to restore it */
	kthread_exit_locked();
}

static bool kthread_has_exited(void *arg)
{
	return ((struct kthread *)arg)->state == THREAD_EXITED;
}

int kthread_join(struct kthread *t, int32_t *code)
{
	unsigned long flags;
	int err = 0;

	if (!kthread_is_valid(t) || t->detached || t->tid <= 1)
		return -EINVAL;
	flags = kthread_lock();
	if (t == kthread_curr_locked())
		err = -EDEADLK;
	else if (t->joining)
		err = -EINVAL;
	else
		t->joining = true;
	kthread_unlock(flags);
	if (err)
		return err;
	kthread_wait_event(&t->joiners, kthread_has_exited, t, WAIT_FOREVER);
	if (code)
		*code = t->exit_code;
	flags = kthread_lock();
	kthread_unlink_locked(t);
	kthread_unlock(flags);
	kthread_free(t);
	return 0;
}

void kthread_sleep_ns(uint64_t ns)
{
	uint64_t deadline = kthread_deadline(ns);
	unsigned long flags;

	if (!kthread_started()) {
		/* Boot code before start(): nothing else could run anyway. */
		while (platform_clock_ns() < deadline)
			__builtin_ia32_pause();
		return;
	}
	if (ns == 0) {
		kthread_yield();
		return;
	}
	flags = kthread_lock();
	while (!kthread_block_locked(deadline))
		; /* woken early by nobody's wake-up but the timer's; keep sleeping */
	kthread_unlock(flags);
}

int kthread_set_prio(struct kthread *t, uint32_t prio)
{
	unsigned long flags;
	int err;

	if (prio > SCHED_PRIO_LOWEST)
		return -EINVAL;
	flags = kthread_lock();
	if (!t)
		t = kthread_curr_locked();
	if (!kthread_is_valid(t) || t->tid == 0 || t->state == THREAD_EXITED) {
		kthread_unlock(flags);
		return -EINVAL;
	}
	err = sched_set_prio(&t->se, prio);
	if (!err)
		kthread_prio_changed_locked(t);
	kthread_unlock_preempt(flags);
	return err;
}

struct thread_ctx *kthread_ctx(struct kthread *t)
{
	return t ? &t->ctx : &kthread_current()->ctx;
}

/* 0 for the boot thread, which runs on the platform's boot stack. */
size_t kthread_stack_top(const struct kthread *t)
{
	if (!t)
		t = kthread_current();
	return t->stack ? (size_t)(uintptr_t)(t->stack + t->stack_size) : 0;
}

void kthread_info(const struct kthread *t, struct thread_info *info)
{
	unsigned long flags = kthread_lock();

	if (!t)
		t = kthread_curr_locked();
	__builtin_memset(info, 0, sizeof(*info));
	if (t) {
		__builtin_memcpy(info->name, t->name, sizeof(info->name));
		info->tid = t->tid;
		info->state = t->state;
		info->priority = t->se.priority;
		info->switches = t->switches;
		info->runtime_ns = t->se.runtime_ns;
	}
	kthread_unlock(flags);
	if (t)
		info->stack_unused = kthread_stack_unused(t);
}
