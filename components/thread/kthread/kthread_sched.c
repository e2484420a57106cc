/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The scheduler core: which thread is on the CPU, switching to the one the
 * `sched` policy picks, the timer tick that charges and preempts, the
 * sleep list, the idle thread, and start(), which turns the boot context
 * into a thread. Everything else in this component blocks and wakes
 * through the functions here.
 *
 * Preemption happens in two places only: on the way out of an interrupt
 * (the platform's irq exit hook), and when a thread that may be preempted
 * releases the lock after a wake-up. Code running with interrupts
 * disabled, which includes every spinlock holder, is never preempted.
 */
#include <tessera/clock.h>
#include <tessera/context.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/spinlock.h>

#include "kthread.h"

/* The boot code's context: the running thread from the first instruction,
 * so that locks have an owner during init; start() makes it schedulable. */
static struct kthread kthread_boot = {
	.magic = KTHREAD_MAGIC,
	.tid = 1,
	.state = THREAD_RUNNING,
	.deadline_ns = KTHREAD_NO_DEADLINE,
	.name = "boot",
};

static struct {
	struct spinlock lock;
	struct kthread *curr;
	struct kthread *idle; /* NULL until start() */
	struct kthread *dead; /* a detached thread that exited: freed after the switch */
	struct kthread *sleepers; /* blocked with a deadline, soonest first */
	bool need_resched;
	uint64_t charged_ns; /* when curr was last charged */
	uint64_t switches;
	uint64_t idle_ns; /* time charged while the idle thread ran */
	thread_switch_hook_t switch_hook; /* the process layer's, or NULL */
} kcpu = { .lock = SPINLOCK_INIT, .curr = &kthread_boot };

unsigned long kthread_lock(void)
{
	return spin_lock_irqsave(&kcpu.lock);
}

void kthread_unlock(unsigned long flags)
{
	spin_unlock_irqrestore(&kcpu.lock, flags);
}

struct kthread *kthread_curr_locked(void)
{
	return kcpu.curr;
}

bool kthread_started(void)
{
	return kcpu.idle != NULL;
}

uint64_t kthread_deadline(uint64_t timeout_ns)
{
	uint64_t now = platform_clock_ns();

	if (timeout_ns >= KTHREAD_NO_DEADLINE - now)
		return KTHREAD_NO_DEADLINE;
	return now + timeout_ns;
}

/* Charges the running thread for the CPU time since it was last charged,
 * and returns the policy's verdict on preempting it. */
static bool kthread_charge_locked(uint64_t now)
{
	struct kthread *curr = kcpu.curr;
	uint64_t delta = now - kcpu.charged_ns;

	kcpu.charged_ns = now;
	if (curr == kcpu.idle) {
		kcpu.idle_ns += delta;
		return sched_nr_runnable() > 0;
	}
	return sched_tick(&curr->se, delta);
}

/* Runs in the thread switched to, on its own stack: the exited thread
 * switched away from can now lose its stack. */
static void kthread_finish_switch_locked(void)
{
	struct kthread *dead = kcpu.dead;

	if (!dead)
		return;
	kcpu.dead = NULL;
	kthread_unlink_locked(dead);
	kthread_free(dead);
}

/* The running thread has been given back to the policy (put_prev) or
 * taken off it (dequeue); run whatever the policy picks, or idle. */
static void kthread_switch_locked(void)
{
	struct kthread *prev = kcpu.curr;
	struct sched_entity *se = sched_pick_next();
	struct kthread *next = se ? se->owner : kcpu.idle;

	kcpu.need_resched = false;
	next->state = THREAD_RUNNING;
	if (next == prev)
		return;
	kthread_stack_check(prev);
	next->switches++;
	kcpu.switches++;
	kcpu.curr = next;
	if (kcpu.switch_hook)
		kcpu.switch_hook(prev, next);
	platform_context_switch(&prev->sp, next->sp);
	kthread_finish_switch_locked();
}

/* Preempts the running thread: it stays runnable. */
static void kthread_preempt_locked(void)
{
	struct kthread *curr = kcpu.curr;

	kthread_charge_locked(platform_clock_ns());
	if (curr != kcpu.idle) {
		curr->state = THREAD_READY;
		sched_put_prev(&curr->se);
	}
	kthread_switch_locked();
}

void kthread_unlock_preempt(unsigned long flags)
{
	if (kcpu.need_resched && (flags & IRQ_RFLAGS_IF))
		kthread_preempt_locked();
	kthread_unlock(flags);
}

static void kthread_sleep_insert_locked(struct kthread *t, uint64_t deadline_ns)
{
	struct kthread **link = &kcpu.sleepers;

	while (*link && (*link)->deadline_ns <= deadline_ns)
		link = &(*link)->sleep_next;
	t->deadline_ns = deadline_ns;
	t->sleep_next = *link;
	*link = t;
}

static void kthread_sleep_remove_locked(struct kthread *t)
{
	struct kthread **link = &kcpu.sleepers;

	while (*link && *link != t)
		link = &(*link)->sleep_next;
	if (*link)
		*link = t->sleep_next;
	t->deadline_ns = KTHREAD_NO_DEADLINE;
	t->sleep_next = NULL;
}

bool kthread_block_locked(uint64_t deadline_ns)
{
	struct kthread *curr = kcpu.curr;

	if (!kcpu.idle)
		panic("thread: %s would block before scheduling started (thread_start)", curr->name);
	if (curr == kcpu.idle)
		panic("thread: the idle thread tried to block");
	kthread_charge_locked(platform_clock_ns());
	curr->state = THREAD_BLOCKED;
	curr->timed_out = false;
	if (deadline_ns != KTHREAD_NO_DEADLINE)
		kthread_sleep_insert_locked(curr, deadline_ns);
	sched_dequeue(&curr->se);
	kthread_switch_locked();
	if (curr->deadline_ns != KTHREAD_NO_DEADLINE)
		kthread_sleep_remove_locked(curr);
	return curr->timed_out;
}

/* A woken thread that the policy says should run now, or any thread
 * woken while the CPU idles, asks for a switch. */
void kthread_make_runnable_locked(struct kthread *t)
{
	t->state = THREAD_READY;
	sched_enqueue(&t->se);
	if (!kcpu.idle)
		return; /* created before start(): it runs once scheduling starts */
	if (kcpu.curr == kcpu.idle || sched_should_preempt(&kcpu.curr->se, &t->se))
		kcpu.need_resched = true;
}

bool kthread_wake_locked(struct kthread *t)
{
	if (t->state != THREAD_BLOCKED)
		return false;
	if (t->deadline_ns != KTHREAD_NO_DEADLINE)
		kthread_sleep_remove_locked(t);
	kthread_make_runnable_locked(t);
	return true;
}

void kthread_exit_locked(void)
{
	struct kthread *curr = kcpu.curr;

	kthread_charge_locked(platform_clock_ns());
	curr->state = THREAD_EXITED;
	if (curr->detached)
		kcpu.dead = curr;
	sched_dequeue(&curr->se);
	kthread_switch_locked();
	panic("thread: %s ran after it exited", curr->name);
}

/* The timer: wake the sleepers whose deadline passed, charge the running
 * thread, and ask for a switch when the policy says (the irq exit hook
 * below makes it). */
static void kthread_tick(uint64_t now)
{
	unsigned long flags = kthread_lock();

	while (kcpu.sleepers && kcpu.sleepers->deadline_ns <= now) {
		struct kthread *t = kcpu.sleepers;

		kthread_sleep_remove_locked(t);
		t->timed_out = true;
		kthread_make_runnable_locked(t);
	}
	if (kthread_charge_locked(now))
		kcpu.need_resched = true;
	kthread_unlock(flags);
}

static void kthread_irq_exit(struct trap_frame *frame)
{
	unsigned long flags;

	(void)frame;
	if (!kcpu.need_resched)
		return;
	flags = kthread_lock();
	if (kcpu.need_resched)
		kthread_preempt_locked();
	kthread_unlock(flags);
}

/* The first code of every new thread, entered from a switch with the lock
 * held and interrupts disabled. */
static void kthread_first_run(void *arg)
{
	struct kthread *self = arg;

	kthread_finish_switch_locked();
	kthread_unlock(IRQ_RFLAGS_IF);
	if (self->entry)
		kthread_exit(self->entry(self->arg));
	/* The idle thread: halt until an interrupt; the exit hook switches
	 * away from here when anything becomes runnable. */
	for (;;) {
		unsigned long flags;

		irq_disable();
		flags = kthread_lock();
		if (sched_nr_runnable() > 0)
			kthread_switch_locked();
		kthread_unlock(flags);
		irq_enable_and_wait();
	}
}

void *kthread_first_frame(struct kthread *t)
{
	return platform_context_prepare(t->stack + t->stack_size, kthread_first_run, t);
}

int kthread_start(void)
{
	struct kthread *idle;
	unsigned long flags;
	int err;

	if (kcpu.idle)
		return -EBUSY;
	err = sched_init_entity(&kthread_boot.se, SCHED_PRIO_DEFAULT);
	if (err)
		return err;
	kthread_boot.se.owner = &kthread_boot;
	kthread_waitq_init(&kthread_boot.joiners);
	err = kthread_alloc("idle", &idle);
	if (err)
		return err;
	/* The idle thread is never queued: it runs when the policy has nothing. */
	idle->tid = 0;
	idle->sp = kthread_first_frame(idle);
	idle->state = THREAD_READY;
	flags = kthread_lock();
	kthread_link_locked(idle);
	kthread_link_locked(&kthread_boot);
	kcpu.idle = idle;
	kcpu.charged_ns = platform_clock_ns();
	platform_set_tick_handler(kthread_tick);
	irq_set_exit_hook(kthread_irq_exit);
	kthread_unlock(flags);
	irq_enable();
	kprintf("thread: scheduling started (%s), %zu KiB stacks\n", irq_controller_name(),
		(size_t)thread_kthread_stack_kib);
	return 0;
}

void kthread_yield(void)
{
	unsigned long flags = kthread_lock();

	if (kcpu.idle)
		kthread_preempt_locked();
	kthread_unlock(flags);
}

uint64_t kthread_switches(void)
{
	return kcpu.switches;
}

uint64_t kthread_idle_ns(void)
{
	unsigned long flags = kthread_lock();
	uint64_t ns = kcpu.idle_ns;

	kthread_unlock(flags);
	return ns;
}

void kthread_set_switch_hook(thread_switch_hook_t hook)
{
	unsigned long flags = kthread_lock();

	kcpu.switch_hook = hook;
	kthread_unlock(flags);
}

struct kthread *kthread_current(void)
{
	return kcpu.curr;
}

/* Whether a priority change means the running thread should give way. */
void kthread_prio_changed_locked(struct kthread *t)
{
	if (!kcpu.idle)
		return;
	if (kcpu.curr == kcpu.idle) {
		kcpu.need_resched = t->state == THREAD_READY;
	} else if (t == kcpu.curr) {
		if (sched_tick(&t->se, 0))
			kcpu.need_resched = true;
	} else if (t->state == THREAD_READY && sched_should_preempt(&kcpu.curr->se, &t->se)) {
		kcpu.need_resched = true;
	}
}
