/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The thread and sync suites' world (see host_world.h): start-up through
 * the generated init table, memory counters, waiting in simulated time.
 * Host code: it uses libc freely.
 */
#include "host_world.h"

#include <stdio.h>
#include <stdlib.h>

#include <tessera/clock.h>
#include <tessera/components/thread_kthread.h>
#include <tessera/composition.h>
#include <tessera/heap.h>
#include <tessera/memmap.h>
#include <tessera/pmm.h>

#include "../../heap/doubles/host_ram.h"

static void world_die(const char *what, int err)
{
	fprintf(stderr, "world: %s failed: %d\n", what, err);
	exit(2);
}

void world_start(void)
{
	paddr_t base = HOST_RAM_PHYS_BASE;
	int err;

	for (size_t i = 0; i < tessera_ninit; i++) {
		err = tessera_init_table[i].fn();
		if (err)
			world_die(tessera_init_table[i].component, err);
	}
	err = pmm_add_region(base, HOST_RAM_PAGES, (void *)(uintptr_t)memmap_phys_to_virt(base));
	if (err)
		world_die("pmm_add_region", err);
	host_context_set_stack_size(world_stack_size());
	err = thread_start();
	if (err)
		world_die("thread_start", err);
}

struct sched_info world_sched(void)
{
	struct sched_info info;

	sched_describe(&info);
	return info;
}

size_t world_stack_size(void)
{
	return (size_t)thread_kthread_stack_kib * 1024;
}

uint64_t world_free_frames(void)
{
	struct pmm_stats st;

	heap_shrink();
	pmm_stats(&st);
	return st.free_frames;
}

uint64_t world_heap_in_use(void)
{
	struct heap_stats st;

	heap_stats(&st);
	return st.in_use;
}

bool world_sleep_until(bool (*done)(void *arg), void *arg)
{
	/* Counted in sleeps, not read off the clock: a sleep that returns
	 * early (the bug a case may be looking for) lets no time pass. */
	for (uint64_t n = 0; !done(arg) && n < WORLD_PATIENCE_NS / HOST_TICK_NS; n++)
		thread_sleep_ns(HOST_TICK_NS);
	return done(arg);
}

static bool world_has_blocked(void *arg)
{
	thread_state_t state = world_state(arg);

	return state == THREAD_BLOCKED || state == THREAD_EXITED;
}

bool world_wait_blocked(struct kthread *t)
{
	return world_sleep_until(world_has_blocked, t);
}

thread_state_t world_state(const struct kthread *t)
{
	struct thread_info info;

	thread_info(t, &info);
	return info.state;
}

uint64_t world_runtime_ns(const struct kthread *t)
{
	struct thread_info info;

	thread_info(t, &info);
	return info.runtime_ns;
}

void world_gate_init(struct world_gate *g)
{
	g->open = false;
	thread_waitq_init(&g->wq);
}

static bool world_gate_is_open(void *arg)
{
	return ((struct world_gate *)arg)->open;
}

int world_gate_wait(struct world_gate *g)
{
	return thread_wait_event(&g->wq, world_gate_is_open, g, WAIT_FOREVER);
}

void world_gate_open(struct world_gate *g)
{
	g->open = true;
	thread_wake_all(&g->wq);
}
