/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the TLSF heap (components/heap/tlsf): block and run layout,
 * the segregated lists, and the functions its files share: tlsf_heap.c
 * (the heap interface), tlsf_block.c (lists, split, merge, the O(1) core)
 * and tlsf_pool.c (runs of pages from pmm).
 *
 * Locking: tlsf_heap.c's tlsf_lock guards `tlsf`, every run and every
 * block; every function declared here runs with it held.
 */
#ifndef TESSERA_HEAP_TLSF_TLSF_H
#define TESSERA_HEAP_TLSF_TLSF_H

#include <tessera/components/heap_tlsf.h>

/* Every block and payload is aligned to 16 bytes, the heap's promise. */
#define TLSF_ALIGN_SHIFT 4U
#define TLSF_ALIGN (1UL << TLSF_ALIGN_SHIFT)

/* Second level: each power of two splits into 16 lists. */
#define TLSF_SL_SHIFT 4U
#define TLSF_SL_COUNT (1U << TLSF_SL_SHIFT)

/* Below 256 bytes the lists are exact: one per 16-byte size (first level 0). */
#define TLSF_FL_SHIFT (TLSF_SL_SHIFT + TLSF_ALIGN_SHIFT)
#define TLSF_SMALL (1UL << TLSF_FL_SHIFT)

/* A block never exceeds the largest run pmm hands out, 2^(PAGE_SHIFT +
 * PMM_MAX_ORDER) bytes, so its size's top bit is below this. */
#define TLSF_MAX_SHIFT (PAGE_SHIFT + PMM_MAX_ORDER + 1)
#define TLSF_FL_COUNT (TLSF_MAX_SHIFT - TLSF_FL_SHIFT + 1)

/* Low bit of a block's size word: the block is free. */
#define TLSF_FREE 1UL

/*
 * A block's boundary tag, followed by its payload. The tag is always valid:
 * `prev_phys` points to the block just below in the same run (NULL for the
 * run's first block), and the block just above starts right after the
 * payload. While free, the payload's first 16 bytes link it into its list.
 */
struct tlsf_block {
	struct tlsf_block *prev_phys;
	size_t size_word; /* payload bytes (a multiple of 16) | TLSF_FREE */
	struct tlsf_block *next_free;
	struct tlsf_block *prev_free;
};

/* The tag's size: the payload starts here. */
#define TLSF_TAG 16UL
/* Smallest payload: room for the free-list links. */
#define TLSF_MIN_PAYLOAD 16UL
#define TLSF_MIN_BLOCK (TLSF_TAG + TLSF_MIN_PAYLOAD)

/*
 * A run of pages from pmm: this header, then blocks covering the rest but
 * the last 16 bytes, which hold the sentinel: a tag of size 0 that is never
 * free, so merging stops at the run's end as `prev_phys == NULL` stops it at
 * the start.
 */
struct tlsf_run {
	struct tlsf_run *next;
	struct tlsf_run *prev;
	uint32_t order;
	uint32_t pad;
	uint64_t pad2;
};

/* The first block's payload must land on a 16-byte boundary. */
_Static_assert(sizeof(struct tlsf_run) % TLSF_ALIGN == 0, "run header breaks alignment");
_Static_assert(offsetof(struct tlsf_block, next_free) == TLSF_TAG, "tag size mismatch");

/* Run header, first block's tag, sentinel. */
#define TLSF_RUN_OVERHEAD (sizeof(struct tlsf_run) + 2 * TLSF_TAG)

/* Largest payload a block can have: a whole run of the largest order. */
#define TLSF_MAX_PAYLOAD ((PAGE_SIZE << PMM_MAX_ORDER) - TLSF_RUN_OVERHEAD)

/* An object cache: a label and a count over TLSF blocks of one size. */
struct heap_cache {
	char name[HEAP_CACHE_NAME_MAX];
	size_t size; /* as asked */
	size_t align; /* at least TLSF_ALIGN */
	uint64_t active;
	struct heap_cache *next; /* in tlsf.caches */
	struct heap_cache *prev;
};

/* The whole mutable state, guarded by tlsf_lock. */
struct tlsf_control {
	uint32_t fl_map; /* bit f: some list of first level f is non-empty */
	uint32_t sl_map[TLSF_FL_COUNT]; /* bit s: list (f, s) is non-empty */
	struct tlsf_block *lists[TLSF_FL_COUNT][TLSF_SL_COUNT];
	struct tlsf_run *runs; /* every run held */
	uint32_t free_runs; /* runs whose single block is free, kept */
	struct heap_cache *caches;
	struct heap_stats count;
};

extern struct tlsf_control tlsf;

static inline size_t tlsf_size(const struct tlsf_block *b)
{
	return b->size_word & ~TLSF_FREE;
}

static inline bool tlsf_is_free(const struct tlsf_block *b)
{
	return b->size_word & TLSF_FREE;
}

static inline void *tlsf_payload(struct tlsf_block *b)
{
	return (uint8_t *)b + TLSF_TAG;
}

static inline struct tlsf_block *tlsf_block_of(const void *ptr)
{
	return (struct tlsf_block *)((uintptr_t)ptr - TLSF_TAG);
}

static inline struct tlsf_block *tlsf_next_phys(const struct tlsf_block *b)
{
	return (struct tlsf_block *)((uintptr_t)b + TLSF_TAG + tlsf_size(b));
}

/* A request's payload: at least the links, a multiple of the alignment. */
static inline size_t tlsf_round(size_t size)
{
	if (size < TLSF_MIN_PAYLOAD)
		size = TLSF_MIN_PAYLOAD;
	return (size + TLSF_ALIGN - 1) & ~(TLSF_ALIGN - 1);
}

/* A run's only block: first in its run and followed by the sentinel. */
static inline bool tlsf_is_whole_run(const struct tlsf_block *b)
{
	return !b->prev_phys && tlsf_size(tlsf_next_phys(b)) == 0;
}

/* tlsf_block.c */
void tlsf_insert(struct tlsf_block *b);
void tlsf_remove(struct tlsf_block *b);
size_t tlsf_request(size_t size, size_t align);
struct tlsf_block *tlsf_pick(size_t size, size_t align);
void tlsf_claim(struct tlsf_block *b);
struct tlsf_block *tlsf_take(struct tlsf_block *b, size_t size, size_t align);
struct tlsf_block *tlsf_merge(struct tlsf_block *b);
bool tlsf_is_live(const void *ptr);

/* tlsf_pool.c */
int tlsf_grow(size_t need, struct tlsf_block **out);
void tlsf_release_or_keep(struct tlsf_block *b);
void tlsf_release_all_free(void);

#endif /* TESSERA_HEAP_TLSF_TLSF_H */
