/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Round-robin scheduling policy: one FIFO run queue, a fixed time slice.
 * The kernel's thread mechanics call it through the sched interface
 * (idl/sched.idl) with the run-queue lock held; every operation is O(1).
 */
#include <tessera/components/sched_rr.h>

/* The manifest's range for slice_ms: a value set on the command line is
 * checked again at init, since the tunable is a plain variable. */
#define RR_SLICE_MS_MIN 1U
#define RR_SLICE_MS_MAX 1000U
#define RR_NS_PER_MS 1000000ULL

/* Fixed once rr_init() has run. */
static struct rr_config {
	uint64_t slice_ns;
} rr_cfg;

/*
 * The run queue: a doubly linked FIFO through sched_entity.next/prev, NULL
 * terminated at both ends. Every entity in it has SCHED_SE_QUEUED set and
 * nr counts them. Guarded by the caller's run-queue lock.
 */
static struct rr_queue {
	struct sched_entity *head;
	struct sched_entity *tail;
	size_t nr;
} rr_rq;

static void rr_queue_append(struct sched_entity *se)
{
	se->next = NULL;
	se->prev = rr_rq.tail;
	if (rr_rq.tail)
		rr_rq.tail->next = se;
	else
		rr_rq.head = se;
	rr_rq.tail = se;
	rr_rq.nr++;
	se->state = SCHED_SE_QUEUED;
}

static void rr_queue_unlink(struct sched_entity *se)
{
	if (se->prev)
		se->prev->next = se->next;
	else
		rr_rq.head = se->next;
	if (se->next)
		se->next->prev = se->prev;
	else
		rr_rq.tail = se->prev;
	se->next = NULL;
	se->prev = NULL;
	rr_rq.nr--;
}

static bool rr_is_valid_prio(uint32_t prio)
{
	return prio <= SCHED_PRIO_LOWEST;
}

/**
 * rr_init() - Empty the run queue and fix the time slice from the tunable.
 *
 * Return: 0, or -EINVAL when sched_rr.slice_ms is outside 1..1000.
 */
int rr_init(void)
{
	if (sched_rr_slice_ms < RR_SLICE_MS_MIN || sched_rr_slice_ms > RR_SLICE_MS_MAX)
		return -EINVAL;
	rr_cfg.slice_ns = sched_rr_slice_ms * RR_NS_PER_MS;
	rr_rq = (struct rr_queue){ 0 };
	return 0;
}

/**
 * rr_init_entity() - Prepare an idle entity with a full slice.
 * @se: the entity; everything but its owner is overwritten.
 * @prio: its priority, recorded for the caller but not used to order.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int rr_init_entity(struct sched_entity *se, uint32_t prio)
{
	void *owner = se->owner;

	if (!rr_is_valid_prio(prio))
		return -EINVAL;
	*se = (struct sched_entity){ 0 };
	se->owner = owner;
	se->priority = prio;
	se->weight = SCHED_NICE_0_WEIGHT;
	se->slice_ns = rr_cfg.slice_ns;
	return 0;
}

/**
 * rr_enqueue() - Put an idle entity at the tail with a fresh slice.
 * @se: the entity made runnable; a queued or running one is left alone.
 */
void rr_enqueue(struct sched_entity *se)
{
	if (se->state & (SCHED_SE_QUEUED | SCHED_SE_RUNNING))
		return;
	se->slice_ns = rr_cfg.slice_ns;
	rr_queue_append(se);
}

/**
 * rr_dequeue() - Make an entity idle.
 * @se: a queued entity (unlinked) or the running one (forgotten).
 */
void rr_dequeue(struct sched_entity *se)
{
	if (se->state & SCHED_SE_QUEUED)
		rr_queue_unlink(se);
	se->state = 0;
}

/**
 * rr_pick_next() - Take the entity at the head of the run queue.
 *
 * Return: the entity that waited longest, now running; NULL when none waits.
 */
struct sched_entity *rr_pick_next(void)
{
	struct sched_entity *se = rr_rq.head;

	if (!se)
		return NULL;
	rr_queue_unlink(se);
	se->state = SCHED_SE_RUNNING;
	return se;
}

/**
 * rr_put_prev() - Send the running entity to the tail with a fresh slice.
 * @se: the running entity; anything else is left alone.
 *
 * Whether its slice ran out or it yielded, it goes behind every other
 * runnable entity: that is what makes the rotation fair.
 */
void rr_put_prev(struct sched_entity *se)
{
	if (!(se->state & SCHED_SE_RUNNING))
		return;
	se->slice_ns = rr_cfg.slice_ns;
	rr_queue_append(se);
}

/**
 * rr_tick() - Charge the running entity and preempt it when its slice is used up.
 * @curr: the running entity.
 * @delta_ns: CPU time it used since it was last charged.
 *
 * Alone on the CPU, an entity whose slice ran out starts a new one and
 * keeps running: preempting it would only pick it again.
 *
 * Return: true when its slice is used up and another entity waits.
 */
bool rr_tick(struct sched_entity *curr, uint64_t delta_ns)
{
	if (!(curr->state & SCHED_SE_RUNNING))
		return false;
	curr->runtime_ns += delta_ns;
	curr->slice_ns -= delta_ns < curr->slice_ns ? delta_ns : curr->slice_ns;
	if (curr->slice_ns)
		return false;
	if (rr_rq.nr)
		return true;
	curr->slice_ns = rr_cfg.slice_ns;
	return false;
}

/**
 * rr_should_preempt() - Round robin never preempts on wake-up.
 * @curr: the running entity.
 * @woken: the entity just enqueued; it waits its turn at the tail.
 *
 * Return: false.
 */
bool rr_should_preempt(const struct sched_entity *curr, const struct sched_entity *woken)
{
	(void)curr;
	(void)woken;
	return false;
}

/**
 * rr_set_prio() - Record a new priority; the entity keeps its place.
 * @se: the entity, in any state.
 * @prio: the new priority.
 *
 * Return: 0, or -EINVAL for a priority above SCHED_PRIO_LOWEST.
 */
int rr_set_prio(struct sched_entity *se, uint32_t prio)
{
	if (!rr_is_valid_prio(prio))
		return -EINVAL;
	se->priority = prio;
	return 0;
}

/**
 * rr_nr_runnable() - Count the queued entities.
 *
 * Return: how many wait in the run queue, the running one not included.
 */
size_t rr_nr_runnable(void)
{
	return rr_rq.nr;
}

/**
 * rr_describe() - Say what round robin promises.
 * @info: filled in.
 */
void rr_describe(struct sched_info *info)
{
	info->name = "sched_rr";
	info->summary = "round robin: one FIFO run queue, fixed time slice, priorities ignored";
	info->caps = SCHED_CAP_FIFO | SCHED_CAP_NO_STARVATION;
	info->prio_levels = 1;
	info->max_run_ns = rr_cfg.slice_ns;
}
