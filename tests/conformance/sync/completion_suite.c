/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The completion conformance suite (idl/sync.idl): complete() lets one
 * waiter through, present or future (announcements are banked),
 * complete_all() every one for good (COMPLETION_ALL), waits time out in
 * simulated time, and interrupt handlers may announce. main() is the boot
 * thread; see ../thread/host/host_world.h.
 */
#include <stdio.h>

#include <tessera/clock.h>
#include <tessera/sync.h>

#include "host_world.h"
#include "ktap.h"

struct gate {
	struct kcompletion go;
	volatile uint32_t through;
};

static int32_t wait_and_count(void *arg)
{
	struct gate *g = arg;
	int err = completion_wait(&g->go, WORLD_PATIENCE_NS);

	if (err == 0)
		__atomic_add_fetch(&g->through, 1, __ATOMIC_RELAXED);
	return err;
}

static bool one_is_through(void *arg)
{
	return ((struct gate *)arg)->through >= 1;
}

static void complete_lets_one_through_and_complete_all_the_rest(struct ktap *t)
{
	enum { N = 3 };
	struct gate g = { .through = 0 };
	struct kthread *th[N];
	int32_t code;

	completion_init(&g.go);
	for (int i = 0; i < N; i++)
		if (!ktap_expect(t, thread_create(wait_and_count, &g, "waiter", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0 && world_wait_blocked(th[i]), "create"))
			return;
	thread_sleep_ns(10 * WORLD_MS);
	ktap_expect(t, g.through == 0, "%u waiters passed before complete", g.through);
	completion_complete(&g.go);
	ktap_expect(t, world_sleep_until(one_is_through, &g), "complete let nobody through");
	thread_sleep_ns(10 * WORLD_MS);
	ktap_expect(t, g.through == 1, "complete let %u through", g.through);
	completion_complete_all(&g.go);
	for (int i = 0; i < N; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0 && code == 0, "waiter %d: %d", i, code);
	}
	ktap_expect(t, g.through == N, "complete_all let %u of %d through", g.through, N);
}

static void announcements_are_banked_for_later_waiters(struct ktap *t)
{
	struct kcompletion c;
	uint64_t t0;

	completion_init(&c);
	completion_complete(&c);
	completion_complete(&c);
	ktap_expect(t, c.done == 2, "two announcements counted as %u", c.done);
	t0 = platform_clock_ns();
	ktap_expect(t, completion_wait(&c, WAIT_FOREVER) == 0 && completion_wait(&c, 0) == 0,
		    "a banked announcement did not let a wait through");
	ktap_expect(t, platform_clock_ns() == t0, "waited for a banked announcement");
	ktap_expect(t, completion_wait(&c, 0) == -ETIMEDOUT, "a third wait got through two announcements");
}

static void complete_all_lets_every_present_and_future_waiter_through(struct ktap *t)
{
	struct kcompletion c;

	completion_init(&c);
	completion_complete_all(&c);
	ktap_expect(t, c.done == COMPLETION_ALL, "done is %#x, not COMPLETION_ALL", c.done);
	for (int i = 0; i < 5; i++)
		ktap_expect(t, completion_wait(&c, 0) == 0, "wait %d after complete_all", i);
	completion_complete(&c);
	ktap_expect(t, c.done == COMPLETION_ALL, "complete after complete_all made it %#x", c.done);
	/* Banking saturates below COMPLETION_ALL: only complete_all means "for good". */
	completion_init(&c);
	c.done = COMPLETION_ALL - 1;
	completion_complete(&c);
	ktap_expect(t, c.done == COMPLETION_ALL - 1, "complete reached %#x", c.done);
}

static void wait_times_out_in_simulated_time(struct ktap *t)
{
	struct kcompletion c;
	uint64_t t0 = platform_clock_ns(), took;

	completion_init(&c);
	ktap_expect(t, completion_wait(&c, 10 * WORLD_MS) == -ETIMEDOUT, "did not time out");
	took = platform_clock_ns() - t0;
	ktap_expect(t, took >= 10 * WORLD_MS && took < 10 * WORLD_MS + HOST_TICK_NS,
		    "a 10 ms timeout took %llu ns", (unsigned long long)took);
	ktap_expect(t, c.done == 0, "a timed-out wait changed done to %u", c.done);
}

static void complete_from_interrupt(void *ctx)
{
	completion_complete(ctx);
}

static void an_interrupt_handler_completes(struct ktap *t)
{
	struct gate g = { .through = 0 };
	struct kthread *th;
	int32_t code = -1;

	completion_init(&g.go);
	if (!ktap_expect(t, thread_create(wait_and_count, &g, "waiter", SCHED_PRIO_DEFAULT, &th) == 0 &&
				    world_wait_blocked(th), "create"))
		return;
	host_interrupt(complete_from_interrupt, &g.go);
	ktap_expect(t, thread_join(th, &code) == 0 && code == 0 && g.through == 1, "the waiter: %d", code);
}

static const struct ktap_case completion_cases[] = {
	KTAP_CASE(complete_lets_one_through_and_complete_all_the_rest),
	KTAP_CASE(announcements_are_banked_for_later_waiters),
	KTAP_CASE(complete_all_lets_every_present_and_future_waiter_through),
	KTAP_CASE(wait_times_out_in_simulated_time),
	KTAP_CASE(an_interrupt_handler_completes),
	{ 0 },
};

int main(void)
{
	char suite[64];

	world_start();
	snprintf(suite, sizeof(suite), "completion_under_%s", world_sched().name);
	return ktap_run_suite(suite, completion_cases, NULL, NULL) ? 1 : 0;
}
