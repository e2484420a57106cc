/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The call benchmark (bench_call): cycles per call of a plain direct call,
 * a singleton interface call (idlc's glue: a static inline wrapper around a
 * direct call) and a multi interface call (through the ops table), against
 * the same step done inline. Each loop feeds a step's result into the next,
 * so nothing is hoisted, folded or run in parallel.
 *
 * Usage: bench_call [bench=all]   Without it: a quick smoke run (ctest's bench-smoke).
 */
#include <tessera/bench_call.h>

#include <stdio.h>
#include <string.h>

#include "call_direct.h"
#include "host_clock.h"

enum { CALL_RUNS = 11, CALL_VARIANTS = 4 };

/* Each loop is its own function, so the call sites are easy to find in
 * `objdump -d bench_call` (run.sh shows them). Loops and callees start on
 * a 64-byte boundary, so identical code also sits identically in the
 * instruction cache and branch predictors: layout cannot tell them apart. */
__attribute__((noinline, aligned(64))) static uint64_t call_loop_inline(uint64_t x, uint64_t n, struct bench_multi_dev *dev)
{
	(void)dev;
	for (uint64_t i = 0; i < n; i++)
		x = call_inline_step(x);
	return x;
}

__attribute__((noinline, aligned(64))) static uint64_t call_loop_direct(uint64_t x, uint64_t n, struct bench_multi_dev *dev)
{
	(void)dev;
	for (uint64_t i = 0; i < n; i++)
		x = call_direct_step(x);
	return x;
}

__attribute__((noinline, aligned(64))) static uint64_t call_loop_singleton(uint64_t x, uint64_t n, struct bench_multi_dev *dev)
{
	(void)dev;
	for (uint64_t i = 0; i < n; i++)
		x = bench_single_step(x);
	return x;
}

__attribute__((noinline, aligned(64))) static uint64_t call_loop_multi(uint64_t x, uint64_t n, struct bench_multi_dev *dev)
{
	for (uint64_t i = 0; i < n; i++)
		x = bench_multi_step(dev, x);
	return x;
}

static const struct {
	const char *name;
	uint64_t (*loop)(uint64_t x, uint64_t n, struct bench_multi_dev *dev);
} call_variants[CALL_VARIANTS] = {
	{ "inline step (no call)", call_loop_inline },
	{ "direct call", call_loop_direct },
	{ "singleton interface", call_loop_singleton },
	{ "multi interface (ops)", call_loop_multi },
};

/* The runs alternate between the variants, so a drift in the host's speed
 * hits them all alike; each variant's fastest run is kept, since whatever
 * else the host does can only slow a run down. */
static void call_measure(uint64_t n, struct bench_multi_dev *dev, uint64_t best[CALL_VARIANTS])
{
	uint64_t x = 1;

	for (int v = 0; v < CALL_VARIANTS; v++)
		best[v] = UINT64_MAX;
	for (int r = 0; r < CALL_RUNS; r++)
		for (int v = 0; v < CALL_VARIANTS; v++) {
			uint64_t t0 = host_tsc();

			x = call_variants[v].loop(x, n, dev);
			t0 = host_tsc() - t0;
			best[v] = t0 < best[v] ? t0 : best[v];
		}
	printf("bench: chain result %#lx (printed so the work is used)\n", x);
}

static void call_print(uint64_t n, uint64_t hz, const uint64_t best[CALL_VARIANTS])
{
	printf("%-22s %12s %9s %10s\n", "call", "cycles/call", "ns/call", "vs direct");
	for (int v = 0; v < CALL_VARIANTS; v++)
		printf("%-22s %12.2f %9.3f %10.3f\n", call_variants[v].name, (double)best[v] / (double)n,
		       (double)best[v] * 1e9 / (double)hz / (double)n, (double)best[v] / (double)best[1]);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 && !strcmp(argv[1], "bench=all") ? 20000000 : 100000, best[CALL_VARIANTS];
	const struct bench_multi_provider *provider = bench_multi_provider_find("bench_callee");
	struct bench_multi_dev dev = { .name = "callee" };
	uint64_t hz = host_tsc_hz();

	if (argc > 1 && strcmp(argv[1], "bench=all")) {
		fprintf(stderr, "usage: bench_call [bench=all]\n");
		return 2;
	}
	dev.ops = provider ? provider->ops : NULL;
	if (bench_multi_register(&dev) != 0) {
		fprintf(stderr, "bench_call: no bench_multi provider bench_callee\n");
		return 2;
	}
	printf("bench: begin\nbench: call: TSC %lu MHz; %lu calls a run, best of %d runs%s\n", hz / 1000000, n,
	       CALL_RUNS, argc > 1 ? "" : " (quick smoke run; bench=all for the full one)");
	call_measure(n, &dev, best);
	call_print(n, hz, best);
	printf("bench: end (0 failed)\n");
	return 0;
}
