/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host benchmarks' clock (host_clock.c): the TSC, and its rate measured
 * against CLOCK_MONOTONIC. Used by host_main.c and call_bench.c.
 */
#ifndef TESSERA_BENCH_HOST_CLOCK_H
#define TESSERA_BENCH_HOST_CLOCK_H

#include <stdint.h>

/* lfence first, so earlier instructions finish before the read. */
static inline uint64_t host_tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t host_ns(void);

/* TSC ticks per second, measured over 100 ms of CLOCK_MONOTONIC. */
uint64_t host_tsc_hz(void);

#endif
