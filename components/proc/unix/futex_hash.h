/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Which futex bucket a (address space, user address) key falls in: a
 * multiplicative hash of both, so the words of one page and the same
 * address in different spaces spread out. Pure; the host tests check
 * the spread.
 */
#ifndef PROC_UNIX_FUTEX_HASH_H
#define PROC_UNIX_FUTEX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FUTEX_HASH_BITS 6
#define FUTEX_HASH_SIZE (1u << FUTEX_HASH_BITS)

static inline size_t futex_hash(uint64_t space, uint64_t uaddr)
{
	uint64_t k = (uaddr >> 2) ^ (space * 0x9e3779b97f4a7c15ull);

	k *= 0xff51afd7ed558ccdull;
	return (size_t)(k >> (64 - FUTEX_HASH_BITS));
}

#endif
