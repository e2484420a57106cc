/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The plain function call_bench.c calls directly (call_direct.c), and the
 * same step inline, for the no-call baseline.
 */
#ifndef TESSERA_BENCH_CALL_DIRECT_H
#define TESSERA_BENCH_CALL_DIRECT_H

#include <stdint.h>

uint64_t call_direct_step(uint64_t x);

static inline uint64_t call_inline_step(uint64_t x)
{
	return x * 5 + 1;
}

#endif
