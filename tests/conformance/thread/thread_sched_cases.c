/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scheduling cases of the thread conformance suite: preemption by the
 * (simulated) timer, sleeping until a deadline, yielding, and priorities,
 * each checked as far as the bound policy promises (its sched_caps).
 * Busy threads call host_tick() as they spin: the timer interrupting them.
 */
#include <tessera/clock.h>

#include "host_world.h"
#include "thread_cases.h"

/* Prints why a case checks less under this policy. */
static void note_unpromised(const char *what)
{
	ktap_printf("    # %s does not promise %s: not checked\n", world_sched().name, what);
}

struct spin_race {
	volatile bool stop;
	volatile uint64_t spins[2];
};

struct spinner {
	struct spin_race *race;
	int id;
};

/* Never yields: only the timer can take the CPU away. Gives up (1) after
 * WORLD_PATIENCE_NS, so a broken preemption fails instead of hanging. */
static int32_t spin_until_stopped(void *arg)
{
	struct spinner *s = arg;
	uint64_t give_up = platform_clock_ns() + WORLD_PATIENCE_NS;

	while (!s->race->stop) {
		if (platform_clock_ns() >= give_up)
			return 1;
		s->race->spins[s->id]++;
		host_tick();
	}
	return 0;
}

void the_timer_preempts_threads_that_never_yield(struct ktap *t)
{
	struct spin_race race = { .stop = false };
	struct spinner s[2] = { { &race, 0 }, { &race, 1 } };
	struct kthread *th[2];
	uint64_t total;
	int32_t code;

	for (int i = 0; i < 2; i++)
		if (!ktap_expect(t, thread_create(spin_until_stopped, &s[i], "spinner", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0, "create"))
			return;
	thread_sleep_ns(400 * WORLD_MS); /* the spinners' ticks wake the boot thread */
	race.stop = true;
	for (int i = 0; i < 2; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0 && code == 0,
			    "spinner %d was never stopped (%d)", i, code);
	}
	total = race.spins[0] + race.spins[1];
	for (int i = 0; i < 2; i++)
		ktap_expect(t, race.spins[i] * 4 >= total, "spinner %d got %llu of %llu ticks", i,
			    (unsigned long long)race.spins[i], (unsigned long long)total);
}

struct sleeper {
	uint64_t ns;
	uint64_t asked_at, woke_at;
	int rank; /* 0 for the first to wake */
};

static volatile int sleepers_woken;

static int32_t sleep_and_note(void *arg)
{
	struct sleeper *s = arg;

	s->asked_at = platform_clock_ns();
	thread_sleep_ns(s->ns);
	s->woke_at = platform_clock_ns();
	s->rank = sleepers_woken++;
	return 0;
}

static void expect_slept(struct ktap *t, uint64_t asked_at, uint64_t woke_at, uint64_t ns)
{
	ktap_expect(t, woke_at - asked_at >= ns, "asked for %llu ns, woke after %llu",
		    (unsigned long long)ns, (unsigned long long)(woke_at - asked_at));
	ktap_expect(t, woke_at - asked_at < ns + HOST_TICK_NS,
		    "asked for %llu ns, woke after %llu: later than the first tick after",
		    (unsigned long long)ns, (unsigned long long)(woke_at - asked_at));
}

void sleep_wakes_on_the_first_tick_after_its_deadline(struct ktap *t)
{
	struct sleeper s[3] = { { .ns = 30 * WORLD_MS }, { .ns = 10 * WORLD_MS }, { .ns = 21 * WORLD_MS } };
	const int rank[3] = { 2, 0, 1 };
	struct kthread *th[3];
	uint64_t t0 = platform_clock_ns();

	thread_sleep_ns(0);
	ktap_expect(t, platform_clock_ns() == t0, "sleep_ns(0) let time pass");
	thread_sleep_ns(10 * WORLD_MS);
	expect_slept(t, t0, platform_clock_ns(), 10 * WORLD_MS);
	sleepers_woken = 0;
	for (int i = 0; i < 3; i++)
		if (!ktap_expect(t, thread_create(sleep_and_note, &s[i], "sleeper", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0, "create"))
			return;
	for (int i = 0; i < 3; i++) {
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join");
		expect_slept(t, s[i].asked_at, s[i].woke_at, s[i].ns);
		ktap_expect(t, s[i].rank == rank[i], "the %llu ms sleeper woke #%d, not #%d",
			    (unsigned long long)(s[i].ns / WORLD_MS), s[i].rank, rank[i]);
	}
}

struct turn_log {
	int id[15];
	volatile int n;
};

struct turner {
	struct turn_log *log;
	int id;
};

static int32_t take_turns(void *arg)
{
	struct turner *turner = arg;

	for (int i = 0; i < 5; i++) {
		turner->log->id[turner->log->n++] = turner->id;
		thread_yield();
	}
	return 0;
}

void yield_takes_turns_among_equals(struct ktap *t)
{
	struct turn_log log = { .n = 0 };
	struct turner turner[3] = { { &log, 0 }, { &log, 1 }, { &log, 2 } };
	struct kthread *th[3];
	int count[3] = { 0 };

	for (int i = 0; i < 3; i++)
		if (!ktap_expect(t, thread_create(take_turns, &turner[i], "turner", SCHED_PRIO_DEFAULT,
						  &th[i]) == 0, "create"))
			return;
	for (int i = 0; i < 3; i++)
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join");
	ktap_expect(t, log.n == 15, "%d turns logged, not 15", log.n);
	for (int i = 0; i < log.n && i < 15; i++)
		count[log.id[i]]++;
	ktap_expect(t, count[0] == 5 && count[1] == 5 && count[2] == 5, "turns %d/%d/%d", count[0],
		    count[1], count[2]);
	if (!(world_sched().caps & SCHED_CAP_FIFO)) {
		note_unpromised("FIFO order among equals");
		return;
	}
	for (int i = 0; i < 15; i++)
		ktap_expect(t, log.id[i] == i % 3, "turn %d went to thread %d, not %d", i, log.id[i], i % 3);
}

struct urgency_log {
	char order[4];
	volatile int n;
};

struct runner {
	struct urgency_log *log;
	char mark;
};

static int32_t log_mark(void *arg)
{
	struct runner *r = arg;

	r->log->order[r->log->n++] = r->mark;
	return 0;
}

void the_most_urgent_thread_runs_first(struct ktap *t)
{
	struct urgency_log log = { .n = 0 };
	struct runner low = { &log, 'L' }, high = { &log, 'H' };
	struct kthread *tl, *th;

	if (!(world_sched().caps & SCHED_CAP_STRICT_PRIO)) {
		note_unpromised("strict priorities");
		return;
	}
	/* Most urgent itself, the boot thread creates both before either runs. */
	ktap_expect(t, thread_set_prio(NULL, SCHED_PRIO_HIGHEST) == 0, "set_prio(boot, 0)");
	if (ktap_expect(t, thread_create(log_mark, &low, "low", 30, &tl) == 0, "create low") &&
	    ktap_expect(t, thread_create(log_mark, &high, "high", 10, &th) == 0, "create high")) {
		ktap_expect(t, log.n == 0, "a less urgent thread ran before the boot thread blocked");
		ktap_expect(t, thread_join(th, NULL) == 0 && thread_join(tl, NULL) == 0, "join");
		ktap_expect(t, log.n == 2 && log.order[0] == 'H' && log.order[1] == 'L',
			    "ran in the order %.*s, not HL", log.n, log.order);
	}
	ktap_expect(t, thread_set_prio(NULL, SCHED_PRIO_DEFAULT) == 0, "set_prio(boot, default)");
}

struct urgent {
	struct world_gate gate;
	volatile bool ran; /* set as soon as the thread runs */
	volatile bool passed; /* set once it got through the gate */
};

static int32_t run_then_wait_at_gate(void *arg)
{
	struct urgent *u = arg;

	u->ran = true;
	if (world_gate_wait(&u->gate) != 0)
		return 1;
	u->passed = true;
	return 0;
}

static void open_from_interrupt(void *ctx)
{
	world_gate_open(ctx);
}

/* With `at_once`, each way of making the thread runnable must switch to it
 * before it returns; without, none may (the policy never asked for it). */
static void check_made_runnable(struct ktap *t, bool at_once)
{
	struct urgent u[3] = { { .ran = false }, { .ran = false }, { .ran = false } };
	struct kthread *th[3];

	for (int i = 0; i < 3; i++)
		world_gate_init(&u[i].gate);
	ktap_expect(t, thread_create(run_then_wait_at_gate, &u[0], "created", 5, &th[0]) == 0, "create");
	ktap_expect(t, u[0].ran == at_once, "created: ran before create returned: %d", u[0].ran);
	ktap_expect(t, thread_create(run_then_wait_at_gate, &u[1], "woken", 5, &th[1]) == 0 &&
			       world_wait_blocked(th[1]), "create and block");
	world_gate_open(&u[1].gate);
	ktap_expect(t, u[1].passed == at_once, "woken: ran before wake_all returned: %d", u[1].passed);
	ktap_expect(t, thread_create(run_then_wait_at_gate, &u[2], "interrupted", 5, &th[2]) == 0 &&
			       world_wait_blocked(th[2]), "create and block");
	host_interrupt(open_from_interrupt, &u[2].gate);
	ktap_expect(t, u[2].passed == at_once, "woken by an interrupt: ran before it ended: %d",
		    u[2].passed);
	world_gate_open(&u[0].gate);
	for (int i = 0; i < 3; i++)
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join");
}

static void check_raised_priority(struct ktap *t)
{
	struct urgent u = { .ran = false };
	struct kthread *th;

	world_gate_init(&u.gate);
	world_gate_open(&u.gate);
	ktap_expect(t, thread_create(run_then_wait_at_gate, &u, "raised", 30, &th) == 0, "create");
	ktap_expect(t, !u.ran, "a less urgent thread ran at once");
	ktap_expect(t, thread_set_prio(th, 5) == 0, "set_prio(5)");
	ktap_expect(t, u.passed, "raised above the caller: did not run before set_prio returned");
	ktap_expect(t, thread_join(th, NULL) == 0, "join");
}

void an_urgent_thread_made_runnable_preempts_at_once(struct ktap *t)
{
	uint32_t caps = world_sched().caps;

	if (!(caps & SCHED_CAP_WAKEUP_PREEMPT)) {
		check_made_runnable(t, false);
		return;
	}
	if (!(caps & SCHED_CAP_STRICT_PRIO)) {
		note_unpromised("which wake-ups preempt (not strict priorities)");
		return;
	}
	check_made_runnable(t, true);
	check_raised_priority(t);
}

struct unequal_race {
	struct kthread *low;
	uint64_t low_runtime_seen; /* by the urgent thread, as it ended */
};

static void spin_ticks(int n)
{
	for (int i = 0; i < n; i++)
		host_tick();
}

static int32_t spin_briefly(void *arg)
{
	(void)arg;
	spin_ticks(50);
	return 0;
}

static int32_t spin_then_look_at_low(void *arg)
{
	struct unequal_race *race = arg;

	spin_ticks(500);
	race->low_runtime_seen = world_runtime_ns(race->low);
	return 0;
}

void less_urgent_threads_wait_or_share_as_promised(struct ktap *t)
{
	uint32_t caps = world_sched().caps;
	struct unequal_race race = { .low = NULL };
	struct kthread *high;

	if (!(caps & (SCHED_CAP_STRICT_PRIO | SCHED_CAP_NO_STARVATION))) {
		note_unpromised("strict priorities or freedom from starvation");
		return;
	}
	if (!ktap_expect(t, thread_create(spin_briefly, NULL, "low", 30, &race.low) == 0, "create") ||
	    !ktap_expect(t, thread_create(spin_then_look_at_low, &race, "high", 10, &high) == 0, "create"))
		return;
	ktap_expect(t, thread_join(high, NULL) == 0 && thread_join(race.low, NULL) == 0, "join");
	if (caps & SCHED_CAP_STRICT_PRIO)
		ktap_expect(t, race.low_runtime_seen == 0,
			    "a less urgent thread ran %llu ns while a more urgent one spun",
			    (unsigned long long)race.low_runtime_seen);
	else
		ktap_expect(t, race.low_runtime_seen > 0,
			    "a less urgent thread starved for 2 s beside a busy urgent one");
}
