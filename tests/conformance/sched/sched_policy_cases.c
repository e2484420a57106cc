/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sched conformance cases for the promises a policy declares in
 * sched_info.caps: FIFO rotation, strict priority, weighted shares, no
 * starvation, wake-up preemption. sched_main.c runs a list only when the
 * bound policy declares its promise.
 */
#include "sched_cases.h"
#include "sched_sim.h"

#include <string.h>

/* ---- SCHED_CAP_FIFO ---- */

/* Woken in order[], equals take turns in that order, a full slice each. */
static void sched_fifo_rotation_check(struct ktap *t, struct sim *s)
{
	const uint32_t prio[] = { 20, 20, 20, 20 };
	const int order[] = { 2, 0, 3, 1 };
	uint64_t slice;

	sim_start(s, t, 4, prio);
	slice = s->info.max_run_ns / SIM_TICK_NS;
	ktap_expect(t, slice && s->info.max_run_ns % SIM_TICK_NS == 0, "slice %llu ns is not whole ticks",
		    (unsigned long long)s->info.max_run_ns);
	for (int k = 0; k < 4; k++)
		sim_wake(s, order[k]);
	for (int round = 0; round < 3; round++) {
		for (int k = 0; k < 4; k++) {
			for (uint64_t n = 0; n < slice && !s->failed_checks; n++) {
				sim_tick(s, SIM_TICK_NS);
				if (!ktap_expect(t, s->streak_idx == order[k], "round %d, tick %llu of turn %d: entity %d ran",
						 round, (unsigned long long)n, k, s->streak_idx))
					return;
			}
		}
	}
}

static void sched_fifo_rotates_in_order(struct ktap *t)
{
	struct sim *s = t->fixture;
	const struct tessera_tunable *tu;
	uint64_t saved;

	sched_fifo_rotation_check(t, s);
	tu = sim_tunable(s->info.name, "slice_ms");
	if (!tu)
		return;
	/* The slice follows the tunable, as the kernel command line sets it. */
	saved = sim_tunable_get(tu);
	sim_tunable_set(tu, 7);
	sched_fifo_rotation_check(t, s);
	ktap_expect(t, s->info.max_run_ns == 7 * 1000 * 1000ULL, "slice_ms=7 gives max_run_ns %llu",
		    (unsigned long long)s->info.max_run_ns);
	sim_tunable_set(tu, saved);
	sim_reset_policy(t);
}

static void sched_fifo_woken_entity_waits_its_turn(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20, 20, 20 };
	const int turns[] = { 0, 1, 2, 3, 0 };
	uint64_t slice;

	sim_start(s, t, 4, prio);
	slice = s->info.max_run_ns / SIM_TICK_NS;
	for (int i = 0; i < 3; i++)
		sim_wake(s, i);
	sim_tick(s, SIM_TICK_NS); /* 0 runs */
	sim_wake(s, 3); /* behind 1 and 2 */
	for (int k = 0; k < 5 && !s->failed_checks; k++) {
		for (uint64_t n = k ? 0 : 1; n < slice; n++) {
			sim_tick(s, SIM_TICK_NS);
			if (!ktap_expect(t, s->streak_idx == turns[k], "turn %d: entity %d ran", k, s->streak_idx))
				return;
		}
	}
}

const struct ktap_case sched_fifo_cases[] = {
	KTAP_CASE(sched_fifo_rotates_in_order),
	KTAP_CASE(sched_fifo_woken_entity_waits_its_turn),
	{ 0 },
};

/* ---- SCHED_CAP_STRICT_PRIO ---- */

static void sched_prio_most_urgent_runs_first(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 30, 5, 20, 5 };

	sim_start(s, t, 4, prio);
	for (int i = 0; i < 4; i++)
		sim_wake(s, i);
	sim_run(s, 200);
	ktap_expect(t, s->ran[0] == 0 && s->ran[2] == 0, "less urgent entities ran (%llu, %llu ticks)",
		    (unsigned long long)s->ran[0], (unsigned long long)s->ran[2]);
	ktap_expect(t, s->ran[1] + s->ran[3] == 200, "the two most urgent ran %llu + %llu of 200 ticks",
		    (unsigned long long)s->ran[1], (unsigned long long)s->ran[3]);
	sim_block(s, 1);
	sim_block(s, 3);
	sim_run(s, 50);
	ktap_expect(t, s->ran[2] == 50 && s->ran[0] == 0, "priority 20 ran %llu of 50, priority 30 ran %llu",
		    (unsigned long long)s->ran[2], (unsigned long long)s->ran[0]);
	sim_block(s, 2);
	sim_run(s, 10);
	ktap_expect(t, s->ran[0] == 10, "priority 30, alone, ran %llu of 10 ticks", (unsigned long long)s->ran[0]);
}

static void sched_prio_preempted_entity_resumes_first(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20, 5 };
	uint64_t slice;

	sim_start(s, t, 3, prio);
	slice = s->info.max_run_ns / SIM_TICK_NS;
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_tick(s, SIM_TICK_NS); /* 0 has used one tick of its slice */
	sim_wake(s, 2); /* more urgent: preempts at once */
	ktap_expect(t, s->curr == &s->se[2], "the woken urgent entity does not run");
	sim_run(s, 2);
	sim_block(s, 2);
	/* 0 finishes its slice before 1 gets a turn (the model checks it too). */
	for (uint64_t n = 1; n < slice && !s->failed_checks; n++) {
		sim_tick(s, SIM_TICK_NS);
		ktap_expect(t, s->streak_idx == 0, "tick %llu of the rest of 0's slice: entity %d ran",
			    (unsigned long long)n, s->streak_idx);
	}
	sim_tick(s, SIM_TICK_NS);
	ktap_expect(t, s->streak_idx == 1, "after 0's slice, entity %d ran instead of 1", s->streak_idx);
}

static void sched_prio_changed_priority_takes_effect_at_once(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 10, 20 };

	sim_start(s, t, 2, prio);
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_tick(s, SIM_TICK_NS);
	if (!ktap_expect(t, s->curr == &s->se[0], "priority 10 does not run first"))
		return;
	ktap_expect(t, !sched_tick(s->curr, 0), "tick(curr, 0) preempts with nothing more urgent queued");
	sim_set_prio(s, 0, 30); /* the running entity becomes less urgent than the queued one */
	ktap_expect(t, sched_tick(s->curr, 0), "tick(curr, 0) does not preempt a now less urgent entity");
	sim_set_prio(s, 0, 10);
	sim_set_prio(s, 1, 5); /* the queued entity becomes more urgent */
	ktap_expect(t, sched_tick(s->curr, 0), "tick(curr, 0) ignores a queued entity made more urgent");
}

static void sched_prio_less_urgent_starve_by_design(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { SCHED_PRIO_LOWEST, SCHED_PRIO_HIGHEST };

	sim_start(s, t, 2, prio);
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_run(s, 10000);
	/* The documented policy: strict priority trades fairness for predictability. */
	ktap_expect(t, s->ran[0] == 0 && s->ran[1] == 10000, "priority 39 ran %llu ticks beside priority 0",
		    (unsigned long long)s->ran[0]);
}

const struct ktap_case sched_strict_prio_cases[] = {
	KTAP_CASE(sched_prio_most_urgent_runs_first),
	KTAP_CASE(sched_prio_preempted_entity_resumes_first),
	KTAP_CASE(sched_prio_changed_priority_takes_effect_at_once),
	KTAP_CASE(sched_prio_less_urgent_starve_by_design),
	{ 0 },
};

/* ---- SCHED_CAP_WEIGHTED ---- */

static void sched_fair_weights_follow_priority(struct ktap *t)
{
	struct sched_entity a, b;

	sim_reset_policy(t);
	ktap_expect(t, sched_init_entity(&a, SCHED_PRIO_DEFAULT) == 0 && a.weight == SCHED_NICE_0_WEIGHT,
		    "priority 20 has weight %u", a.weight);
	for (uint32_t p = 0; p < SCHED_PRIO_LOWEST; p++) {
		sched_init_entity(&a, p);
		sched_init_entity(&b, p + 1);
		/* One nice step is about 1.25 times the weight, as in Linux. */
		ktap_expect(t, a.weight * 100ULL >= b.weight * 115ULL && a.weight * 100ULL <= b.weight * 135ULL,
			    "weights of priorities %u and %u are %u and %u", p, p + 1, a.weight, b.weight);
	}
}

/* Each entity's share of the ticks is within pct percent of its weight's share. */
static void sched_expect_shares(struct ktap *t, const struct sim *s, uint64_t ticks, int pct)
{
	uint64_t total_weight = 0;

	for (int i = 0; i < s->n; i++)
		total_weight += s->se[i].weight;
	for (int i = 0; i < s->n; i++) {
		double expected = (double)s->se[i].weight / (double)total_weight;
		double got = (double)s->ran[i] / (double)ticks;

		ktap_printf("    # entity %d, weight %u: %.4f of the CPU, weight share %.4f\n", i, s->se[i].weight,
			    got, expected);
		ktap_expect(t, got >= expected * (100 - pct) / 100 && got <= expected * (100 + pct) / 100,
			    "entity %d got %.4f of the CPU, expected %.4f within %d%%", i, got, expected, pct);
	}
}

static void sched_fair_shares_follow_weights(struct ktap *t)
{
	enum { TICKS = 30000 };
	struct sim *s = t->fixture;
	/* Three nice steps double the weight: 1024, 1991, 3906 is 1 : 1.94 : 3.81. */
	const uint32_t prio[] = { 20, 17, 14 };

	sim_start(s, t, 3, prio);
	ktap_expect(t, s->se[1].weight * 100ULL >= s->se[0].weight * 190ULL &&
			       s->se[2].weight * 100ULL >= s->se[0].weight * 375ULL,
		    "weights %u, %u, %u are not about 1:2:4", s->se[0].weight, s->se[1].weight, s->se[2].weight);
	for (int i = 0; i < 3; i++)
		sim_wake(s, i);
	sim_run(s, TICKS);
	sched_expect_shares(t, s, TICKS, 5);
}

static void sched_fair_long_sleeper_does_not_monopolise(struct ktap *t)
{
	enum { AFTER = 300 };
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20, 20 };
	uint64_t bound;

	sim_start(s, t, 3, prio);
	bound = sim_max_streak_bound(s);
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_run(s, 2000); /* 2 sleeps through two seconds of the others' running */
	sim_clear_stats(s);
	sim_wake(s, 2);
	sim_run(s, AFTER);
	ktap_expect(t, s->max_streak[2] <= bound, "the sleeper ran %llu ticks in a row, bound %llu",
		    (unsigned long long)s->max_streak[2], (unsigned long long)bound);
	ktap_expect(t, s->ran[2] * 100 <= AFTER * (100 / 3 + 5) && s->ran[2] * 100 >= AFTER * (100 / 3 - 5),
		    "the sleeper ran %llu of %d ticks after waking, a third is fair", (unsigned long long)s->ran[2],
		    AFTER);
	for (int i = 0; i < 2; i++)
		ktap_expect(t, s->max_wait[i] <= 2 * bound, "entity %d waited %llu ticks behind the sleeper", i,
			    (unsigned long long)s->max_wait[i]);
}

static void sched_fair_new_entity_starts_level(struct ktap *t)
{
	enum { AFTER = 400 };
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20 };
	int rc;

	sim_start(s, t, 2, prio);
	sim_wake(s, 0);
	sim_run(s, 1000);
	rc = sched_init_entity(&s->se[1], 20); /* created now, after 0 ran for a second */
	ktap_expect(t, rc == 0, "init_entity returned %d", rc);
	sim_clear_stats(s);
	sim_wake(s, 1);
	sim_run(s, AFTER);
	ktap_expect(t, s->max_streak[1] <= sim_max_streak_bound(s), "the new entity ran %llu ticks in a row",
		    (unsigned long long)s->max_streak[1]);
	ktap_expect(t, s->ran[1] * 10 >= AFTER * 4 && s->ran[1] * 10 <= AFTER * 6,
		    "the new entity ran %llu of %d ticks, half is fair", (unsigned long long)s->ran[1], AFTER);
}

static void sched_fair_set_prio_changes_the_share(struct ktap *t)
{
	enum { TICKS = 20000 };
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20 };

	sim_start(s, t, 2, prio);
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_run(s, 1000);
	sim_set_prio(s, 1, 14);
	sim_clear_stats(s);
	sim_run(s, TICKS);
	sched_expect_shares(t, s, TICKS, 5);
}

const struct ktap_case sched_weighted_cases[] = {
	KTAP_CASE(sched_fair_weights_follow_priority),
	KTAP_CASE(sched_fair_shares_follow_weights),
	KTAP_CASE(sched_fair_long_sleeper_does_not_monopolise),
	KTAP_CASE(sched_fair_new_entity_starts_level),
	KTAP_CASE(sched_fair_set_prio_changes_the_share),
	{ 0 },
};

/* ---- SCHED_CAP_NO_STARVATION ---- */

static void sched_mixed_priorities_all_make_progress(struct ktap *t)
{
	enum { TICKS = 20000, MAX_WAIT = 5000 };
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 10, 20, 30 };

	sim_start(s, t, 3, prio);
	for (int i = 0; i < 3; i++)
		sim_wake(s, i);
	sim_run(s, TICKS);
	for (int i = 0; i < 3; i++)
		ktap_expect(t, s->ran[i] > 0 && s->max_wait[i] <= MAX_WAIT,
			    "priority %u ran %llu ticks, waited up to %llu", prio[i], (unsigned long long)s->ran[i],
			    (unsigned long long)s->max_wait[i]);
}

const struct ktap_case sched_no_starvation_cases[] = {
	KTAP_CASE(sched_mixed_priorities_all_make_progress),
	{ 0 },
};

/* ---- SCHED_CAP_WAKEUP_PREEMPT ---- */

static void sched_woken_entity_owed_the_cpu_preempts(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 10 };

	sim_start(s, t, 2, prio);
	sim_wake(s, 0);
	sim_run(s, 100);
	/* 1 is more urgent and has not run at all: any such policy hands over. */
	sim_wake(s, 1);
	ktap_expect(t, s->curr == &s->se[1], "the woken entity did not preempt");
}

const struct ktap_case sched_wakeup_preempt_cases[] = {
	KTAP_CASE(sched_woken_entity_owed_the_cpu_preempts),
	{ 0 },
};
