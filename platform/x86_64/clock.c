/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The monotonic clock: nanoseconds since boot from the TSC, whose rate
 * clock_init() (from start_kernel()) measures against the PIT's channel 2.
 * Read by the kernel (<tessera/clock.h>), kprintf's timestamps and the
 * timer's calibration.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "clock.h"
#include "cpu.h"
#include "error_numbers.h"
#include "pit.h"

#define NSEC_PER_SEC 1000000000
#define USEC_PER_SEC 1000000

/*
 * Each calibration window: its error bound is the time of two PIT reads
 * at each end (~0.6 us under TCG), ~60 ppm of 5 ms. The host may stall a
 * read for milliseconds (QEMU often does early in a run, and a loaded
 * host at any time): an end whose bracket is wider than twice the
 * narrowest warm-up one waits for a later edge, up to CLOCK_EDGE_TRIES;
 * a window still above 100 ppm is measured again, keeping the best.
 */
#define CLOCK_CALIBRATION_US 5000
#define CLOCK_CALIBRATION_TRIES 5
#define CLOCK_CALIBRATION_GOOD_PPM 100
#define CLOCK_WARM_UP_EDGES 4
#define CLOCK_EDGE_TRIES 64
/* A measurement's two parts agree within 1/this (1 %) unless the PIT's
 * count wrapped during a stall. */
#define CLOCK_PARTS_AGREE 100
/* The PIT counts every 0.84 us; this many reads without a change
 * (at least 100 us even at emulation speed) means there is no PIT. */
#define CLOCK_EDGE_MAX_READS 1000

/* An instant the PIT's count changed, on the TSC: within +-error. */
struct clock_edge {
	uint64_t tsc;
	uint64_t error;
	uint16_t count;
};

/* Set once: clock_tsc_boot by clock_start(), the rest by clock_init(). */
static uint64_t clock_tsc_boot;
static uint64_t clock_tsc_hz;
static uint64_t clock_ns_per_tsc; /* nanoseconds per TSC tick, 32.32 fixed point */

/**
 * clock_start() - Mark the instant of boot: platform_clock_ns() counts
 * from here.
 *
 * Context: the first thing start_kernel() does.
 */
void clock_start(void)
{
	clock_tsc_boot = cpu_rdtsc();
}

/*
 * Waits for the PIT's next count and brackets the change on the TSC: it
 * happened after the previous read began and before this one ended.
 */
static bool clock_wait_pit_edge(struct clock_edge *edge)
{
	uint64_t before = cpu_rdtsc();
	uint16_t first = pit_counter_read();

	for (int i = 0; i < CLOCK_EDGE_MAX_READS; i++) {
		uint64_t start = cpu_rdtsc();
		uint16_t count = pit_counter_read();
		uint64_t end = cpu_rdtsc();

		if (count != first) {
			edge->error = (end - before) / 2;
			edge->tsc = before + edge->error;
			edge->count = count;
			return true;
		}
		before = start;
	}
	return false;
}

/*
 * The next edge bracketed within good: a wider bracket means the host
 * stalled a read, and a later edge serves as well. After CLOCK_EDGE_TRIES
 * edges, the last one, whose error then shows in the bound.
 */
static bool clock_wait_good_edge(struct clock_edge *edge, uint64_t good)
{
	for (int i = 0; i < CLOCK_EDGE_TRIES; i++) {
		if (!clock_wait_pit_edge(edge))
			return false;
		if (edge->error <= good)
			break;
	}
	return true;
}

/*
 * What an undisturbed read costs: the narrowest bracket of a few edges.
 * They are thrown away: under TCG the first passes through this code
 * include translating it, which widens their brackets tenfold.
 */
static bool clock_warm_up(uint64_t *narrowest)
{
	struct clock_edge edge;

	*narrowest = UINT64_MAX;
	for (int i = 0; i < CLOCK_WARM_UP_EDGES; i++) {
		if (!clock_wait_pit_edge(&edge))
			return false;
		if (edge.error < *narrowest)
			*narrowest = edge.error;
	}
	return true;
}

/* The first edge at least counts past from, waiting for a later one if
 * its bracket is wider than good. */
static int clock_wait_counts(const struct clock_edge *from, uint32_t counts, uint64_t good,
			     struct clock_edge *edge)
{
	do {
		if (!clock_wait_pit_edge(edge))
			return -ENODEV;
	} while ((uint16_t)(from->count - edge->count) < counts);
	if (edge->error > good && !clock_wait_good_edge(edge, good))
		return -ENODEV;
	return 0;
}

/*
 * Three well-bracketed edges: first, mid a third of the window later and
 * last a window after first. The count is 16 bits: a host stall past
 * 54.9 ms would wrap it unseen, and the two parts would then disagree.
 */
static int clock_time_pit_window(uint32_t window, struct clock_edge edges[3])
{
	uint64_t narrowest;
	int err;

	if (!clock_warm_up(&narrowest) || !clock_wait_good_edge(&edges[0], 2 * narrowest))
		return -ENODEV;
	err = clock_wait_counts(&edges[0], window / 3, 2 * narrowest, &edges[1]);
	if (!err)
		err = clock_wait_counts(&edges[0], window, 2 * narrowest, &edges[2]);
	return err;
}

/* TSC ticks per second between two edges. */
static uint64_t clock_rate(const struct clock_edge *from, const struct clock_edge *to)
{
	return (to->tsc - from->tsc) * PIT_HZ / (uint16_t)(from->count - to->count);
}

int clock_measure_tsc(unsigned window_us, uint64_t *hz, uint64_t *error_ppm)
{
	uint32_t window = (uint32_t)((uint64_t)window_us * PIT_HZ / USEC_PER_SEC);
	struct clock_edge edges[3];
	uint64_t tsc, part1, part2;
	int err;

	if (window_us > CLOCK_MEASURE_MAX_US || window < 3)
		return -EINVAL;
	pit_counter_start();
	err = clock_time_pit_window(window, edges);
	pit_counter_stop();
	if (err)
		return err;
	part1 = clock_rate(&edges[0], &edges[1]);
	part2 = clock_rate(&edges[1], &edges[2]);
	if ((part1 > part2 ? part1 - part2 : part2 - part1) > part1 / CLOCK_PARTS_AGREE)
		return -EAGAIN;
	tsc = edges[2].tsc - edges[0].tsc;
	*hz = clock_rate(&edges[0], &edges[2]);
	*error_ppm = ((edges[0].error + edges[2].error) * USEC_PER_SEC + tsc - 1) / tsc;
	return 0;
}

/* The best of a few measurements: one may catch the host busy. */
static int clock_calibrate(uint64_t *hz, uint64_t *error_ppm)
{
	int err = -EAGAIN;

	*error_ppm = UINT64_MAX;
	for (int i = 0; i < CLOCK_CALIBRATION_TRIES && *error_ppm > CLOCK_CALIBRATION_GOOD_PPM; i++) {
		uint64_t try_hz, try_ppm;
		int try_err = clock_measure_tsc(CLOCK_CALIBRATION_US, &try_hz, &try_ppm);

		if (try_err == -ENODEV)
			return try_err;
		if (!try_err && try_ppm < *error_ppm) {
			*hz = try_hz;
			*error_ppm = try_ppm;
			err = 0;
		}
	}
	return err;
}

/*
 * Without the invariant-TSC bit, the TSC may stop in deep sleep states or
 * follow frequency changes on old CPUs. The clock uses it anyway: the
 * kernel neither scales frequency nor sleeps deeper than `hlt` (C1, in
 * which the TSC counts on every x86-64 CPU), and under TCG the TSC is
 * the host's, which runs at a constant rate although QEMU 7.2 does not
 * report it as invariant.
 */
static void clock_report_invariance(void)
{
	bool invariant = cpu_has_cpuid_leaf(0x80000007) &&
			 (cpu_cpuid(0x80000007).edx & CPUID_APM_INVARIANT_TSC);

	if (!invariant)
		kprintf("clock: the TSC is not reported invariant; relying on a constant rate anyway\n");
}

/**
 * clock_init() - Calibrate the TSC: from here on platform_clock_ns()
 * runs and kprintf() lines carry timestamps.
 *
 * Panics without a PIT: there is then nothing to calibrate against.
 *
 * Context: once, from start_kernel(), interrupts disabled.
 */
void clock_init(void)
{
	uint64_t hz = 0, error_ppm;
	int err;

	if (!(cpu_cpuid(1).edx & CPUID_1_EDX_TSC))
		panic("clock: this CPU has no TSC");
	err = clock_calibrate(&hz, &error_ppm);
	if (err == -ENODEV)
		panic("clock: no PIT to calibrate the TSC against (on -M microvm, pass pit=on)");
	if (err)
		panic("clock: the host stalled every calibration of the TSC");
	clock_ns_per_tsc = ((uint64_t)NSEC_PER_SEC << 32) / hz;
	clock_tsc_hz = hz;
	kprintf("clock: TSC at %lu.%06lu MHz, calibrated against the PIT (+-%lu ppm)\n", hz / USEC_PER_SEC,
		hz % USEC_PER_SEC, error_ppm);
	clock_report_invariance();
}

uint64_t platform_clock_ns(void)
{
	uint64_t ticks = cpu_rdtsc() - clock_tsc_boot;

	/* 128 bits: the product overflows 64 after seconds; the result
	 * after 584 years. Zero until clock_init(). */
	return (uint64_t)(((unsigned __int128)ticks * clock_ns_per_tsc) >> 32);
}

uint64_t platform_tsc_hz(void)
{
	return clock_tsc_hz;
}
