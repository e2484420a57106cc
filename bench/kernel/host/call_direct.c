/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The call benchmark's plain direct call (call_bench.c): a C function
 * doing the callee's step, in its own translation unit and noinline, as
 * a function of another component would be reached without any IDL.
 */
#include "call_direct.h"

__attribute__((noinline, aligned(64))) uint64_t call_direct_step(uint64_t x)
{
	return x * 5 + 1;
}
