/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fair scheduling policy: weighted virtual runtime, the least-served entity
 * first, as in Linux's CFS. The kernel's thread mechanics call it through
 * the sched interface (idl/sched.idl); the run queue is fair_tree.c.
 */
#include <tessera/components/sched_fair.h>

#include "fair_tree.h"

/* The manifest's ranges: a value set on the command line is checked again
 * at init, since the tunables are plain variables. */
#define FAIR_GRANULARITY_US_MIN 100U
#define FAIR_TUNABLE_US_MAX 1000000U
#define FAIR_NS_PER_US 1000ULL

/*
 * Linux's sched_prio_to_weight[]: the weight of nice -20..19, indexed by
 * priority (nice + 20). Neighbours differ by about 1.25, so one nice step
 * moves about 10% of the CPU between two competing threads.
 */
static const uint32_t fair_prio_weight[SCHED_PRIO_LEVELS] = {
	88761, 71755, 56483, 46273, 36291, /* nice -20 .. -16 */
	29154, 23254, 18705, 14949, 11916, /* nice -15 .. -11 */
	9548,  7620,  6100,  4904,  3906,  /* nice -10 .. -6 */
	3121,  2501,  1991,  1586,  1277,  /* nice -5 .. -1 */
	1024,  820,   655,   526,   423,   /* nice 0 .. 4 */
	335,   272,   215,   172,   137,   /* nice 5 .. 9 */
	110,   87,    70,    56,    45,    /* nice 10 .. 14 */
	36,    29,    23,    18,    15,    /* nice 15 .. 19 */
};

/* Fixed once fair_init() has run; nanoseconds. */
static struct fair_config {
	uint64_t granularity_ns;
	uint64_t wakeup_granularity_ns;
	uint64_t sleeper_credit_ns;
} fair_cfg;

/*
 * The run queue, guarded by the caller's run-queue lock. The tree holds
 * the queued entities (nr of them), not curr, the running one, which
 * pick_next took out. min_vruntime never decreases: it follows the least
 * key of curr and the tree, and anchors where waking entities go.
 */
static struct fair_rq {
	struct fair_tree tree;
	struct sched_entity *curr;
	uint64_t min_vruntime;
	size_t nr;
} fair_rq;

static bool fair_is_valid_prio(uint32_t prio)
{
	return prio <= SCHED_PRIO_LOWEST;
}

/*
 * delta scaled by SCHED_NICE_0_WEIGHT / weight, without overflow for any
 * delta below centuries: dividing first keeps the product small, and the
 * remainder term restores the precision the division dropped.
 */
static uint64_t fair_scale(uint64_t delta, uint32_t weight)
{
	if (weight == SCHED_NICE_0_WEIGHT)
		return delta;
	return delta / weight * SCHED_NICE_0_WEIGHT + delta % weight * SCHED_NICE_0_WEIGHT / weight;
}

static uint64_t fair_key_min(uint64_t a, uint64_t b)
{
	return fair_key_before(a, b) ? a : b;
}

/* Advance min_vruntime to the least key of curr and the queue, never back. */
static void fair_update_min_vruntime(void)
{
	const struct sched_entity *first = fair_rq.tree.leftmost;
	const struct sched_entity *curr = fair_rq.curr;
	uint64_t least;

	if (curr && first)
		least = fair_key_min(curr->key, first->key);
	else if (curr || first)
		least = curr ? curr->key : first->key;
	else
		return;
	if (fair_key_before(fair_rq.min_vruntime, least))
		fair_rq.min_vruntime = least;
}

static void fair_queue_insert(struct sched_entity *se)
{
	fair_tree_insert(&fair_rq.tree, se);
	fair_rq.nr++;
	se->state = SCHED_SE_QUEUED;
}

static void fair_queue_erase(struct sched_entity *se)
{
	fair_tree_erase(&fair_rq.tree, se);
	fair_rq.nr--;
}

static int fair_config_read(struct fair_config *cfg)
{
	if (sched_fair_granularity_us < FAIR_GRANULARITY_US_MIN ||
	    sched_fair_granularity_us > FAIR_TUNABLE_US_MAX ||
	    sched_fair_wakeup_granularity_us > FAIR_TUNABLE_US_MAX ||
	    sched_fair_sleeper_credit_us > FAIR_TUNABLE_US_MAX)
		return -EINVAL;
	cfg->granularity_ns = sched_fair_granularity_us * FAIR_NS_PER_US;
	cfg->wakeup_granularity_ns = sched_fair_wakeup_granularity_us * FAIR_NS_PER_US;
	cfg->sleeper_credit_ns = sched_fair_sleeper_credit_us * FAIR_NS_PER_US;
	return 0;
}

/**
 * fair_init() - Empty the run queue and fix the granularities from the tunables.
 *
 * Return: 0, or -EINVAL when a sched_fair tunable is outside its range.
 */
int fair_init(void)
{
	struct fair_config cfg;
	int err = fair_config_read(&cfg);

	if (err)
		return err;
	fair_cfg = cfg;
	fair_rq = (struct fair_rq){ 0 };
	return 0;
}

/**
 * fair_init_entity() - Prepare an idle entity level with the others.
 * @se: the entity; everything but its owner is overwritten.
 * @prio: its priority, which sets its weight.
 *
 * Its virtual runtime starts at min_vruntime, so a new thread neither
 * owes nor is owed CPU time. slice_ns stays 0: this policy has no fixed
 * slice, only the granularity.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int fair_init_entity(struct sched_entity *se, uint32_t prio)
{
	void *owner = se->owner;

	if (!fair_is_valid_prio(prio))
		return -EINVAL;
	*se = (struct sched_entity){ 0 };
	se->owner = owner;
	se->priority = prio;
	se->weight = fair_prio_weight[prio];
	se->key = fair_rq.min_vruntime;
	return 0;
}

/**
 * fair_enqueue() - Queue an idle entity by its virtual runtime.
 * @se: the entity made runnable; a queued or running one is left alone.
 *
 * An entity that slept keeps its virtual runtime unless that is more than
 * the sleeper credit behind min_vruntime: then it is moved up to that
 * bound, so sleeping cannot bank CPU time to spend later in one go.
 */
void fair_enqueue(struct sched_entity *se)
{
	uint64_t floor = fair_rq.min_vruntime - fair_cfg.sleeper_credit_ns;

	if (se->state & (SCHED_SE_QUEUED | SCHED_SE_RUNNING))
		return;
	if (fair_key_before(se->key, floor))
		se->key = floor;
	fair_queue_insert(se);
	fair_update_min_vruntime();
}

/**
 * fair_dequeue() - Make an entity idle.
 * @se: a queued entity (taken out of the tree) or the running one (forgotten).
 */
void fair_dequeue(struct sched_entity *se)
{
	if (se->state & SCHED_SE_QUEUED)
		fair_queue_erase(se);
	if (fair_rq.curr == se)
		fair_rq.curr = NULL;
	se->state = 0;
	fair_update_min_vruntime();
}

/**
 * fair_pick_next() - Take the entity with the least virtual runtime.
 *
 * Return: the leftmost entity, now running; NULL when none waits.
 */
struct sched_entity *fair_pick_next(void)
{
	struct sched_entity *se = fair_rq.tree.leftmost;

	if (!se)
		return NULL;
	fair_queue_erase(se);
	se->state = SCHED_SE_RUNNING;
	fair_rq.curr = se;
	return se;
}

/**
 * fair_put_prev() - Give the running entity back to the tree at its virtual runtime.
 * @se: the running entity; anything else is left alone.
 */
void fair_put_prev(struct sched_entity *se)
{
	if (!(se->state & SCHED_SE_RUNNING))
		return;
	if (fair_rq.curr == se)
		fair_rq.curr = NULL;
	fair_queue_insert(se);
	fair_update_min_vruntime();
}

/**
 * fair_tick() - Charge the running entity and say whether to preempt it.
 * @curr: the running entity.
 * @delta_ns: CPU time it used since it was last charged; 0 only asks.
 *
 * The granularity is counted in curr's own CPU time, so however heavy or
 * light it is, curr runs about granularity_us beyond its fair share
 * before the least-served entity gets the CPU.
 *
 * Return: true when curr's virtual runtime exceeds the least queued one's
 * by more than the granularity.
 */
bool fair_tick(struct sched_entity *curr, uint64_t delta_ns)
{
	const struct sched_entity *first = fair_rq.tree.leftmost;

	if (!(curr->state & SCHED_SE_RUNNING))
		return false;
	curr->runtime_ns += delta_ns;
	curr->key += fair_scale(delta_ns, curr->weight);
	fair_update_min_vruntime();
	if (!first)
		return false;
	return (int64_t)(curr->key - first->key) > (int64_t)fair_scale(fair_cfg.granularity_ns, curr->weight);
}

/**
 * fair_should_preempt() - Say whether a woken entity is far enough behind the running one.
 * @curr: the running entity.
 * @woken: the entity just enqueued.
 *
 * Return: true when @woken's virtual runtime is more than the wake-up
 * granularity behind @curr's.
 */
bool fair_should_preempt(const struct sched_entity *curr, const struct sched_entity *woken)
{
	if (!(curr->state & SCHED_SE_RUNNING) || !(woken->state & SCHED_SE_QUEUED))
		return false;
	return (int64_t)(curr->key - woken->key) > (int64_t)fair_cfg.wakeup_granularity_ns;
}

/**
 * fair_set_prio() - Change an entity's priority and so its weight.
 * @se: the entity, in any state.
 * @prio: the new priority.
 *
 * The virtual runtime earned so far stays, so the tree order holds and a
 * queued entity need not move: only future charges use the new weight.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int fair_set_prio(struct sched_entity *se, uint32_t prio)
{
	if (!fair_is_valid_prio(prio))
		return -EINVAL;
	se->priority = prio;
	se->weight = fair_prio_weight[prio];
	return 0;
}

/**
 * fair_nr_runnable() - Count the queued entities.
 *
 * Return: how many wait in the tree, the running one not included.
 */
size_t fair_nr_runnable(void)
{
	return fair_rq.nr;
}

/**
 * fair_describe() - Say what the fair policy promises.
 * @info: filled in.
 *
 * Between two entities of the default priority, the running one stops at
 * most a granularity past the other's virtual runtime, and the other is
 * at most a sleeper credit plus a granularity ahead of it when it starts.
 */
void fair_describe(struct sched_info *info)
{
	info->name = "sched_fair";
	info->summary = "fair: weighted virtual runtime in a red-black tree, least served first";
	info->caps = SCHED_CAP_WEIGHTED | SCHED_CAP_NO_STARVATION | SCHED_CAP_WAKEUP_PREEMPT;
	info->prio_levels = SCHED_PRIO_LEVELS;
	info->max_run_ns = fair_cfg.sleeper_credit_ns + 2 * fair_cfg.granularity_ns;
}
