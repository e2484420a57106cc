/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the thread provider offers the layers above threads (processes,
 * files, memory): per-thread context pointers, each thread's stack top,
 * and the hook run on every context switch.
 */
#include <tessera/clock.h>

#include "host_platform.h"
#include "host_world.h"
#include "thread_cases.h"

struct ctx_probe {
	struct thread_ctx *seen; /* thread_ctx(NULL) inside the thread */
	void *proc; /* ctx->proc as the thread found it */
	uintptr_t local; /* the address of a local variable */
	size_t stack_top; /* thread_stack_top(NULL) inside the thread */
};

static int32_t probe_ctx(void *arg)
{
	struct ctx_probe *p = arg;
	int local;

	p->seen = thread_ctx(NULL);
	p->proc = p->seen->proc;
	p->local = (uintptr_t)&local;
	p->stack_top = thread_stack_top(NULL);
	return 0;
}

void each_thread_has_its_own_context_pointers(struct ktap *t)
{
	struct ctx_probe probe[2] = { 0 };
	struct kthread *th[2];
	int marks[2];

	for (int i = 0; i < 2; i++) {
		ktap_expect(t, thread_create(probe_ctx, &probe[i], "ctx", SCHED_PRIO_DEFAULT, &th[i]) == 0,
			    "create %d", i);
		struct thread_ctx *ctx = thread_ctx(th[i]);

		ktap_expect(t, ctx && !ctx->proc && !ctx->files && !ctx->mm,
			    "a new thread's context pointers are not all NULL");
		ctx->proc = &marks[i];
	}
	for (int i = 0; i < 2; i++) {
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join %d", i);
		ktap_expect(t, probe[i].proc == &marks[i], "thread %d read another thread's ctx->proc", i);
	}
	ktap_expect(t, probe[0].seen != probe[1].seen, "two threads share one context");
	ktap_expect(t, thread_ctx(NULL) == thread_ctx(thread_current()),
		    "thread_ctx(NULL) is not the caller's context");
}

void stack_top_bounds_the_thread_stack(struct ktap *t)
{
	struct ctx_probe probe = { 0 };
	struct kthread *th;

	ktap_expect(t, thread_create(probe_ctx, &probe, "top", SCHED_PRIO_DEFAULT, &th) == 0, "create");
	size_t top = thread_stack_top(th);

	ktap_expect(t, thread_join(th, NULL) == 0, "join");
	ktap_expect(t, probe.stack_top == top, "stack_top(NULL) in the thread %zx, stack_top(t) %zx",
		    probe.stack_top, top);
	ktap_expect(t, probe.local < top && probe.local > top - 4096u * 64,
		    "a local at %zx is not just below the stack top %zx", (size_t)probe.local, top);
	ktap_expect(t, thread_stack_top(NULL) == 0, "the boot thread has a stack top of its own");
}

static struct {
	unsigned calls;
	bool saw_prev_current; /* prev was the running thread at each call */
	struct kthread *last_next;
	struct kthread *into_probe; /* set when the hook saw the probe thread come in */
	struct kthread *probe;
} hook_log;

static void record_switch(struct kthread *prev, struct kthread *next)
{
	hook_log.calls++;
	hook_log.last_next = next;
	if (prev == next)
		hook_log.saw_prev_current = false;
	if (next == hook_log.probe)
		hook_log.into_probe = next;
}

static int32_t note_current(void *arg)
{
	*(struct kthread **)arg = thread_current();
	return 0;
}

void the_switch_hook_sees_every_switch(struct ktap *t)
{
	struct kthread *th, *inside = NULL;
	uint64_t switches = thread_switches();

	hook_log = (typeof(hook_log)){ .saw_prev_current = true };
	thread_set_switch_hook(record_switch);
	ktap_expect(t, thread_create(note_current, &inside, "hooked", SCHED_PRIO_DEFAULT, &th) == 0, "create");
	hook_log.probe = th;
	ktap_expect(t, thread_join(th, NULL) == 0, "join");
	thread_set_switch_hook(NULL);
	uint64_t counted = thread_switches() - switches;
	unsigned calls = hook_log.calls;

	ktap_expect(t, inside == th, "the thread saw itself as %p, not %p", (void *)inside, (void *)th);
	ktap_expect(t, hook_log.into_probe == th, "the hook never saw the new thread come in");
	ktap_expect(t, calls == counted, "%u hook calls for %llu switches", calls, (unsigned long long)counted);
	ktap_expect(t, hook_log.saw_prev_current, "the hook was called for a switch to the same thread");
	ktap_expect(t, hook_log.last_next == thread_current(), "the last switch was not back to the caller");
	thread_yield();
	ktap_expect(t, hook_log.calls == calls, "a removed hook was still called");
}

void idle_time_grows_only_while_nothing_runs(struct ktap *t)
{
	uint64_t idle0 = thread_idle_ns();
	uint64_t t0 = platform_clock_ns();

	/* The boot thread is the only one: while it sleeps the CPU idles. */
	thread_sleep_ns(50 * WORLD_MS);
	uint64_t slept = platform_clock_ns() - t0, idled = thread_idle_ns() - idle0;

	ktap_expect(t, idled >= 45 * WORLD_MS && idled <= slept,
		    "%llu ns idle during a %llu ns sleep with nothing else to run", (unsigned long long)idled,
		    (unsigned long long)slept);
	/* Ticks that interrupt the boot thread, not idle, add no idle time. */
	idle0 = thread_idle_ns();
	t0 = platform_clock_ns();
	for (int i = 0; i < 5; i++)
		host_tick();
	ktap_expect(t, platform_clock_ns() > t0, "the ticks moved no time");
	ktap_expect(t, thread_idle_ns() == idle0, "idle time grew by %llu ns while the boot thread ran",
		    (unsigned long long)(thread_idle_ns() - idle0));
}
