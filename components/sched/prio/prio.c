/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fixed-priority scheduling policy: a FIFO per priority level and a bitmap
 * of the non-empty levels, so every operation is O(1). The kernel's thread
 * mechanics call it through the sched interface (idl/sched.idl).
 */
#include <tessera/components/sched_prio.h>

/* The manifest's range for slice_ms: a value set on the command line is
 * checked again at init, since the tunable is a plain variable. */
#define PRIO_SLICE_MS_MIN 1U
#define PRIO_SLICE_MS_MAX 1000U
#define PRIO_NS_PER_MS 1000000ULL

/* One bit per level in a u64 is what makes pick a single find-first-set. */
_Static_assert(SCHED_PRIO_LEVELS <= 64, "priority levels must fit the bitmap");

/* Fixed once prio_init() has run. */
static struct prio_config {
	uint64_t slice_ns;
} prio_cfg;

struct prio_level {
	struct sched_entity *head;
	struct sched_entity *tail;
};

/*
 * The run queue. level[p] is a doubly linked FIFO through next/prev, NULL
 * terminated, of the queued entities of priority p; bit p of nonempty is
 * set exactly when level[p] has one; nr counts them all. Guarded by the
 * caller's run-queue lock.
 */
static struct prio_queue {
	struct prio_level level[SCHED_PRIO_LEVELS];
	uint64_t nonempty;
	size_t nr;
} prio_rq;

/* The levels strictly more urgent than prio, as a bitmap mask. */
static uint64_t prio_more_urgent_mask(uint32_t prio)
{
	return (1ULL << prio) - 1;
}

static bool prio_has_more_urgent(uint32_t prio)
{
	return (prio_rq.nonempty & prio_more_urgent_mask(prio)) != 0;
}

static void prio_level_link(struct sched_entity *se, bool at_head)
{
	struct prio_level *lv = &prio_rq.level[se->priority];

	se->next = at_head ? lv->head : NULL;
	se->prev = at_head ? NULL : lv->tail;
	if (se->next)
		se->next->prev = se;
	else
		lv->tail = se;
	if (se->prev)
		se->prev->next = se;
	else
		lv->head = se;
	prio_rq.nonempty |= 1ULL << se->priority;
	prio_rq.nr++;
	se->state = SCHED_SE_QUEUED;
}

static void prio_level_unlink(struct sched_entity *se)
{
	struct prio_level *lv = &prio_rq.level[se->priority];

	if (se->prev)
		se->prev->next = se->next;
	else
		lv->head = se->next;
	if (se->next)
		se->next->prev = se->prev;
	else
		lv->tail = se->prev;
	if (!lv->head)
		prio_rq.nonempty &= ~(1ULL << se->priority);
	se->next = NULL;
	se->prev = NULL;
	prio_rq.nr--;
}

static bool prio_is_valid(uint32_t prio)
{
	return prio <= SCHED_PRIO_LOWEST;
}

/**
 * prio_init() - Empty the run queue and fix the time slice from the tunable.
 *
 * Return: 0, or -EINVAL when sched_prio.slice_ms is outside 1..1000.
 */
int prio_init(void)
{
	if (sched_prio_slice_ms < PRIO_SLICE_MS_MIN || sched_prio_slice_ms > PRIO_SLICE_MS_MAX)
		return -EINVAL;
	prio_cfg.slice_ns = sched_prio_slice_ms * PRIO_NS_PER_MS;
	prio_rq = (struct prio_queue){ 0 };
	return 0;
}

/**
 * prio_init_entity() - Prepare an idle entity with a full slice.
 * @se: the entity; everything but its owner is overwritten.
 * @prio: its priority, 0 (most urgent) to SCHED_PRIO_LOWEST.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int prio_init_entity(struct sched_entity *se, uint32_t prio)
{
	void *owner = se->owner;

	if (!prio_is_valid(prio))
		return -EINVAL;
	*se = (struct sched_entity){ 0 };
	se->owner = owner;
	se->priority = prio;
	se->weight = SCHED_NICE_0_WEIGHT;
	se->slice_ns = prio_cfg.slice_ns;
	return 0;
}

/**
 * prio_enqueue() - Put an idle entity at the tail of its level with a fresh slice.
 * @se: the entity made runnable; a queued or running one is left alone.
 */
void prio_enqueue(struct sched_entity *se)
{
	if (se->state & (SCHED_SE_QUEUED | SCHED_SE_RUNNING))
		return;
	se->slice_ns = prio_cfg.slice_ns;
	prio_level_link(se, false);
}

/**
 * prio_dequeue() - Make an entity idle.
 * @se: a queued entity (unlinked) or the running one (forgotten).
 */
void prio_dequeue(struct sched_entity *se)
{
	if (se->state & SCHED_SE_QUEUED)
		prio_level_unlink(se);
	se->state = 0;
}

/**
 * prio_pick_next() - Take the head of the most urgent non-empty level.
 *
 * Return: the entity now running; NULL when none waits.
 */
struct sched_entity *prio_pick_next(void)
{
	struct sched_entity *se;

	if (!prio_rq.nonempty)
		return NULL;
	se = prio_rq.level[__builtin_ctzll(prio_rq.nonempty)].head;
	prio_level_unlink(se);
	se->state = SCHED_SE_RUNNING;
	return se;
}

/**
 * prio_put_prev() - Give the running entity back to its level.
 * @se: the running entity; anything else is left alone.
 *
 * Preempted by a more urgent entity, it goes to the head of its level and
 * keeps what is left of its slice, so an interruption does not cost it
 * its turn among equals. Otherwise (slice used up, or a yield) it goes to
 * the tail with a fresh slice.
 */
void prio_put_prev(struct sched_entity *se)
{
	bool preempted;

	if (!(se->state & SCHED_SE_RUNNING))
		return;
	preempted = prio_has_more_urgent(se->priority) && se->slice_ns;
	if (!preempted)
		se->slice_ns = prio_cfg.slice_ns;
	prio_level_link(se, preempted);
}

/**
 * prio_tick() - Charge the running entity and say whether to preempt it.
 * @curr: the running entity.
 * @delta_ns: CPU time it used since it was last charged; 0 only asks.
 *
 * A used-up slice gives way only to an equal or more urgent entity; with
 * nothing but less urgent ones waiting, curr starts a new slice.
 *
 * Return: true when a more urgent entity waits, or when the slice is used
 * up and an entity of the same priority waits.
 */
bool prio_tick(struct sched_entity *curr, uint64_t delta_ns)
{
	if (!(curr->state & SCHED_SE_RUNNING))
		return false;
	curr->runtime_ns += delta_ns;
	curr->slice_ns -= delta_ns < curr->slice_ns ? delta_ns : curr->slice_ns;
	if (prio_has_more_urgent(curr->priority))
		return true;
	if (curr->slice_ns)
		return false;
	if (prio_rq.nonempty & (1ULL << curr->priority))
		return true;
	curr->slice_ns = prio_cfg.slice_ns;
	return false;
}

/**
 * prio_should_preempt() - Say whether a woken entity is more urgent than the running one.
 * @curr: the running entity.
 * @woken: the entity just enqueued.
 *
 * Return: true when @woken has a strictly more urgent priority.
 */
bool prio_should_preempt(const struct sched_entity *curr, const struct sched_entity *woken)
{
	if (!(curr->state & SCHED_SE_RUNNING) || !(woken->state & SCHED_SE_QUEUED))
		return false;
	return woken->priority < curr->priority;
}

/**
 * prio_set_prio() - Change an entity's priority.
 * @se: the entity, in any state; a queued one moves to the tail of its new
 *      level, or keeps its place when the priority does not change.
 * @prio: the new priority.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int prio_set_prio(struct sched_entity *se, uint32_t prio)
{
	bool queued = se->state & SCHED_SE_QUEUED;

	if (!prio_is_valid(prio))
		return -EINVAL;
	if (prio == se->priority)
		return 0;
	if (queued)
		prio_level_unlink(se);
	se->priority = prio;
	if (queued)
		prio_level_link(se, false);
	return 0;
}

/**
 * prio_nr_runnable() - Count the queued entities.
 *
 * Return: how many wait in the run queue, the running one not included.
 */
size_t prio_nr_runnable(void)
{
	return prio_rq.nr;
}

/**
 * prio_describe() - Say what fixed priority promises.
 * @info: filled in.
 */
void prio_describe(struct sched_info *info)
{
	info->name = "sched_prio";
	info->summary = "fixed priority: most urgent level first, round robin among equals";
	info->caps = SCHED_CAP_FIFO | SCHED_CAP_STRICT_PRIO | SCHED_CAP_WAKEUP_PREEMPT;
	info->prio_levels = SCHED_PRIO_LEVELS;
	info->max_run_ns = prio_cfg.slice_ns;
}
