/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The thread benchmarks `bench=thread` (or all) asks for, run by kmain()
 * once threads run: what a context switch costs in cycles, at three
 * levels. The bare platform switch (two stacks, no scheduler); a yield
 * between two threads (the policy's put_prev and pick_next, the lock, the
 * switch); and a hand-off through two semaphores (a wake-up, a block and
 * a switch each way). Each figure is the best of a few passes, since the
 * timer and the host can only slow a pass down.
 */
#include <tessera/clock.h>
#include <tessera/components/kernel_core.h>
#include <tessera/context.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "core.h"

enum { BENCH_THREAD_ROUNDS = 20000, BENCH_THREAD_PASSES = 3 };

/* ---- the bare switch ---- */

static void *bench_boot_sp, *bench_peer_sp;

static void bench_peer(void *arg)
{
	(void)arg;
	for (;;)
		platform_context_switch(&bench_peer_sp, bench_boot_sp);
}

/* Cycles per one-way switch between the caller and a peer stack. */
static int bench_bare_switch(uint64_t *cycles)
{
	uint32_t order = 1; /* 8 KiB: the peer only switches back */
	paddr_t pa;
	int err = pmm_alloc(order, &pa);

	if (err)
		return err;
	uint8_t *stack = (uint8_t *)memmap_phys_to_virt(pa);
	unsigned long flags = irq_save();

	*cycles = UINT64_MAX;
	for (int pass = 0; pass < BENCH_THREAD_PASSES; pass++) {
		bench_peer_sp = platform_context_prepare(stack + (PAGE_SIZE << order), bench_peer, NULL);
		uint64_t t0 = platform_cycles();

		for (int i = 0; i < BENCH_THREAD_ROUNDS; i++)
			platform_context_switch(&bench_boot_sp, bench_peer_sp);
		uint64_t per = (platform_cycles() - t0) / (2 * BENCH_THREAD_ROUNDS);

		*cycles = per < *cycles ? per : *cycles;
	}
	irq_restore(flags);
	return pmm_free(pa, order);
}

/* ---- through the scheduler ---- */

struct bench_pair {
	struct ksemaphore ping, pong;
};

static int32_t bench_yielder(void *arg)
{
	(void)arg;
	for (int i = 0; i < BENCH_THREAD_ROUNDS; i++)
		thread_yield();
	return 0;
}

static int32_t bench_pinger(void *arg)
{
	struct bench_pair *p = arg;

	for (int i = 0; i < BENCH_THREAD_ROUNDS; i++) {
		semaphore_up(&p->ping);
		if (semaphore_down(&p->pong, WAIT_FOREVER))
			return 1;
	}
	return 0;
}

static int32_t bench_ponger(void *arg)
{
	struct bench_pair *p = arg;

	for (int i = 0; i < BENCH_THREAD_ROUNDS; i++) {
		if (semaphore_down(&p->ping, WAIT_FOREVER))
			return 1;
		semaphore_up(&p->pong);
	}
	return 0;
}

/* Runs two threads to the end; the cycles and switches between their
 * start and the last one's end. */
static int bench_two_threads(thread_entry_t a, thread_entry_t b, void *arg, uint64_t *cycles,
			     uint64_t *switches)
{
	struct kthread *ta, *tb;
	int32_t ca = 0, cb = 0;
	uint64_t s0 = thread_switches(), t0 = platform_cycles();
	int err = thread_create(a, arg, "bench-a", SCHED_PRIO_DEFAULT, &ta);

	if (err)
		return err;
	err = thread_create(b, arg, "bench-b", SCHED_PRIO_DEFAULT, &tb);
	if (err) {
		thread_join(ta, NULL);
		return err;
	}
	thread_join(ta, &ca);
	thread_join(tb, &cb);
	*cycles = platform_cycles() - t0;
	*switches = thread_switches() - s0;
	return ca || cb ? -EIO : 0;
}

static int bench_sched_switch(bool handoff, uint64_t *per_switch, uint64_t *switches)
{
	struct bench_pair pair;

	*per_switch = UINT64_MAX;
	for (int pass = 0; pass < BENCH_THREAD_PASSES; pass++) {
		uint64_t cycles, n;
		int err;

		semaphore_init(&pair.ping, 0);
		semaphore_init(&pair.pong, 0);
		err = handoff ? bench_two_threads(bench_pinger, bench_ponger, &pair, &cycles, &n)
			      : bench_two_threads(bench_yielder, bench_yielder, NULL, &cycles, &n);
		if (err)
			return err;
		if (n && cycles / n < *per_switch) {
			*per_switch = cycles / n;
			*switches = n;
		}
	}
	return 0;
}

static void bench_thread_row(const char *what, int err, uint64_t cycles, uint64_t switches)
{
	if (err)
		kprintf("bench: %-28s failed: %d\n", what, err);
	else
		kprintf("bench: %-28s %10lu %12lu\n", what, cycles, switches);
}

int core_bench_threads(const char *cmdline)
{
	struct sched_info policy;
	uint64_t cycles = 0, switches = 0;
	int err, failed = 0;

	if (!core_bench_wants(cmdline, "thread"))
		return 0;
	sched_describe(&policy);
	kprintf("bench: begin\nbench: context switch (%s), best of %d passes of %d rounds; cycles are TSC ticks\n",
		policy.name, BENCH_THREAD_PASSES, BENCH_THREAD_ROUNDS);
	kprintf("bench: %-28s %10s %12s\n", "switch", "cycles/sw", "switches");
	err = bench_bare_switch(&cycles);
	bench_thread_row("platform (stacks only)", err, cycles, 2ull * BENCH_THREAD_ROUNDS);
	failed += err != 0;
	err = bench_sched_switch(false, &cycles, &switches);
	bench_thread_row("thread_yield ping-pong", err, cycles, switches);
	failed += err != 0;
	err = bench_sched_switch(true, &cycles, &switches);
	bench_thread_row("semaphore hand-off", err, cycles, switches);
	failed += err != 0;
	kprintf("bench: end (%d failed)\n", failed);
	return failed;
}
