/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The user-space micro-benchmarks of bench/user: each case times a loop of
 * one operation and hands the elapsed time to the driver (bench.c), which
 * repeats it and prints the median. Built with musl-gcc -static, so the
 * same binary runs on Tessera and on Linux.
 */
#ifndef BENCH_USER_BENCH_H
#define BENCH_USER_BENCH_H

#include <stdint.h>
#include <time.h>

/* Size of each write in the pipe throughput case (issue #4 asks 64 KiB). */
#define BENCH_PIPE_CHUNK (64 * 1024)

/* Where fork+execve+wait finds its program (bench/user/nop.c). */
#define BENCH_NOP_PATH "/nop"

/**
 * struct bench_case - one micro-benchmark.
 * @name:    the name printed on its result line.
 * @iters:   operations per timed pass at bench_scale=100.
 * @is_rate: the result is MB/s over @iters * BENCH_PIPE_CHUNK bytes, not ns per operation.
 * @run:     runs @iters operations; stores the elapsed nanoseconds in *elapsed_ns.
 *           Return: 0, or a negative errno when an operation failed.
 */
struct bench_case {
	const char *name;
	long iters;
	int is_rate;
	int (*run)(long iters, uint64_t *elapsed_ns);
};

/** bench_now_ns() - CLOCK_MONOTONIC in nanoseconds. */
static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int bench_getpid(long iters, uint64_t *elapsed_ns);
int bench_read_zero(long iters, uint64_t *elapsed_ns);
int bench_fork_exit_wait(long iters, uint64_t *elapsed_ns);
int bench_fork_exec_wait(long iters, uint64_t *elapsed_ns);
int bench_pipe_pingpong(long iters, uint64_t *elapsed_ns);
int bench_pipe_throughput(long iters, uint64_t *elapsed_ns);

#endif /* BENCH_USER_BENCH_H */
