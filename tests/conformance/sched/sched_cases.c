/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sched conformance cases every policy must pass: the entity life
 * cycle, exact queue accounting, no starvation among equals, tunables that
 * are range-checked, and random call sequences checked against the model.
 * sched_main.c runs them through the KTAP runner.
 */
#include "sched_cases.h"
#include "sched_sim.h"

#include <string.h>

#define SIM_ALL_CAPS (SCHED_CAP_FIFO | SCHED_CAP_STRICT_PRIO | SCHED_CAP_WEIGHTED | \
		      SCHED_CAP_NO_STARVATION | SCHED_CAP_WAKEUP_PREEMPT)

static void sched_describe_names_the_bound_component(struct ktap *t)
{
	struct sim *s = t->fixture;
	const char *bound = NULL;

	sim_start(s, t, 0, NULL);
	for (size_t i = 0; i < tessera_nbindings; i++)
		if (!strcmp(tessera_bindings[i].interface, "sched"))
			bound = tessera_bindings[i].component;
	ktap_expect(t, bound && s->info.name && !strcmp(bound, s->info.name),
		    "describe() names %s, the binding says %s", s->info.name ? s->info.name : "(null)",
		    bound ? bound : "(none)");
	ktap_expect(t, s->info.summary && s->info.summary[0], "describe() has a summary");
	ktap_expect(t, (s->info.caps & ~SIM_ALL_CAPS) == 0, "unknown caps %#x", s->info.caps);
	ktap_expect(t, s->info.prio_levels == 1 || s->info.prio_levels == SCHED_PRIO_LEVELS,
		    "prio_levels is %u", s->info.prio_levels);
	ktap_expect(t, s->info.max_run_ns > 0, "max_run_ns is 0");
	ktap_printf("    # %s: %s (caps %#x, max run %llu ns)\n", s->info.name, s->info.summary,
		    s->info.caps, (unsigned long long)s->info.max_run_ns);
}

static void sched_init_entity_starts_idle_and_keeps_owner(struct ktap *t)
{
	struct sched_entity se, before;
	int marker;

	sim_reset_policy(t);
	memset(&se, 0xa5, sizeof(se));
	se.owner = &marker;
	ktap_expect(t, sched_init_entity(&se, 7) == 0, "init_entity at priority 7 failed");
	ktap_expect(t, se.state == 0, "a new entity is idle, state is %#x", se.state);
	ktap_expect(t, se.owner == &marker, "init_entity changed the owner");
	ktap_expect(t, se.priority == 7 && se.runtime_ns == 0, "priority %u runtime %llu", se.priority,
		    (unsigned long long)se.runtime_ns);
	ktap_expect(t, se.weight > 0, "weight is 0");
	ktap_expect(t, sched_nr_runnable() == 0, "init_entity queued something");
	before = se;
	ktap_expect(t, sched_init_entity(&se, SCHED_PRIO_LEVELS) == -EINVAL, "priority 40 accepted");
	ktap_expect(t, sched_init_entity(&se, UINT32_MAX) == -EINVAL, "priority UINT32_MAX accepted");
	ktap_expect(t, !memcmp(&se, &before, sizeof(se)), "a refused init_entity changed the entity");
}

static void sched_pick_on_empty_queue_returns_null(struct ktap *t)
{
	sim_reset_policy(t);
	ktap_expect(t, sched_nr_runnable() == 0, "a fresh run queue is not empty");
	ktap_expect(t, sched_pick_next() == NULL, "pick_next on an empty queue");
	ktap_expect(t, sched_pick_next() == NULL, "pick_next on an empty queue, twice");
}

static void sched_entity_life_cycle(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { SCHED_PRIO_DEFAULT };

	sim_start(s, t, 1, prio);
	sim_wake(s, 0); /* idle -> queued */
	sim_tick(s, SIM_TICK_NS); /* queued -> running */
	ktap_expect(t, s->curr == &s->se[0], "the only runnable entity was not picked");
	sim_yield(s); /* running -> queued -> running */
	ktap_expect(t, s->curr == &s->se[0], "the only runnable entity was not picked after a yield");
	sim_block(s, 0); /* running -> idle */
	ktap_expect(t, sched_pick_next() == NULL, "pick_next returned a blocked entity");
	sim_wake(s, 0);
	sim_block(s, 0); /* queued -> idle */
	ktap_expect(t, sched_pick_next() == NULL, "pick_next returned a dequeued entity");
}

static void sched_enqueue_of_a_runnable_entity_is_a_noop(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20, 20 };

	sim_start(s, t, 3, prio);
	sim_wake(s, 0);
	sim_wake(s, 0); /* sim_check: still one queued */
	sim_tick(s, SIM_TICK_NS);
	sim_wake(s, 0); /* running: must not queue it too */
	sim_wake(s, 1);
	sim_wake(s, 1);
	sim_block(s, 0);
	sim_tick(s, SIM_TICK_NS);
	ktap_expect(t, s->curr == &s->se[1], "entity 1 should run");
	sim_block(s, 1);
	ktap_expect(t, sched_pick_next() == NULL, "an entity was queued twice");
}

static void sched_dequeue_removes_only_that_entity(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20, 20, 20, 20, 20 };
	int picked[6] = { 0 };

	sim_start(s, t, 6, prio);
	for (int i = 0; i < 6; i++)
		sim_wake(s, i);
	sim_block(s, 2);
	sim_block(s, 4);
	sim_block(s, 4); /* idle already: a no-op */
	for (int k = 0; k < 6 && !s->failed_checks; k++) {
		sim_tick(s, SIM_TICK_NS);
		if (!s->curr)
			break;
		picked[sim_index(s, s->curr)]++;
		sim_block(s, sim_index(s, s->curr));
	}
	for (int i = 0; i < 6; i++)
		ktap_expect(t, picked[i] == (i == 2 || i == 4 ? 0 : 1), "entity %d picked %d times", i, picked[i]);
}

static void sched_put_prev_and_dequeue_of_idle_entities_are_noops(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20 };

	sim_start(s, t, 2, prio);
	sched_put_prev(&s->se[0]); /* idle */
	sim_check(s);
	sim_wake(s, 0);
	sim_wake(s, 1);
	sim_tick(s, SIM_TICK_NS);
	sched_put_prev(&s->se[sim_index(s, s->curr) ^ 1]); /* queued, not running */
	sim_check(s);
	sim_block(s, sim_index(s, s->curr));
	sched_put_prev(&s->se[0]);
	sched_put_prev(&s->se[1]);
	sim_check(s);
}

static void sched_tick_charges_exactly_what_ran(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 12, 20, 28 };
	uint64_t x = 0x9e3779b97f4a7c15ULL;

	sim_start(s, t, 3, prio);
	for (int i = 0; i < 3; i++)
		sim_wake(s, i);
	for (int k = 0; k < 3000 && !s->failed_checks; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		sim_tick(s, x % (3 * SIM_TICK_NS)); /* sim_check compares runtime_ns */
	}
	ktap_expect(t, s->se[0].runtime_ns + s->se[1].runtime_ns + s->se[2].runtime_ns > 0, "nothing charged");
}

static void sched_lone_entity_is_never_preempted(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { SCHED_PRIO_DEFAULT };
	uint64_t n;

	sim_start(s, t, 1, prio);
	n = 20 * sim_max_streak_bound(s) + 100;
	sim_wake(s, 0);
	sim_run(s, n);
	ktap_expect(t, s->max_streak[0] == n, "ran %llu ticks in a row out of %llu",
		    (unsigned long long)s->max_streak[0], (unsigned long long)n);
	if (ktap_expect(t, s->curr == &s->se[0], "the lone entity is not running"))
		ktap_expect(t, !sched_tick(s->curr, 10ULL * 1000 * 1000 * 1000), "a 10 s tick preempted a lone entity");
}

static void sched_set_prio_rejects_out_of_range(struct ktap *t)
{
	struct sim *s = t->fixture;
	const uint32_t prio[] = { 20, 20 };

	sim_start(s, t, 2, prio);
	sim_wake(s, 1);
	sim_set_prio(s, 0, SCHED_PRIO_LEVELS);
	sim_set_prio(s, 1, UINT32_MAX);
	sim_set_prio(s, 0, SCHED_PRIO_HIGHEST);
	sim_set_prio(s, 1, SCHED_PRIO_LOWEST);
}

/* K equal entities, always runnable: none runs too long, none waits too long. */
static void sched_equals_check(struct ktap *t, struct sim *s, uint32_t level)
{
	enum { K = 5, TICKS = 6000 };
	uint32_t prio[K];
	uint64_t bound, longest_run = 0, longest_wait = 0;

	for (int i = 0; i < K; i++)
		prio[i] = level;
	sim_start(s, t, K, prio);
	bound = sim_max_streak_bound(s);
	for (int i = 0; i < K; i++)
		sim_wake(s, i);
	sim_run(s, TICKS);
	for (int i = 0; i < K; i++) {
		longest_run = s->max_streak[i] > longest_run ? s->max_streak[i] : longest_run;
		longest_wait = s->max_wait[i] > longest_wait ? s->max_wait[i] : longest_wait;
	}
	ktap_printf("    # %d entities at priority %u: longest run %llu ticks (bound %llu), longest wait %llu (bound %llu)\n",
		    K, level, (unsigned long long)longest_run, (unsigned long long)bound,
		    (unsigned long long)longest_wait, (unsigned long long)((K - 1) * bound));
	for (int i = 0; i < K; i++) {
		ktap_expect(t, s->max_streak[i] <= bound, "prio %u: entity %d ran %llu ticks in a row, bound %llu",
			    level, i, (unsigned long long)s->max_streak[i], (unsigned long long)bound);
		ktap_expect(t, s->max_wait[i] <= (K - 1) * bound, "prio %u: entity %d waited %llu ticks, bound %llu",
			    level, i, (unsigned long long)s->max_wait[i], (unsigned long long)((K - 1) * bound));
		/* Equal entities get equal shares, within 10%. */
		ktap_expect(t, s->ran[i] * K * 10 >= TICKS * 9 && s->ran[i] * K * 10 <= TICKS * 11,
			    "prio %u: entity %d ran %llu of %d ticks", level, i, (unsigned long long)s->ran[i], TICKS);
	}
}

static void sched_equal_priorities_do_not_starve(struct ktap *t)
{
	const uint32_t levels[] = { SCHED_PRIO_DEFAULT, SCHED_PRIO_HIGHEST, SCHED_PRIO_LOWEST };

	for (size_t k = 0; k < sizeof(levels) / sizeof(levels[0]); k++)
		sched_equals_check(t, t->fixture, levels[k]);
}

static uint64_t sched_rng(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dULL;
}

static uint32_t sched_rng_below(uint64_t *x, uint64_t n)
{
	return (uint32_t)(sched_rng(x) % n);
}

/* One random kernel event; the sim checks the policy after each call. */
static void sched_random_step(struct sim *s, uint64_t *x)
{
	uint32_t r = sched_rng_below(x, 100);
	int i = (int)sched_rng_below(x, (uint64_t)s->n);

	if (r < 45)
		sim_tick(s, SIM_TICK_NS);
	else if (r < 50)
		sim_tick(s, sched_rng_below(x, 3 * SIM_TICK_NS)); /* partial, long and zero ticks */
	else if (r < 65)
		sim_wake(s, i);
	else if (r < 75)
		sim_block(s, i);
	else if (r < 80 && s->curr)
		sim_block(s, sim_index(s, s->curr));
	else if (r < 85)
		sim_yield(s);
	else if (r < 90)
		sim_set_prio(s, i, sched_rng_below(x, SCHED_PRIO_LEVELS + 2));
	else if (&s->se[i] != s->curr)
		sched_put_prev(&s->se[i]); /* not running: a no-op */
	sim_check(s);
}

static void sched_random_operations_match_the_model(struct ktap *t)
{
	enum { N = 24, STEPS = 40000 };
	const uint64_t seeds[] = { 1, 2, 0x5eed, 0xdecafbad };
	struct sim *s = t->fixture;

	for (size_t k = 0; k < sizeof(seeds) / sizeof(seeds[0]); k++) {
		uint64_t x = seeds[k];
		uint32_t prio[N];
		int step;

		/* Mostly three neighbouring levels, so equals meet often. */
		for (int i = 0; i < N; i++)
			prio[i] = sched_rng_below(&x, 4) ? 19 + sched_rng_below(&x, 3) : sched_rng_below(&x, 40);
		sim_start(s, t, N, prio);
		for (step = 0; step < STEPS && !s->failed_checks; step++)
			sched_random_step(s, &x);
		if (s->failed_checks)
			ktap_printf("    # failed with seed %#llx at step %d\n", (unsigned long long)seeds[k], step);
	}
}

static uint64_t sched_type_max(unsigned int size)
{
	return size >= 8 ? UINT64_MAX : (1ULL << (8 * size)) - 1;
}

/* Out of range on either side must fail init, and the saved value work again. */
static int sched_tunable_range_check(struct ktap *t, const struct tessera_tunable *tu)
{
	uint64_t saved = sim_tunable_get(tu);
	int rc;

	if ((uint64_t)tu->max < sched_type_max(tu->size)) {
		sim_tunable_set(tu, (uint64_t)tu->max + 1);
		rc = tessera_init_table[0].fn();
		ktap_expect(t, rc == -EINVAL, "%s=%lld: init returned %d", tu->name, (long long)tu->max + 1, rc);
	}
	if (tu->min > 0) {
		sim_tunable_set(tu, (uint64_t)tu->min - 1);
		rc = tessera_init_table[0].fn();
		ktap_expect(t, rc == -EINVAL, "%s=%lld: init returned %d", tu->name, (long long)tu->min - 1, rc);
	}
	sim_tunable_set(tu, saved);
	rc = tessera_init_table[0].fn();
	ktap_expect(t, rc == 0, "%s restored: init returned %d", tu->name, rc);
	return 1;
}

static void sched_init_rejects_out_of_range_tunables(struct ktap *t)
{
	struct sched_info info;
	int checked = 0;

	if (!ktap_expect(t, tessera_ninit == 1, "expected one init function, found %zu", tessera_ninit))
		return;
	sched_describe(&info);
	for (size_t i = 0; i < tessera_ntunables; i++) {
		const struct tessera_tunable *tu = &tessera_tunables[i];

		/* Signed tunables would need their own edges; sched policies have none. */
		if (!strcmp(tu->component, info.name) && tu->type == TUNABLE_UINT)
			checked += sched_tunable_range_check(t, tu);
	}
	ktap_printf("    # %d tunables of %s checked\n", checked, info.name);
}

const struct ktap_case sched_generic_cases[] = {
	KTAP_CASE(sched_describe_names_the_bound_component),
	KTAP_CASE(sched_init_entity_starts_idle_and_keeps_owner),
	KTAP_CASE(sched_pick_on_empty_queue_returns_null),
	KTAP_CASE(sched_entity_life_cycle),
	KTAP_CASE(sched_enqueue_of_a_runnable_entity_is_a_noop),
	KTAP_CASE(sched_dequeue_removes_only_that_entity),
	KTAP_CASE(sched_put_prev_and_dequeue_of_idle_entities_are_noops),
	KTAP_CASE(sched_tick_charges_exactly_what_ran),
	KTAP_CASE(sched_lone_entity_is_never_preempted),
	KTAP_CASE(sched_set_prio_rejects_out_of_range),
	KTAP_CASE(sched_equal_priorities_do_not_starve),
	KTAP_CASE(sched_random_operations_match_the_model),
	KTAP_CASE(sched_init_rejects_out_of_range_tunables),
	{ 0 },
};
