/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The heap conformance suite's fixture and tools, shared by its test files
 * (heap_*_test.c) and its main (heap_suite.c): resetting the world (pmm
 * double, memmap double and heap), a seeded PRNG, byte patterns, and a model
 * of the live blocks that catches overlap and corruption.
 */
#ifndef TESSERA_TESTS_HEAP_WORLD_H
#define TESSERA_TESTS_HEAP_WORLD_H

#include <tessera/heap.h>
#include <tessera/memmap.h>
#include <tessera/pmm.h>

#include "ktap.h"

/* ---- the world ---- */

/* Runs every component's init (the doubles reset, the heap forgets
 * everything), then gives pmm the first `pages` frames of the fake RAM.
 * Exits the process if that fails: no case can run without it. */
void world_reset(size_t pages);
uint64_t world_free_frames(void);
uint64_t world_total_frames(void);
struct heap_stats world_heap_stats(void);

/* ---- a seeded PRNG (xorshift64*), so a failure replays exactly ---- */

struct rng {
	uint64_t state;
};

struct rng rng_seed(uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
size_t rng_range(struct rng *r, size_t lo, size_t hi);

/* ---- patterns: every byte of a block depends on its seed and offset ---- */

void pattern_fill(void *p, size_t len, uint64_t seed);
/* Returns the offset of the first wrong byte, or len if all are right. */
size_t pattern_find_damage(const void *p, size_t len, uint64_t seed);

/* ---- the model: live blocks sorted by address ---- */

struct block {
	uint8_t *p;
	size_t len; /* bytes the test owns and fills: the usable size */
	size_t asked; /* bytes asked for */
	uint64_t seed;
	struct heap_cache *cache; /* NULL for a block from heap_alloc */
};

struct model {
	struct block *v;
	size_t n;
	size_t cap;
	uint64_t next_seed;
};

/* Adds a freshly allocated block, fills its pattern and records a failure
 * if it overlaps a live one (then it is not added, and not filled). */
bool model_add(struct ktap *t, struct model *m, uint8_t *p, size_t len, size_t asked,
	       struct heap_cache *cache);
/* Checks block i's pattern, frees it through the heap, drops it. */
void model_free(struct ktap *t, struct model *m, size_t i);
/* Checks every live block's pattern. */
void model_verify(struct ktap *t, const struct model *m);
/* Frees every live block (checking each); the model is left empty. */
void model_free_all(struct ktap *t, struct model *m);
/* Sum of len over the blocks from heap_alloc. */
uint64_t model_alloc_bytes(const struct model *m);
void model_release(struct model *m);

/* With nothing allocated: shrinks the heap and checks that every frame is
 * back in pmm, the heap holds none and counts no byte in use. */
void expect_all_frames_back(struct ktap *t);

#endif
