/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The simulated CPU and run-queue model of the sched conformance suite (see
 * sched_sim.h). Every call into the policy is followed by a comparison
 * with the model, so a case fails at the first call that breaks a promise.
 */
#include "sched_sim.h"

#include <string.h>

static bool sim_has(const struct sim *s, uint32_t cap)
{
	return (s->info.caps & cap) != 0;
}

int sim_index(const struct sim *s, const struct sched_entity *se)
{
	if (se < s->se || se >= s->se + s->n)
		return -1;
	return (int)(se - s->se);
}

/* The owner each entity carries: the policy must never change it. */
static void *sim_owner_of(struct sim *s, int i)
{
	return &s->charged_ns[i];
}

int sim_reset_policy(struct ktap *t)
{
	for (size_t i = 0; i < tessera_ninit; i++) {
		int rc = tessera_init_table[i].fn();

		if (!ktap_expect(t, rc == 0, "%s init returned %d", tessera_init_table[i].component, rc))
			return rc;
	}
	return 0;
}

void sim_start(struct sim *s, struct ktap *t, int n, const uint32_t *prio)
{
	memset(s, 0, sizeof(*s));
	s->t = t;
	s->n = n;
	s->streak_idx = -1;
	sim_reset_policy(t);
	sched_describe(&s->info);
	for (int i = 0; i < n; i++) {
		int rc;

		s->se[i].owner = sim_owner_of(s, i);
		rc = sched_init_entity(&s->se[i], prio[i]);
		ktap_expect(t, rc == 0, "init_entity(%d, prio %u) returned %d", i, prio[i], rc);
		s->prio[i] = prio[i];
	}
}

void sim_clear_stats(struct sim *s)
{
	memset(s->ran, 0, sizeof(s->ran));
	memset(s->max_wait, 0, sizeof(s->max_wait));
	memset(s->max_streak, 0, sizeof(s->max_streak));
	for (int i = 0; i < s->n; i++)
		s->waiting_since[i] = s->ticks;
	s->streak_idx = -1;
	s->streak = 0;
}

uint64_t sim_max_streak_bound(const struct sim *s)
{
	return (s->info.max_run_ns + SIM_TICK_NS - 1) / SIM_TICK_NS + 1;
}

/* ---- the FIFO model ---- */

static int sim_level(const struct sim *s, int i)
{
	return s->info.prio_levels == 1 ? 0 : (int)s->prio[i];
}

static void sim_fifo_push(struct sim_fifo *f, int i, bool at_head)
{
	if (at_head) {
		memmove(&f->idx[1], &f->idx[0], (size_t)f->len * sizeof(f->idx[0]));
		f->idx[0] = i;
	} else {
		f->idx[f->len] = i;
	}
	f->len++;
}

static void sim_fifo_remove(struct sim_fifo *f, int i)
{
	for (int k = 0; k < f->len; k++) {
		if (f->idx[k] != i)
			continue;
		memmove(&f->idx[k], &f->idx[k + 1], (size_t)(f->len - k - 1) * sizeof(f->idx[0]));
		f->len--;
		return;
	}
}

/* The head of the most urgent non-empty level: what FIFO must pick. */
static int sim_fifo_expected(const struct sim *s)
{
	for (int lv = 0; lv < (int)SCHED_PRIO_LEVELS; lv++)
		if (s->fifo[lv].len)
			return s->fifo[lv].idx[0];
	return -1;
}

static bool sim_fifo_has_more_urgent(const struct sim *s, int i)
{
	for (int lv = 0; lv < sim_level(s, i); lv++)
		if (s->fifo[lv].len)
			return true;
	return false;
}

static void sim_model_enqueue(struct sim *s, int i, bool at_head)
{
	s->queued[i] = true;
	s->nr_queued++;
	s->waiting_since[i] = s->ticks;
	if (sim_has(s, SCHED_CAP_FIFO))
		sim_fifo_push(&s->fifo[sim_level(s, i)], i, at_head);
}

static void sim_model_dequeue(struct sim *s, int i)
{
	s->queued[i] = false;
	s->nr_queued--;
	if (sim_has(s, SCHED_CAP_FIFO))
		sim_fifo_remove(&s->fifo[sim_level(s, i)], i);
}

/* ---- checks ---- */

static bool sim_expect(struct sim *s, bool ok, const char *what, int i)
{
	if (ok)
		return true;
	ktap_expect(s->t, false, "%s (entity %d, tick %llu)", what, i, (unsigned long long)s->ticks);
	s->failed_checks++;
	return false;
}

static uint32_t sim_expected_state(const struct sim *s, int i)
{
	if (s->queued[i])
		return SCHED_SE_QUEUED;
	return s->curr == &s->se[i] ? SCHED_SE_RUNNING : 0;
}

static bool sim_check_entity(struct sim *s, int i)
{
	const struct sched_entity *se = &s->se[i];

	return sim_expect(s, se->state == sim_expected_state(s, i), "state differs from the model", i) &&
	       sim_expect(s, se->runtime_ns == s->charged_ns[i], "runtime_ns differs from what tick charged", i) &&
	       sim_expect(s, se->priority == s->prio[i], "priority differs from the one set", i) &&
	       sim_expect(s, se->owner == sim_owner_of(s, i), "owner was changed by the policy", i);
}

bool sim_check(struct sim *s)
{
	size_t nr = sched_nr_runnable();

	if (s->failed_checks)
		return false;
	if (nr != (size_t)s->nr_queued) {
		ktap_expect(s->t, false, "nr_runnable() is %zu, the model has %d queued (tick %llu)", nr,
			    s->nr_queued, (unsigned long long)s->ticks);
		s->failed_checks++;
		return false;
	}
	for (int i = 0; i < s->n; i++)
		if (!sim_check_entity(s, i))
			return false;
	return true;
}

/* What the picked entity must satisfy, given what was queued before. */
static void sim_check_pick(struct sim *s, int i, int fifo_expected)
{
	if (sim_has(s, SCHED_CAP_FIFO))
		sim_expect(s, i == fifo_expected, "pick_next broke FIFO order", i);
	for (int j = 0; j < s->n; j++) {
		if (!s->queued[j] || j == i)
			continue;
		if (sim_has(s, SCHED_CAP_STRICT_PRIO))
			sim_expect(s, s->prio[i] <= s->prio[j], "pick_next passed over a more urgent entity", i);
		if (sim_has(s, SCHED_CAP_WEIGHTED))
			sim_expect(s, (int64_t)(s->se[i].key - s->se[j].key) <= 0,
				   "pick_next passed over an entity with less virtual runtime", i);
	}
	if (s->preempted)
		sim_expect(s, &s->se[i] != s->preempted, "the preempted entity was picked again", i);
}

/* ---- the simulated kernel ---- */

static void sim_pick(struct sim *s)
{
	int expected = sim_fifo_expected(s);
	struct sched_entity *se = sched_pick_next();
	int i;

	if (!se) {
		sim_expect(s, s->nr_queued == 0, "pick_next returned NULL with entities queued", -1);
		s->preempted = NULL;
		return;
	}
	i = sim_index(s, se);
	if (!sim_expect(s, i >= 0 && s->queued[i], "pick_next returned an entity that was not queued", i))
		return;
	sim_check_pick(s, i, expected);
	sim_model_dequeue(s, i);
	if (s->ticks - s->waiting_since[i] > s->max_wait[i])
		s->max_wait[i] = s->ticks - s->waiting_since[i];
	s->preempted = NULL;
	s->curr = se;
	sim_check(s);
}

/* Gives curr back as the kernel does on preemption or yield. */
static void sim_put_prev(struct sim *s)
{
	int c = sim_index(s, s->curr);
	/* The FIFO promise: preempted early by a more urgent entity, it resumes first. */
	bool at_head = sim_fifo_has_more_urgent(s, c) && s->curr->slice_ns > 0;

	sched_put_prev(s->curr);
	s->curr = NULL;
	sim_model_enqueue(s, c, at_head);
	sim_check(s);
}

static void sim_preempt(struct sim *s)
{
	struct sched_entity *prev = s->curr;

	sim_put_prev(s);
	s->preempted = prev;
	sim_pick(s);
}

void sim_yield(struct sim *s)
{
	if (!s->curr)
		return;
	sim_put_prev(s);
	sim_pick(s);
}

void sim_wake(struct sim *s, int i)
{
	bool was_runnable = s->queued[i] || s->curr == &s->se[i];
	bool preempt;

	sched_enqueue(&s->se[i]);
	if (was_runnable) {
		sim_check(s);
		return;
	}
	sim_model_enqueue(s, i, false);
	if (!sim_check(s) || !s->curr)
		return;
	preempt = sched_should_preempt(s->curr, &s->se[i]);
	if (!sim_has(s, SCHED_CAP_WAKEUP_PREEMPT))
		sim_expect(s, !preempt, "should_preempt is true without SCHED_CAP_WAKEUP_PREEMPT", i);
	if (sim_has(s, SCHED_CAP_STRICT_PRIO))
		sim_expect(s, preempt == (s->prio[i] < s->prio[sim_index(s, s->curr)]),
			   "should_preempt disagrees with the priorities", i);
	if (preempt)
		sim_preempt(s);
}

void sim_block(struct sim *s, int i)
{
	sched_dequeue(&s->se[i]);
	if (s->queued[i])
		sim_model_dequeue(s, i);
	if (s->curr == &s->se[i]) {
		s->curr = NULL;
		s->streak_idx = -1;
	}
	sim_check(s);
}

void sim_set_prio(struct sim *s, int i, uint32_t prio)
{
	int rc = sched_set_prio(&s->se[i], prio);
	/* A queued entity goes to the tail of its new level, or keeps its place. */
	bool moves = sim_has(s, SCHED_CAP_FIFO) && s->queued[i] && s->info.prio_levels > 1 && prio != s->prio[i];

	if (prio > SCHED_PRIO_LOWEST) {
		sim_expect(s, rc == -EINVAL, "set_prio accepted a priority out of range", i);
		sim_check(s);
		return;
	}
	sim_expect(s, rc == 0, "set_prio refused a valid priority", i);
	if (moves)
		sim_fifo_remove(&s->fifo[sim_level(s, i)], i);
	s->prio[i] = prio;
	if (moves)
		sim_fifo_push(&s->fifo[sim_level(s, i)], i, false);
	sim_check(s);
}

static void sim_account(struct sim *s, int i)
{
	s->ran[i]++;
	if (s->streak_idx == i) {
		s->streak++;
	} else {
		s->streak_idx = i;
		s->streak = 1;
	}
	if (s->streak > s->max_streak[i])
		s->max_streak[i] = s->streak;
}

void sim_tick(struct sim *s, uint64_t delta_ns)
{
	int i;

	if (!s->curr)
		sim_pick(s);
	s->ticks++;
	if (!s->curr) {
		s->streak_idx = -1;
		return;
	}
	i = sim_index(s, s->curr);
	sim_account(s, i);
	s->charged_ns[i] += delta_ns;
	if (sched_tick(s->curr, delta_ns)) {
		sim_check(s);
		sim_preempt(s);
		return;
	}
	sim_check(s);
}

void sim_run(struct sim *s, uint64_t ticks)
{
	for (uint64_t k = 0; k < ticks && !s->failed_checks; k++)
		sim_tick(s, SIM_TICK_NS);
}

/* ---- tunables, through the generated table ---- */

const struct tessera_tunable *sim_tunable(const char *component, const char *name)
{
	for (size_t i = 0; i < tessera_ntunables; i++) {
		const struct tessera_tunable *tu = &tessera_tunables[i];

		if (!strcmp(tu->component, component) && !strcmp(tu->name, name))
			return tu;
	}
	return NULL;
}

uint64_t sim_tunable_get(const struct tessera_tunable *tu)
{
	uint64_t v = 0;

	/* Little-endian host: the low bytes of v hold a narrower value. */
	memcpy(&v, tu->value, tu->size);
	return v;
}

void sim_tunable_set(const struct tessera_tunable *tu, uint64_t v)
{
	memcpy(tu->value, &v, tu->size);
}
