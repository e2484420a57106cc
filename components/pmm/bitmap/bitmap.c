/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bitmap page-frame allocator: one bit per frame, next-fit search for
 * naturally aligned runs of free frames. Called through the pmm interface
 * (tessera/pmm.h) by the platform, which hands it the memory map, and by
 * everything that needs frames. The bit operations are in bitmap_bits.h.
 *
 * Each region's bitmap starts at a frame number that is a multiple of 64, so
 * word w, bit j is frame bit0_pfn + 64 * w + j: a block of up to 64 frames
 * aligned to its size sits inside one word at a bit offset aligned the same
 * way, and a larger one covers whole, consecutive words. Bits of frames
 * outside the managed range (before the base, in the metadata, past the
 * end) are set for good, so the search never needs bounds inside a word.
 *
 * Locking: every pmm method holds bitmap_lock, interrupts disabled, for its
 * whole work, so each is atomic and may be called from any thread and from
 * interrupt handlers. The *_locked functions expect it held. The search
 * and the statistics scan run with interrupts off, O(n / 64) words at
 * worst: the interrupt latency this allocator costs on a full memory.
 */
#include <tessera/components/pmm_bitmap.h>
#include <tessera/spinlock.h>

#include "bitmap_bits.h"

/* One region's header, in the pages carved from its end. Constant once
 * add_region has linked it, except `cursor` and `words`. */
struct bitmap_region {
	struct bitmap_region *next;
	paddr_t base; /* first frame of the run and of the managed frames */
	paddr_t end; /* one past the last managed frame */
	paddr_t span_end; /* one past the run, metadata included */
	uint64_t bit0_pfn; /* frame number of bit 0 of words[0] */
	size_t nwords;
	size_t cursor; /* next fit: the bit the next search starts at */
	uint64_t words[]; /* bit set: allocated, or not a managed frame */
};

/*
 * Guards `bitmap`, every region's words and cursor. It is the innermost
 * lock of the kernel's allocators: the heap calls in holding its own lock,
 * and nothing here calls out while holding it.
 */
static struct spinlock bitmap_lock = SPINLOCK_INIT;

/* The whole mutable state, guarded by bitmap_lock. */
static struct {
	struct bitmap_region *regions;
	struct bitmap_region *current; /* where the last search succeeded */
	uint64_t total_frames;
	uint64_t free_frames;
	uint64_t meta_frames;
	uint32_t nr_regions;
} bitmap;

static inline size_t bitmap_bit_of(const struct bitmap_region *r, paddr_t pa)
{
	return (size_t)((pa >> PAGE_SHIFT) - r->bit0_pfn);
}

static inline paddr_t bitmap_pa_of(const struct bitmap_region *r, size_t bit)
{
	return (r->bit0_pfn + bit) << PAGE_SHIFT;
}

/* The next region after r, wrapping around to the first. */
static inline struct bitmap_region *bitmap_ring_next(struct bitmap_region *r)
{
	return r->next ? r->next : bitmap.regions;
}

/**
 * bitmap_init() - Reset the allocator to hold no memory.
 *
 * Forgets every region (the host tests rely on that to start afresh).
 *
 * Return: 0.
 */
int bitmap_init(void)
{
	unsigned long flags = spin_lock_irqsave(&bitmap_lock);

	__builtin_memset(&bitmap, 0, sizeof(bitmap));
	spin_unlock_irqrestore(&bitmap_lock, flags);
	return 0;
}

static bool bitmap_overlaps(paddr_t base, paddr_t span_end)
{
	for (struct bitmap_region *r = bitmap.regions; r; r = r->next)
		if (base < r->span_end && r->base < span_end)
			return true;
	return false;
}

static bool bitmap_region_args_ok(paddr_t base, size_t pages, void *mem)
{
	uintptr_t va = (uintptr_t)mem;

	if (!mem || pages == 0 || (base & (PAGE_SIZE - 1)) || (va & (PAGE_SIZE - 1)))
		return false;
	if (pages > (UINT64_MAX - base) / PAGE_SIZE || pages > (UINTPTR_MAX - va) / PAGE_SIZE)
		return false;
	return !bitmap_overlaps(base, base + pages * PAGE_SIZE);
}

/* Pages of metadata for a run: the header and a bitmap wide enough for the
 * whole run from its 64-aligned first frame (a little more than the managed
 * frames need, which keeps this a closed formula). */
static size_t bitmap_meta_pages(paddr_t base, size_t pages, size_t *nwords)
{
	uint64_t first = base >> PAGE_SHIFT;
	uint64_t bits = (first & 63) + pages;

	*nwords = (size_t)((bits + 63) / 64);
	return (sizeof(struct bitmap_region) + *nwords * sizeof(uint64_t) + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* Carves the header and the bitmap from the end of the run and marks the
 * rest free. */
static int bitmap_add_region_locked(paddr_t base, size_t pages, void *mem)
{
	size_t meta_pages, frames, nwords;
	struct bitmap_region *r;

	if (!bitmap_region_args_ok(base, pages, mem))
		return -EINVAL;
	meta_pages = bitmap_meta_pages(base, pages, &nwords);
	if (meta_pages >= pages)
		return -ENOMEM;
	frames = pages - meta_pages;

	r = (struct bitmap_region *)(void *)((uint8_t *)mem + frames * PAGE_SIZE);
	r->base = base;
	r->end = base + frames * PAGE_SIZE;
	r->span_end = base + pages * PAGE_SIZE;
	r->bit0_pfn = (base >> PAGE_SHIFT) & ~(uint64_t)63;
	r->nwords = nwords;
	r->cursor = 0;
	__builtin_memset(r->words, 0xff, nwords * sizeof(uint64_t));
	bits_clear_range(r->words, bitmap_bit_of(r, base), bitmap_bit_of(r, r->end));
	r->next = bitmap.regions;
	bitmap.regions = r;
	if (!bitmap.current)
		bitmap.current = r;

	bitmap.nr_regions++;
	bitmap.total_frames += frames;
	bitmap.free_frames += frames;
	bitmap.meta_frames += meta_pages;
	return 0;
}

/**
 * bitmap_add_region() - Give the allocator a run of free RAM.
 * @base: physical address of the first frame, page aligned
 * @pages: frames in the run
 * @mem: where the run is mapped, page aligned
 *
 * Carves the header and the bitmap from the end of the run and marks the
 * rest free.
 *
 * Context: any, interrupt handlers included; atomic (takes bitmap_lock,
 * interrupts disabled).
 *
 * Return: 0; -EINVAL for bad arguments or an overlap with another region;
 * -ENOMEM if the run cannot hold its metadata and one frame.
 */
int bitmap_add_region(paddr_t base, size_t pages, void *mem)
{
	unsigned long flags = spin_lock_irqsave(&bitmap_lock);
	int err = bitmap_add_region_locked(base, pages, mem);

	spin_unlock_irqrestore(&bitmap_lock, flags);
	return err;
}

/* A free block of up to 64 frames starting at a bit in [from, to) of r:
 * its bit index in *bit. */
static bool bitmap_search_small(struct bitmap_region *r, size_t from, size_t to, uint32_t order,
				size_t *bit)
{
	for (size_t w = from / 64; w * 64 < to; w++) {
		size_t lo = w * 64 < from ? from - w * 64 : 0;
		size_t hi = to - w * 64 < 64 ? to - w * 64 : 64;
		uint64_t starts = bits_aligned_free_runs(r->words[w], order) & bits_mask(lo, hi);

		if (starts) {
			*bit = w * 64 + (size_t)__builtin_ctzll(starts);
			return true;
		}
	}
	return false;
}

/* A free block of more than 64 frames, made of `span` whole words aligned
 * by frame number, starting at a bit in [from, to). */
static bool bitmap_search_large(struct bitmap_region *r, size_t from, size_t to, uint32_t order,
				size_t *bit)
{
	size_t span = (size_t)1 << (order - 6);
	size_t word0 = (size_t)(r->bit0_pfn / 64);
	size_t w = (from + 63) / 64;

	for (w += (span - (word0 + w) % span) % span; w * 64 < to && w + span <= r->nwords; w += span) {
		if (bits_words_zero(&r->words[w], span)) {
			*bit = w * 64;
			return true;
		}
	}
	return false;
}

static bool bitmap_search(struct bitmap_region *r, size_t from, size_t to, uint32_t order,
			  size_t *bit)
{
	if (order <= 6)
		return bitmap_search_small(r, from, to, order, bit);
	return bitmap_search_large(r, from, to, order, bit);
}

/* Next fit: from the cursor of the current region to its end, then every
 * other region in turn, then the current region up to the cursor. */
static struct bitmap_region *bitmap_find(uint32_t order, size_t *bit)
{
	struct bitmap_region *cur = bitmap.current;

	if (!cur)
		return NULL;
	if (bitmap_search(cur, cur->cursor, cur->nwords * 64, order, bit))
		return cur;
	for (struct bitmap_region *r = bitmap_ring_next(cur); r != cur; r = bitmap_ring_next(r))
		if (bitmap_search(r, 0, r->nwords * 64, order, bit))
			return r;
	if (bitmap_search(cur, 0, cur->cursor, order, bit))
		return cur;
	return NULL;
}

/* Next fit: the search resumes where the last one succeeded. */
static int bitmap_alloc_locked(uint32_t order, paddr_t *frame)
{
	struct bitmap_region *r;
	size_t bit;

	if (order > PMM_MAX_ORDER)
		return -EINVAL;
	r = bitmap_find(order, &bit);
	if (!r)
		return -ENOMEM;

	bits_set_range(r->words, bit, bit + ((size_t)1 << order));
	r->cursor = bit + ((size_t)1 << order);
	bitmap.current = r;
	bitmap.free_frames -= (uint64_t)1 << order;
	*frame = bitmap_pa_of(r, bit);
	return 0;
}

/**
 * bitmap_alloc() - Allocate 2^order contiguous frames aligned to their size.
 * @order: base-2 logarithm of the number of frames
 * @frame: receives the physical address of the first frame
 *
 * Next fit: the search resumes where the last one succeeded. O(n / 64)
 * words in the worst case, n the number of frames.
 *
 * Context: any, interrupt handlers included; atomic (takes bitmap_lock,
 * interrupts disabled).
 *
 * Return: 0, -EINVAL if order > PMM_MAX_ORDER, -ENOMEM if no aligned run of
 * free frames is long enough.
 */
int bitmap_alloc(uint32_t order, paddr_t *frame)
{
	unsigned long flags = spin_lock_irqsave(&bitmap_lock);
	int err = bitmap_alloc_locked(order, frame);

	spin_unlock_irqrestore(&bitmap_lock, flags);
	return err;
}

/* The region whose managed frames contain the whole block, or NULL. */
static struct bitmap_region *bitmap_region_find(paddr_t pa, uint32_t order)
{
	uint64_t bytes = (uint64_t)PAGE_SIZE << order;

	for (struct bitmap_region *r = bitmap.regions; r; r = r->next)
		if (pa >= r->base && pa < r->end)
			return r->end - pa >= bytes ? r : NULL;
	return NULL;
}

/* Clears the block's bits once every one of them is found set. */
static int bitmap_free_locked(paddr_t frame, uint32_t order)
{
	struct bitmap_region *r;
	size_t bit, nbits;

	if (order > PMM_MAX_ORDER || (frame & (((uint64_t)PAGE_SIZE << order) - 1)))
		return -EINVAL;
	r = bitmap_region_find(frame, order);
	if (!r)
		return -EINVAL;
	bit = bitmap_bit_of(r, frame);
	nbits = (size_t)1 << order;
	if (!bits_all_set(r->words, bit, bit + nbits))
		return -EINVAL;

	bits_clear_range(r->words, bit, bit + nbits);
	bitmap.free_frames += nbits;
	return 0;
}

/**
 * bitmap_free() - Return a block obtained from bitmap_alloc().
 * @frame: physical address of the block
 * @order: the order it was allocated with
 *
 * O(2^order / 64 + regions).
 *
 * Context: any, interrupt handlers included; atomic (takes bitmap_lock,
 * interrupts disabled).
 *
 * Return: 0, or -EINVAL (nothing changed) if @frame is misaligned, the
 * block is not inside a region, or any of its frames is already free (a
 * double free). Freeing a smaller order than was allocated is not
 * detected: the bitmap does not record block sizes.
 */
int bitmap_free(paddr_t frame, uint32_t order)
{
	unsigned long flags = spin_lock_irqsave(&bitmap_lock);
	int err = bitmap_free_locked(frame, order);

	spin_unlock_irqrestore(&bitmap_lock, flags);
	return err;
}

/* Counts the free run [first, end) of frame numbers as the largest aligned
 * blocks it splits into, as a buddy allocator would hold it. */
static void bitmap_count_run(uint64_t first, uint64_t end, struct pmm_stats *st)
{
	while (first < end) {
		uint32_t order = 0;

		while (order < PMM_MAX_ORDER && !(first & ((2ULL << order) - 1)) &&
		       end - first >= (2ULL << order))
			order++;
		st->free_blocks[order]++;
		first += 1ULL << order;
	}
}

static void bitmap_count_region(const struct bitmap_region *r, struct pmm_stats *st)
{
	size_t nbits = r->nwords * 64;
	size_t bit = bits_find(r->words, nbits, 0, false);

	while (bit < nbits) {
		size_t stop = bits_find(r->words, nbits, bit, true);

		bitmap_count_run(r->bit0_pfn + bit, r->bit0_pfn + stop, st);
		bit = bits_find(r->words, nbits, stop, false);
	}
}

/**
 * bitmap_stats() - Fill in a snapshot of the allocator's state.
 * @st: receives the counts
 *
 * The bitmap keeps no blocks, so free_blocks is computed by splitting every
 * free run into the largest aligned blocks that fit: O(n / 64 + free runs).
 *
 * Context: any, interrupt handlers included; atomic (takes bitmap_lock,
 * interrupts disabled for the whole scan), so the counts agree.
 */
void bitmap_stats(struct pmm_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&bitmap_lock);

	__builtin_memset(st, 0, sizeof(*st));
	st->total_frames = bitmap.total_frames;
	st->free_frames = bitmap.free_frames;
	st->meta_frames = bitmap.meta_frames;
	st->regions = bitmap.nr_regions;
	st->max_order = PMM_MAX_ORDER;
	for (const struct bitmap_region *r = bitmap.regions; r; r = r->next)
		bitmap_count_region(r, st);
	spin_unlock_irqrestore(&bitmap_lock, flags);
}
