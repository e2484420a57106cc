/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-kernel self-tests of threads and their synchronisation, run by
 * kmain() once thread_start() made the boot code a thread: creation and
 * join, preemption by the timer, sleeping, and each sleeping primitive
 * under real contention, including a wake-up from an interrupt handler.
 * They go through the interfaces only, so they test whatever this image
 * binds to thread, waitq, mutex, semaphore, completion and sched.
 */
#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "core.h"
#include "selftest.h"

#define MS (1000ull * 1000)
/* Long enough for the slowest emulation we run under, short enough that
 * a broken primitive fails the boot quickly instead of hanging it. */
#define SELFTEST_PATIENCE_NS (5000 * MS)

static int32_t selftest_return_arg(void *arg)
{
	return (int32_t)(intptr_t)arg;
}

/* Polls until every thread of @t sleeps (blocked), or patience runs out:
 * the cases below check what a wake-up does only once all waiters wait,
 * however slowly the emulator got them there. */
static bool selftest_all_blocked(struct kthread **t, int n)
{
	uint64_t give_up = platform_clock_ns() + SELFTEST_PATIENCE_NS;

	for (int i = 0; i < n; i++) {
		struct thread_info info;

		thread_info(t[i], &info);
		if (info.state == THREAD_BLOCKED)
			continue;
		if (platform_clock_ns() > give_up)
			return false;
		thread_sleep_ns(MS);
		i = -1;
	}
	return true;
}

/* Polls until *v reaches @want, or patience runs out. */
static bool selftest_reaches(volatile uint32_t *v, uint32_t want)
{
	uint64_t give_up = platform_clock_ns() + SELFTEST_PATIENCE_NS;

	while (*v < want && platform_clock_ns() < give_up)
		thread_sleep_ns(MS);
	return *v >= want;
}

/* Threads run, end with their own code, and join returns it. */
static bool threads_run_and_join_with_exit_codes(void)
{
	enum { N = 5 };
	struct kthread *t[N];

	for (int i = 0; i < N; i++)
		if (thread_create(selftest_return_arg, (void *)(intptr_t)(100 + i), "joinee",
				  SCHED_PRIO_DEFAULT, &t[i]) != 0)
			return selftest_fail("thread_create failed");
	for (int i = 0; i < N; i++) {
		int32_t code = -1;

		if (thread_join(t[i], &code) != 0)
			return selftest_fail("thread_join failed");
		if (code != 100 + i)
			return selftest_fail("wrong exit code");
	}
	return true;
}

static bool thread_join_refuses_self_and_create_checks_args(void)
{
	if (thread_join(thread_current(), NULL) != -EINVAL)
		return selftest_fail("joining the boot thread accepted");
	if (thread_create(selftest_return_arg, NULL, "bad", SCHED_PRIO_LOWEST + 1, NULL) != -EINVAL)
		return selftest_fail("priority 40 accepted");
	return thread_create(NULL, NULL, "bad", SCHED_PRIO_DEFAULT, NULL) == -EINVAL ||
	       selftest_fail("NULL entry accepted");
}

static volatile bool spinner_released;

/* Spins until the boot thread, which never yields either, says stop:
 * only the timer can have switched between them. */
static int32_t selftest_spinner(void *arg)
{
	uint64_t give_up = platform_clock_ns() + SELFTEST_PATIENCE_NS;

	(void)arg;
	while (!spinner_released && platform_clock_ns() < give_up)
		;
	return spinner_released ? 0 : 1;
}

static bool timer_preempts_a_thread_that_never_yields(void)
{
	struct kthread *t;
	uint64_t before = thread_switches(), give_up = platform_clock_ns() + SELFTEST_PATIENCE_NS;
	struct thread_info info;
	int32_t code = -1;

	spinner_released = false;
	if (thread_create(selftest_spinner, NULL, "spinner", SCHED_PRIO_DEFAULT, &t) != 0)
		return selftest_fail("thread_create failed");
	/* Busy-wait too: the spinner gets the CPU only by preemption. */
	do {
		thread_info(t, &info);
	} while (info.runtime_ns == 0 && platform_clock_ns() < give_up);
	spinner_released = true;
	if (thread_join(t, &code) != 0 || code != 0)
		return selftest_fail("spinner did not end cleanly");
	if (info.runtime_ns == 0)
		return selftest_fail("the spinner never ran while the boot thread spun");
	return thread_switches() - before >= 2 || selftest_fail("no context switches counted");
}

static bool sleep_lasts_at_least_what_was_asked(void)
{
	uint64_t t0 = platform_clock_ns(), slept;

	thread_sleep_ns(20 * MS);
	slept = platform_clock_ns() - t0;
	if (slept < 20 * MS)
		return selftest_fail("woke before the deadline");
	/* One tick of lateness is the promise; a busy host running TCG may
	 * stall the guest for a while on top. */
	return slept < 20 * MS + 500 * MS || selftest_fail("slept far too long");
}

struct counter_race {
	struct kmutex lock;
	volatile uint32_t value;
};

/* Read, yield inside the critical section, write: without mutual
 * exclusion the other threads' increments in between are lost. */
static int32_t selftest_locked_incrementer(void *arg)
{
	struct counter_race *race = arg;

	for (int i = 0; i < 50; i++) {
		if (mutex_lock(&race->lock) != 0)
			return 1;
		uint32_t v = race->value;

		thread_yield();
		race->value = v + 1;
		if (mutex_unlock(&race->lock) != 0)
			return 2;
	}
	return 0;
}

static bool mutex_excludes_and_checks_its_owner(void)
{
	enum { N = 3 };
	struct counter_race race = { .value = 0 };
	struct kthread *t[N];
	int32_t code;
	bool ok = true;

	mutex_init(&race.lock);
	for (int i = 0; i < N; i++)
		if (thread_create(selftest_locked_incrementer, &race, "incr", SCHED_PRIO_DEFAULT, &t[i]))
			return selftest_fail("thread_create failed");
	for (int i = 0; i < N; i++)
		ok &= thread_join(t[i], &code) == 0 && code == 0;
	if (!ok || race.value != N * 50)
		return selftest_fail("increments lost under the mutex");
	if (mutex_lock(&race.lock) != 0 || mutex_lock(&race.lock) != -EDEADLK)
		return selftest_fail("relocking by the owner not refused");
	if (mutex_trylock(&race.lock) != -EBUSY || mutex_owner(&race.lock) != thread_current())
		return selftest_fail("trylock of a held mutex succeeded");
	if (mutex_unlock(&race.lock) != 0 || mutex_unlock(&race.lock) != -EPERM)
		return selftest_fail("unlock by a non-owner accepted");
	return true;
}

struct ring {
	struct ksemaphore free_slots, used_slots;
	uint32_t slot[4];
	uint32_t head, tail;
};

static int32_t selftest_producer(void *arg)
{
	struct ring *r = arg;

	for (uint32_t i = 1; i <= 200; i++) {
		if (semaphore_down(&r->free_slots, WAIT_FOREVER) != 0)
			return 1;
		r->slot[r->head++ % 4] = i;
		if (semaphore_up(&r->used_slots) != 0)
			return 2;
	}
	return 0;
}

static bool semaphores_pass_items_in_order(void)
{
	struct ring r = { .head = 0, .tail = 0 };
	struct kthread *t;
	int32_t code = -1;
	uint64_t t0;

	semaphore_init(&r.free_slots, 4);
	semaphore_init(&r.used_slots, 0);
	if (thread_create(selftest_producer, &r, "producer", SCHED_PRIO_DEFAULT, &t) != 0)
		return selftest_fail("thread_create failed");
	for (uint32_t i = 1; i <= 200; i++) {
		if (semaphore_down(&r.used_slots, SELFTEST_PATIENCE_NS) != 0)
			return selftest_fail("consumer timed out");
		if (r.slot[r.tail++ % 4] != i)
			return selftest_fail("item out of order");
		semaphore_up(&r.free_slots);
	}
	if (thread_join(t, &code) != 0 || code != 0)
		return selftest_fail("producer failed");
	if (semaphore_trydown(&r.used_slots) != -EAGAIN)
		return selftest_fail("trydown of an empty semaphore succeeded");
	t0 = platform_clock_ns();
	if (semaphore_down(&r.used_slots, 10 * MS) != -ETIMEDOUT)
		return selftest_fail("down on an empty semaphore did not time out");
	return platform_clock_ns() - t0 >= 10 * MS || selftest_fail("timed out early");
}

struct gate {
	struct kcompletion go;
	volatile uint32_t through;
};

static int32_t selftest_gate_waiter(void *arg)
{
	struct gate *g = arg;

	if (completion_wait(&g->go, SELFTEST_PATIENCE_NS) != 0)
		return 1;
	__atomic_add_fetch(&g->through, 1, __ATOMIC_RELAXED);
	return 0;
}

/* Releases and joins the gate's waiters, whatever happened to them. */
static bool selftest_gate_close(struct gate *g, struct kthread **t, int n)
{
	bool ok = true;
	int32_t code;

	completion_complete_all(&g->go);
	for (int i = 0; i < n; i++)
		ok &= thread_join(t[i], &code) == 0 && code == 0;
	return ok;
}

static bool completion_wakes_one_then_all(void)
{
	enum { N = 3 };
	struct gate g = { .through = 0 };
	struct kthread *t[N];
	const char *why = NULL;
	int n = 0;

	completion_init(&g.go);
	for (; n < N; n++)
		if (thread_create(selftest_gate_waiter, &g, "gate", SCHED_PRIO_DEFAULT, &t[n]) != 0)
			break;
	if (n < N)
		why = "thread_create failed";
	else if (!selftest_all_blocked(t, N) || g.through != 0)
		why = "the waiters did not all wait for complete";
	if (!why) {
		completion_complete(&g.go);
		/* One gets through; the other two wait again. */
		if (!selftest_reaches(&g.through, 1) || !selftest_all_blocked(t + 1, N - 1) ||
		    g.through != 1)
			why = "complete did not let exactly one through";
	}
	if (!selftest_gate_close(&g, t, n) && !why)
		why = "complete_all did not release everyone";
	if (!why && g.through != N)
		why = "complete_all did not release everyone";
	if (!why && completion_wait(&g.go, 0) != 0)
		why = "wait after complete_all blocked";
	return !why || selftest_fail(why);
}

struct flagged_queue {
	struct wait_queue wq;
	volatile bool flag;
	volatile uint32_t woken;
};

static bool selftest_flag_is_set(void *arg)
{
	return ((struct flagged_queue *)arg)->flag;
}

static int32_t selftest_flag_waiter(void *arg)
{
	struct flagged_queue *q = arg;
	int err = thread_wait_event(&q->wq, selftest_flag_is_set, q, SELFTEST_PATIENCE_NS);

	__atomic_add_fetch(&q->woken, 1, __ATOMIC_RELAXED);
	return err;
}

static bool waitq_wakes_waiters_when_the_condition_holds(void)
{
	enum { N = 3 };
	struct flagged_queue q = { .flag = false, .woken = 0 };
	struct kthread *t[N];
	const char *why = NULL;
	bool ok = true;
	int32_t code;
	int n = 0;

	thread_waitq_init(&q.wq);
	for (; n < N; n++)
		if (thread_create(selftest_flag_waiter, &q, "waiter", SCHED_PRIO_DEFAULT, &t[n]) != 0)
			break;
	if (n < N || !selftest_all_blocked(t, N))
		why = "the waiters did not all wait";
	/* A wake-up while the condition is false puts the waiter back to sleep. */
	else if (!thread_wake_one(&q.wq))
		why = "wake_one found nobody waiting";
	else if (!selftest_all_blocked(t, N) || q.woken != 0)
		why = "a waiter returned with its condition false";
	q.flag = true;
	if (thread_wake_all(&q.wq) != (size_t)n && !why)
		why = "wake_all did not wake every waiter";
	for (int i = 0; i < n; i++)
		ok &= thread_join(t[i], &code) == 0 && code == 0;
	if (!why && (!ok || q.woken != N))
		why = "waiters did not all return 0";
	return !why || selftest_fail(why);
}

/* ---- a wake-up from an interrupt handler ---- */

#define SELFTEST_VECTOR 0xe0

static void selftest_irq_up(struct trap_frame *frame, void *ctx)
{
	(void)frame;
	semaphore_up(ctx);
}

/* Raises the interrupt once the boot thread sleeps in semaphore_down(). */
static int32_t selftest_raiser(void *arg)
{
	(void)arg;
	thread_sleep_ns(5 * MS);
	return irq_raise(SELFTEST_VECTOR);
}

static bool interrupt_handler_wakes_a_sleeping_thread(void)
{
	struct ksemaphore sem;
	struct kthread *t;
	int32_t raised = -1;
	int err;

	semaphore_init(&sem, 0);
	if (irq_register(SELFTEST_VECTOR, selftest_irq_up, &sem) != 0)
		return selftest_fail("irq_register failed");
	err = thread_create(selftest_raiser, NULL, "raiser", SCHED_PRIO_DEFAULT, &t);
	if (err == 0) {
		err = semaphore_down(&sem, SELFTEST_PATIENCE_NS);
		thread_join(t, &raised);
	}
	irq_unregister(SELFTEST_VECTOR);
	if (raised == -ENODEV)
		return true; /* no local APIC to raise it with: nothing to test */
	return err == 0 || selftest_fail("the interrupt's up() did not wake the waiter");
}

static int32_t selftest_join_self(void *arg)
{
	(void)arg;
	return thread_join(thread_current(), NULL) == -EDEADLK ? 0 : 1;
}

static bool joining_oneself_is_a_deadlock(void)
{
	struct kthread *t;
	int32_t code = -1;

	if (thread_create(selftest_join_self, NULL, "self-join", SCHED_PRIO_DEFAULT, &t) != 0)
		return selftest_fail("thread_create failed");
	return (thread_join(t, &code) == 0 && code == 0) || selftest_fail("self-join not refused");
}

static bool thread_info_reports_stack_and_priority(void)
{
	struct thread_info info;
	struct kthread *t;

	if (thread_create(selftest_return_arg, 0, "a-long-thread-name", 30, &t) != 0)
		return selftest_fail("thread_create failed");
	thread_info(t, &info);
	if (info.priority != 30 || info.tid < 2)
		return selftest_fail("wrong priority or tid");
	if (!core_str_eq((const char *)info.name, "a-long-thread-n"))
		return selftest_fail("name not truncated to THREAD_NAME_MAX - 1");
	if (thread_set_prio(t, 10) != 0 || thread_set_prio(t, 40) != -EINVAL)
		return selftest_fail("set_prio misbehaved");
	thread_join(t, NULL);
	thread_info(NULL, &info);
	return info.tid == 1 || selftest_fail("the boot thread is not tid 1");
}

static const struct selftest_case thread_cases[] = {
	SELFTEST_CASE(threads_run_and_join_with_exit_codes),
	SELFTEST_CASE(thread_join_refuses_self_and_create_checks_args),
	SELFTEST_CASE(joining_oneself_is_a_deadlock),
	SELFTEST_CASE(timer_preempts_a_thread_that_never_yields),
	SELFTEST_CASE(sleep_lasts_at_least_what_was_asked),
	SELFTEST_CASE(mutex_excludes_and_checks_its_owner),
	SELFTEST_CASE(semaphores_pass_items_in_order),
	SELFTEST_CASE(completion_wakes_one_then_all),
	SELFTEST_CASE(waitq_wakes_waiters_when_the_condition_holds),
	SELFTEST_CASE(interrupt_handler_wakes_a_sleeping_thread),
	SELFTEST_CASE(thread_info_reports_stack_and_priority),
};

const struct selftest_suite selftest_threads = {
	"kernel_threads", thread_cases, sizeof(thread_cases) / sizeof(thread_cases[0]),
};
