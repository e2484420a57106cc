/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bit-array operations for the bitmap page-frame allocator (bitmap.c): ranges
 * of bits in an array of 64-bit words, and the search for aligned runs of
 * clear bits inside one word. Bit i is bit i % 64 of word i / 64.
 */
#ifndef TESSERA_PMM_BITMAP_BITS_H
#define TESSERA_PMM_BITMAP_BITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bits [lo, hi) of one word, 0 <= lo < hi <= 64. */
static inline uint64_t bits_mask(size_t lo, size_t hi)
{
	uint64_t upto_hi = hi == 64 ? ~0ULL : (1ULL << hi) - 1;

	return upto_hi & ~((1ULL << lo) - 1);
}

/* Walks the range [from, to) one word per call: *mask selects the bits of
 * words[*w]. Returns false when the range is exhausted. */
static inline bool bits_range_step(size_t *from, size_t to, size_t *w, uint64_t *mask)
{
	size_t lo, hi;

	if (*from >= to)
		return false;
	*w = *from / 64;
	lo = *from % 64;
	hi = to - *w * 64 < 64 ? to - *w * 64 : 64;
	*mask = bits_mask(lo, hi);
	*from = *w * 64 + hi;
	return true;
}

static inline void bits_set_range(uint64_t *words, size_t from, size_t to)
{
	size_t w;
	uint64_t mask;

	while (bits_range_step(&from, to, &w, &mask))
		words[w] |= mask;
}

static inline void bits_clear_range(uint64_t *words, size_t from, size_t to)
{
	size_t w;
	uint64_t mask;

	while (bits_range_step(&from, to, &w, &mask))
		words[w] &= ~mask;
}

static inline bool bits_all_set(const uint64_t *words, size_t from, size_t to)
{
	size_t w;
	uint64_t mask;

	while (bits_range_step(&from, to, &w, &mask))
		if ((words[w] & mask) != mask)
			return false;
	return true;
}

static inline bool bits_words_zero(const uint64_t *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (words[i])
			return false;
	return true;
}

/* Every bit position that is a multiple of 2^order, 2^order <= 64. */
static inline uint64_t bits_aligned_positions(uint32_t order)
{
	static const uint64_t positions[] = {
		~0ULL, 0x5555555555555555ULL, 0x1111111111111111ULL, 0x0101010101010101ULL,
		0x0001000100010001ULL, 0x0000000100000001ULL, 0x1ULL,
	};

	return positions[order];
}

/* The positions j, multiples of 2^order (<= 64), where bits j .. j + 2^order
 * - 1 of `word` are all clear. Each step doubles the length of the runs
 * `runs` vouches for: bit j survives `runs & (runs >> s)` only if the run of
 * s at j and the one at j + s are both clear. */
static inline uint64_t bits_aligned_free_runs(uint64_t word, uint32_t order)
{
	uint64_t runs = ~word;

	for (uint32_t s = 1; s < (1U << order); s <<= 1)
		runs &= runs >> s;
	return runs & bits_aligned_positions(order);
}

/* The first bit at or after `from`, below `nbits`, that is set (want_set)
 * or clear (!want_set); nbits if none. nbits is a multiple of 64. */
static inline size_t bits_find(const uint64_t *words, size_t nbits, size_t from, bool want_set)
{
	while (from < nbits) {
		uint64_t word = want_set ? words[from / 64] : ~words[from / 64];

		word &= ~0ULL << (from % 64);
		if (word)
			return from / 64 * 64 + (size_t)__builtin_ctzll(word);
		from = from / 64 * 64 + 64;
	}
	return nbits;
}

#endif /* TESSERA_PMM_BITMAP_BITS_H */
