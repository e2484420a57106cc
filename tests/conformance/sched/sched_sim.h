/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A simulated CPU for the sched conformance suite: a host array of entities,
 * a loop that picks, runs a tick, charges it and preempts, and a model of
 * what the run queue must hold. The cases (sched_cases.c,
 * sched_policy_cases.c) drive it; every call into sched goes through here.
 */
#ifndef TESSERA_TESTS_SCHED_SIM_H
#define TESSERA_TESTS_SCHED_SIM_H

#include <tessera/composition.h>
#include <tessera/sched.h>

#include "ktap.h"

#define SIM_MAX 64
/* One simulated timer tick: 1 ms, as with a 1000 Hz timer. */
#define SIM_TICK_NS 1000000ULL

/*
 * The FIFO model of one priority level, as indices into sim.se, for
 * policies declaring SCHED_CAP_FIFO: where each entity must be.
 */
struct sim_fifo {
	int idx[SIM_MAX];
	int len;
};

struct sim {
	struct ktap *t;
	struct sched_info info;
	struct sched_entity se[SIM_MAX];
	int n; /* entities in use */
	struct sched_entity *curr; /* what the simulated CPU runs, or NULL */

	/* The model: what the policy must agree with after every call. */
	bool queued[SIM_MAX];
	uint32_t prio[SIM_MAX];
	uint64_t charged_ns[SIM_MAX];
	struct sim_fifo fifo[SCHED_PRIO_LEVELS];
	int nr_queued;

	/* What happened, for the starvation and share checks. */
	uint64_t ticks; /* ticks simulated, idle ones included */
	uint64_t ran[SIM_MAX]; /* ticks each entity ran */
	uint64_t waiting_since[SIM_MAX]; /* tick it was last queued */
	uint64_t max_wait[SIM_MAX]; /* longest it stayed queued, in ticks */
	int streak_idx; /* who ran the last tick, or -1 */
	uint64_t streak; /* how many ticks in a row it ran */
	uint64_t max_streak[SIM_MAX];
	struct sched_entity *preempted; /* must not be picked next */
	int failed_checks; /* stop a run at the first broken invariant */
};

/* Re-runs the init table (an empty run queue) and describes the policy. */
int sim_reset_policy(struct ktap *t);
/* Starts a simulation of n entities (idle), priorities from prio[]. */
void sim_start(struct sim *s, struct ktap *t, int n, const uint32_t *prio);

/* The simulated kernel's calls: each updates the model and checks it. */
void sim_wake(struct sim *s, int i);
void sim_block(struct sim *s, int i);
void sim_set_prio(struct sim *s, int i, uint32_t prio);
/* Picks when idle, runs curr for delta_ns, charges it, preempts on request. */
void sim_tick(struct sim *s, uint64_t delta_ns);
void sim_run(struct sim *s, uint64_t ticks);
/* The running entity yields: put_prev then pick. */
void sim_yield(struct sim *s);

int sim_index(const struct sim *s, const struct sched_entity *se);
/* Compares every entity and the queue length with the model. */
bool sim_check(struct sim *s);
/* Clears the counters (ran, streaks, waits) without touching the queue. */
void sim_clear_stats(struct sim *s);

/* The ticks an entity may run in a row while an equal waits. */
uint64_t sim_max_streak_bound(const struct sim *s);

/* The selected component's tunable, or NULL. */
const struct tessera_tunable *sim_tunable(const char *component, const char *name);
uint64_t sim_tunable_get(const struct tessera_tunable *tu);
void sim_tunable_set(const struct tessera_tunable *tu, uint64_t v);

#endif /* TESSERA_TESTS_SCHED_SIM_H */
