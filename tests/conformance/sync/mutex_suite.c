/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The mutex conformance suite (idl/sync.idl): mutual exclusion among
 * threads that yield and are preempted inside the critical section, the
 * owner's errors (EDEADLK, EPERM, EBUSY), and sleeping until the unlock.
 * main() is the boot thread; see ../thread/host/host_world.h.
 */
#include <stdio.h>

#include <tessera/sync.h>

#include "host_world.h"
#include "ktap.h"

struct counter_race {
	struct kmutex lock;
	volatile uint32_t value;
};

/* Read, give up the CPU both ways, write: without exclusion the other
 * threads' increments in between are lost. */
static int32_t increment_under_lock(void *arg)
{
	struct counter_race *race = arg;

	for (int i = 0; i < 50; i++) {
		if (mutex_lock(&race->lock) != 0)
			return 1;
		uint32_t v = race->value;

		thread_yield();
		host_tick();
		race->value = v + 1;
		if (mutex_unlock(&race->lock) != 0)
			return 2;
	}
	return 0;
}

static void mutex_excludes_while_its_holder_yields_and_is_preempted(struct ktap *t)
{
	enum { N = 3 };
	struct counter_race race = { .value = 0 };
	struct kthread *th[N];
	int32_t code;

	mutex_init(&race.lock);
	for (int i = 0; i < N; i++)
		if (!ktap_expect(t, thread_create(increment_under_lock, &race, "incr", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0, "create"))
			return;
	for (int i = 0; i < N; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0 && code == 0, "thread %d ended %d", i, code);
	}
	ktap_expect(t, race.value == N * 50, "counted %u of %d increments", race.value, N * 50);
	ktap_expect(t, mutex_owner(&race.lock) == NULL, "still owned after the last unlock");
}

static int32_t try_and_unlock_anothers(void *arg)
{
	struct kmutex *m = arg;

	if (mutex_trylock(m) != -EBUSY)
		return 1;
	if (mutex_unlock(m) != -EPERM)
		return 2;
	return 0;
}

static void the_owner_s_errors_are_reported(struct ktap *t)
{
	struct kmutex m;
	struct kthread *th;
	int32_t code = -1;

	mutex_init(&m);
	ktap_expect(t, mutex_owner(&m) == NULL, "a new mutex has an owner");
	ktap_expect(t, mutex_unlock(&m) == -EPERM, "unlocking a free mutex accepted");
	ktap_expect(t, mutex_lock(&m) == 0 && mutex_owner(&m) == thread_current(), "lock");
	ktap_expect(t, mutex_lock(&m) == -EDEADLK, "relocking by the owner not refused");
	ktap_expect(t, mutex_trylock(&m) == -EBUSY, "trylock by the owner succeeded");
	if (ktap_expect(t, thread_create(try_and_unlock_anothers, &m, "other", SCHED_PRIO_DEFAULT,
					 &th) == 0, "create"))
		ktap_expect(t, thread_join(th, &code) == 0 && code == 0,
			    "another thread's trylock/unlock of a held mutex: step %d failed", code);
	ktap_expect(t, mutex_owner(&m) == thread_current(), "the owner changed");
	ktap_expect(t, mutex_unlock(&m) == 0 && mutex_owner(&m) == NULL, "unlock");
	ktap_expect(t, mutex_trylock(&m) == 0 && mutex_unlock(&m) == 0, "trylock of a free mutex");
}

struct handover {
	struct kmutex lock;
	volatile bool holding; /* the waiter got the lock */
	struct kthread *owner_seen;
};

static int32_t lock_and_note(void *arg)
{
	struct handover *h = arg;

	if (mutex_lock(&h->lock) != 0)
		return 1;
	h->holding = true;
	h->owner_seen = mutex_owner(&h->lock);
	thread_sleep_ns(HOST_TICK_NS); /* hold it a while, asleep */
	return mutex_unlock(&h->lock) == 0 ? 0 : 2;
}

static void a_waiter_sleeps_until_the_unlock(struct ktap *t)
{
	struct handover h = { .holding = false };
	struct kthread *th[2];
	int32_t code;

	mutex_init(&h.lock);
	ktap_expect(t, mutex_lock(&h.lock) == 0, "lock");
	for (int i = 0; i < 2; i++)
		if (!ktap_expect(t, thread_create(lock_and_note, &h, "waiter", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0, "create"))
			return;
	ktap_expect(t, world_wait_blocked(th[0]) && world_wait_blocked(th[1]), "waiters never slept");
	thread_sleep_ns(10 * WORLD_MS);
	ktap_expect(t, !h.holding && world_state(th[0]) == THREAD_BLOCKED,
		    "a waiter got the mutex or woke while it was held");
	ktap_expect(t, mutex_unlock(&h.lock) == 0, "unlock");
	for (int i = 0; i < 2; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0 && code == 0, "waiter %d: %d", i, code);
	}
	ktap_expect(t, h.holding && (h.owner_seen == th[0] || h.owner_seen == th[1]),
		    "the waiter holding it was not its owner");
	ktap_expect(t, mutex_owner(&h.lock) == NULL, "owned after every unlock");
}

static const struct ktap_case mutex_cases[] = {
	KTAP_CASE(mutex_excludes_while_its_holder_yields_and_is_preempted),
	KTAP_CASE(the_owner_s_errors_are_reported),
	KTAP_CASE(a_waiter_sleeps_until_the_unlock),
	{ 0 },
};

int main(void)
{
	char suite[64];

	world_start();
	snprintf(suite, sizeof(suite), "mutex_under_%s", world_sched().name);
	return ktap_run_suite(suite, mutex_cases, NULL, NULL) ? 1 : 0;
}
