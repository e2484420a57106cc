/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The semaphore conformance suite (idl/sync.idl): counting, a producer and
 * a consumer passing items in order, timeouts measured in simulated time,
 * -EOVERFLOW at UINT32_MAX, and up() waking sleepers one at a time, from
 * threads and interrupt handlers. main() is the boot thread; see
 * ../thread/host/host_world.h.
 */
#include <stdio.h>

#include <tessera/clock.h>
#include <tessera/sync.h>

#include "host_world.h"
#include "ktap.h"

enum { RING_SLOTS = 4, ITEMS = 200 };

struct ring {
	struct ksemaphore free_slots, used_slots;
	uint32_t slot[RING_SLOTS];
	uint32_t head, tail;
};

static int32_t produce(void *arg)
{
	struct ring *r = arg;

	for (uint32_t i = 1; i <= ITEMS; i++) {
		if (semaphore_down(&r->free_slots, WAIT_FOREVER) != 0)
			return 1;
		r->slot[r->head++ % RING_SLOTS] = i;
		if (i % 7 == 0)
			host_tick(); /* preempted now and then, mid-stream */
		if (semaphore_up(&r->used_slots) != 0)
			return 2;
	}
	return 0;
}

static void a_producer_and_a_consumer_pass_items_in_order(struct ktap *t)
{
	struct ring r = { .head = 0, .tail = 0 };
	struct kthread *th;
	int32_t code = -1;
	uint32_t item;

	semaphore_init(&r.free_slots, RING_SLOTS);
	semaphore_init(&r.used_slots, 0);
	if (!ktap_expect(t, thread_create(produce, &r, "producer", SCHED_PRIO_DEFAULT, &th) == 0,
			 "create"))
		return;
	for (uint32_t i = 1; i <= ITEMS; i++) {
		if (!ktap_expect(t, semaphore_down(&r.used_slots, WORLD_PATIENCE_NS) == 0,
				 "item %u never came", i))
			break;
		item = r.slot[r.tail++ % RING_SLOTS];
		if (!ktap_expect(t, item == i, "got item %u, not %u", item, i))
			break;
		semaphore_up(&r.free_slots);
	}
	ktap_expect(t, thread_join(th, &code) == 0 && code == 0, "the producer ended %d", code);
}

static void the_count_limits_trydown(struct ktap *t)
{
	struct ksemaphore s;

	semaphore_init(&s, 3);
	for (int i = 0; i < 3; i++)
		ktap_expect(t, semaphore_trydown(&s) == 0, "trydown %d of 3 units", i);
	ktap_expect(t, semaphore_trydown(&s) == -EAGAIN, "a fourth unit taken");
	ktap_expect(t, semaphore_down(&s, 0) == -ETIMEDOUT, "down(0) on an empty semaphore");
	ktap_expect(t, semaphore_up(&s) == 0 && semaphore_down(&s, 0) == 0, "down(0) of a unit given back");
	ktap_expect(t, semaphore_trydown(&s) == -EAGAIN, "the unit taken twice");
}

static void down_times_out_in_simulated_time(struct ktap *t)
{
	struct ksemaphore s;
	uint64_t t0 = platform_clock_ns(), took;

	semaphore_init(&s, 0);
	ktap_expect(t, semaphore_down(&s, 10 * WORLD_MS) == -ETIMEDOUT, "did not time out");
	took = platform_clock_ns() - t0;
	ktap_expect(t, took >= 10 * WORLD_MS && took < 10 * WORLD_MS + HOST_TICK_NS,
		    "a 10 ms timeout took %llu ns", (unsigned long long)took);
	ktap_expect(t, semaphore_trydown(&s) == -EAGAIN, "a timed-out down left a unit");
}

static void up_at_uint32_max_is_eoverflow(struct ktap *t)
{
	struct ksemaphore s;

	semaphore_init(&s, UINT32_MAX);
	ktap_expect(t, semaphore_up(&s) == -EOVERFLOW, "up past UINT32_MAX accepted");
	ktap_expect(t, s.count == UINT32_MAX, "the refused up changed the count to %u", s.count);
	ktap_expect(t, semaphore_trydown(&s) == 0 && semaphore_up(&s) == 0, "down and up below the top");
	ktap_expect(t, semaphore_up(&s) == -EOVERFLOW, "up past UINT32_MAX accepted the second time");
}

struct downers {
	struct ksemaphore s;
	volatile uint32_t through;
};

static int32_t down_and_count(void *arg)
{
	struct downers *d = arg;
	int err = semaphore_down(&d->s, WORLD_PATIENCE_NS);

	if (err == 0)
		__atomic_add_fetch(&d->through, 1, __ATOMIC_RELAXED);
	return err;
}

static bool one_is_through(void *arg)
{
	return ((struct downers *)arg)->through >= 1;
}

static void up_from_interrupt(void *ctx)
{
	semaphore_up(ctx);
}

static void each_up_lets_one_sleeper_through(struct ktap *t)
{
	enum { N = 3 };
	struct downers d = { .through = 0 };
	struct kthread *th[N];
	int32_t code;

	semaphore_init(&d.s, 0);
	for (int i = 0; i < N; i++)
		if (!ktap_expect(t, thread_create(down_and_count, &d, "downer", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0 && world_wait_blocked(th[i]), "create"))
			return;
	ktap_expect(t, semaphore_up(&d.s) == 0, "up");
	ktap_expect(t, world_sleep_until(one_is_through, &d), "up woke nobody");
	thread_sleep_ns(10 * WORLD_MS);
	ktap_expect(t, d.through == 1, "one up let %u through", d.through);
	host_interrupt(up_from_interrupt, &d.s);
	ktap_expect(t, semaphore_up(&d.s) == 0, "up");
	for (int i = 0; i < N; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0 && code == 0, "downer %d: %d", i, code);
	}
	ktap_expect(t, d.through == N && semaphore_trydown(&d.s) == -EAGAIN, "%u through", d.through);
}

static const struct ktap_case semaphore_cases[] = {
	KTAP_CASE(a_producer_and_a_consumer_pass_items_in_order),
	KTAP_CASE(the_count_limits_trydown),
	KTAP_CASE(down_times_out_in_simulated_time),
	KTAP_CASE(up_at_uint32_max_is_eoverflow),
	KTAP_CASE(each_up_lets_one_sleeper_through),
	{ 0 },
};

int main(void)
{
	char suite[64];

	world_start();
	snprintf(suite, sizeof(suite), "semaphore_under_%s", world_sched().name);
	return ktap_run_suite(suite, semaphore_cases, NULL, NULL) ? 1 : 0;
}
