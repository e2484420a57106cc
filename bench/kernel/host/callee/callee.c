/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The call benchmark's callee (see component.idl): the same step of work
 * as call_direct.c's, reached through a singleton and a multi interface.
 * noinline, and in a translation unit of its own, so every call stays a
 * call; aligned like the other callee, so layout does not favour either.
 */
#include <tessera/components/bench_callee.h>

/**
 * callee_step() - One step of the chain, behind the singleton interface.
 * @x: the current value.
 *
 * Return: the next value.
 */
__attribute__((noinline, aligned(64))) uint64_t callee_step(uint64_t x)
{
	return x * 5 + 1;
}

/**
 * callee_multi_step() - One step of the chain, behind the multi interface.
 * @dev: the instance called; unused.
 * @x: the current value.
 *
 * Return: the next value.
 */
__attribute__((noinline, aligned(64))) uint64_t callee_multi_step(struct bench_multi_dev *dev, uint64_t x)
{
	(void)dev;
	return x * 5 + 1;
}
