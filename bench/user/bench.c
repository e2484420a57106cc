/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The benchmark driver, /bench in the benchmark initramfs (started by
 * init.c; runs on a host too). Runs every case of the table below REPS
 * times after an untimed warm-up pass and prints one line per case with
 * the median, for bench/user/run.sh to parse:
 *
 *   bench getpid ns_per_op=487.2 iters=100000 reps=5
 *   bench pipe_throughput mb_per_s=363.1 iters=1024 reps=5
 *   bench fork_exec_wait error=-2 (No such file or directory)
 *
 * Options come from the environment (on Linux, unknown key=value kernel
 * parameters reach /init's environment): bench_scale=PERCENT of the
 * iteration counts (100), bench_reps=N (5), bench_only=NAME,NAME,...;
 * bench_nop=PATH of the program fork_exec_wait executes (/nop).
 * Exit status 0 when every case ran, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define BENCH_MAX_REPS 99

static const struct bench_case bench_cases[] = {
	{ .name = "getpid", .iters = 100000, .run = bench_getpid },
	{ .name = "read_zero", .iters = 100000, .run = bench_read_zero },
	{ .name = "fork_exit_wait", .iters = 300, .run = bench_fork_exit_wait },
	{ .name = "fork_exec_wait", .iters = 100, .run = bench_fork_exec_wait },
	{ .name = "pipe_pingpong", .iters = 2000, .run = bench_pipe_pingpong },
	{ .name = "pipe_throughput", .iters = 1024, .is_rate = 1, .run = bench_pipe_throughput },
};

/* An environment option as a number in [lo, hi], or @fallback when unset or out of range. */
static long bench_env_long(const char *name, long fallback, long lo, long hi)
{
	const char *text = getenv(name);
	char *end;
	long value;

	if (!text || !*text)
		return fallback;
	value = strtol(text, &end, 10);
	if (*end || value < lo || value > hi) {
		printf("bench: ignoring %s=%s (not a number in %ld..%ld)\n", name, text, lo, hi);
		return fallback;
	}
	return value;
}

/* Whether @name is in the comma-separated bench_only list (all when unset). */
static int bench_is_selected(const char *name)
{
	const char *only = getenv("bench_only");
	size_t len = strlen(name);

	if (!only || !*only)
		return 1;
	for (const char *p = only; p; p = strchr(p, ',')) {
		p += *p == ',';
		if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return 1;
	}
	return 0;
}

static int bench_compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The smallest step CLOCK_MONOTONIC is seen to take. A kernel without a
 * fine clock source (Linux on jiffies when its TSC calibration failed)
 * steps by milliseconds, which would make every figure a multiple of the
 * tick: run.sh drops such a boot's figures.
 */
static uint64_t bench_clock_step_ns(void)
{
	uint64_t step = UINT64_MAX;

	for (int i = 0; i < 100; i++) {
		uint64_t t0 = bench_now_ns(), t1 = t0;

		/* Bounded: a clock that never moves reports UINT64_MAX. */
		for (long spin = 0; t1 == t0 && spin < 10000000; spin++)
			t1 = bench_now_ns();
		if (t1 != t0 && t1 - t0 < step)
			step = t1 - t0;
	}
	return step;
}

/* The figure one pass gives: ns per operation, or MB/s for a rate. */
static double bench_figure(const struct bench_case *c, long iters, uint64_t elapsed_ns)
{
	if (elapsed_ns == 0)
		elapsed_ns = 1;
	if (c->is_rate)
		return (double)iters * BENCH_PIPE_CHUNK * 1e3 / (double)elapsed_ns;
	return (double)elapsed_ns / (double)iters;
}

/* Runs one case: a warm-up pass, then @reps timed ones. Return: 0 or a negative errno. */
static int bench_run_case(const struct bench_case *c, long scale, int reps)
{
	long iters = c->iters * scale / 100;
	double figures[BENCH_MAX_REPS];
	uint64_t elapsed;
	int ret;

	if (iters < 1)
		iters = 1;
	/* Faults the code and data in and lets the kernel warm its caches. */
	ret = c->run(iters / 10 ? iters / 10 : 1, &elapsed);
	for (int r = 0; r < reps && ret == 0; r++) {
		ret = c->run(iters, &elapsed);
		figures[r] = bench_figure(c, iters, elapsed);
	}
	if (ret != 0) {
		printf("bench %s error=%d (%s)\n", c->name, ret, strerror(-ret));
		return ret;
	}
	qsort(figures, (size_t)reps, sizeof(figures[0]), bench_compare_double);
	printf("bench %s %s=%.1f iters=%ld reps=%d\n", c->name, c->is_rate ? "mb_per_s" : "ns_per_op",
	       figures[reps / 2], iters, reps);
	return 0;
}

int main(void)
{
	long scale = bench_env_long("bench_scale", 100, 1, 100000);
	int reps = (int)bench_env_long("bench_reps", 5, 1, BENCH_MAX_REPS);
	int failed = 0;

	/* Each line reaches the console as soon as it is complete. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("bench: begin scale=%ld reps=%d clock_step_ns=%llu\n", scale, reps,
	       (unsigned long long)bench_clock_step_ns());
	for (size_t i = 0; i < sizeof(bench_cases) / sizeof(bench_cases[0]); i++) {
		if (bench_is_selected(bench_cases[i].name) && bench_run_case(&bench_cases[i], scale, reps) != 0)
			failed = 1;
	}
	printf("bench: end status=%d\n", failed);
	return failed;
}
