/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host benchmarks' clock: CLOCK_MONOTONIC, and the TSC rate measured
 * against it (the kernel measures it against the PIT instead).
 */
#include "host_clock.h"

#include <time.h>

uint64_t host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t host_tsc_hz(void)
{
	uint64_t n0 = host_ns(), t0 = host_tsc(), n1, t1;

	do
		n1 = host_ns();
	while (n1 - n0 < 100000000u);
	t1 = host_tsc();
	return (uint64_t)((double)(t1 - t0) * 1e9 / (double)(n1 - n0));
}
