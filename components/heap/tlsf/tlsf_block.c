/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The O(1) core of the TLSF heap: mapping a size to its segregated list,
 * the two-level bitmaps, finding a block, splitting it to the request and
 * merging a freed block with its physical neighbours. tlsf_heap.c calls it
 * for every alloc and free; tlsf_pool.c for the blocks of new runs.
 *
 * Invariants: a block is on a list exactly when its FREE bit is set; list
 * (f, s) is non-empty exactly when bit s of sl_map[f] and bit f of fl_map
 * are set; no two free blocks are physically adjacent (free merges them at
 * once); every tag's prev_phys names the block just below, and the block
 * just above a tag starts right after its payload. No loop here depends on
 * the number or size of blocks.
 */
#include "tlsf.h"

/* The list a free block of `size` bytes belongs on: first level from the
 * top set bit, second level from the next TLSF_SL_SHIFT bits. */
static void tlsf_mapping(size_t size, uint32_t *fl, uint32_t *sl)
{
	uint32_t top;

	if (size < TLSF_SMALL) {
		*fl = 0;
		*sl = (uint32_t)(size >> TLSF_ALIGN_SHIFT);
		return;
	}
	top = 63U - (uint32_t)__builtin_clzll(size);
	*sl = (uint32_t)(size >> (top - TLSF_SL_SHIFT)) ^ TLSF_SL_COUNT;
	*fl = top - TLSF_FL_SHIFT + 1;
}

/* The first list whose every block fits `size`: rounding the size up to the
 * next list boundary is TLSF's "good fit", which keeps the search O(1). */
static void tlsf_mapping_search(size_t size, uint32_t *fl, uint32_t *sl)
{
	if (size >= TLSF_SMALL)
		size += (1UL << (63U - (uint32_t)__builtin_clzll(size) - TLSF_SL_SHIFT)) - 1;
	tlsf_mapping(size, fl, sl);
}

/** tlsf_insert() - Put a block on its list and mark it free. */
void tlsf_insert(struct tlsf_block *b)
{
	uint32_t fl, sl;
	struct tlsf_block *head;

	tlsf_mapping(tlsf_size(b), &fl, &sl);
	head = tlsf.lists[fl][sl];
	b->prev_free = NULL;
	b->next_free = head;
	if (head)
		head->prev_free = b;
	tlsf.lists[fl][sl] = b;
	tlsf.fl_map |= 1U << fl;
	tlsf.sl_map[fl] |= 1U << sl;
	b->size_word |= TLSF_FREE;
}

/** tlsf_remove() - Take a free block off its list and mark it in use. */
void tlsf_remove(struct tlsf_block *b)
{
	uint32_t fl, sl;

	tlsf_mapping(tlsf_size(b), &fl, &sl);
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		tlsf.lists[fl][sl] = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (!tlsf.lists[fl][sl]) {
		tlsf.sl_map[fl] &= ~(1U << sl);
		if (!tlsf.sl_map[fl])
			tlsf.fl_map &= ~(1U << fl);
	}
	b->size_word &= ~TLSF_FREE;
}

/* The head of the first non-empty list at or above (fl, sl): two
 * find-first-set operations on the bitmaps. */
static struct tlsf_block *tlsf_first_from(uint32_t fl, uint32_t sl)
{
	uint32_t sl_bits, fl_bits;

	if (fl >= TLSF_FL_COUNT)
		return NULL;
	sl_bits = tlsf.sl_map[fl] & (~0U << sl);
	if (!sl_bits) {
		fl_bits = tlsf.fl_map & (~0U << (fl + 1));
		if (!fl_bits)
			return NULL;
		fl = (uint32_t)__builtin_ctz(fl_bits);
		sl_bits = tlsf.sl_map[fl];
	}
	return tlsf.lists[fl][__builtin_ctz(sl_bits)];
}

/* A free block of at least `size` bytes, or NULL. */
static struct tlsf_block *tlsf_find(size_t size)
{
	struct tlsf_block *b;
	uint32_t fl, sl;

	tlsf_mapping_search(size, &fl, &sl);
	b = tlsf_first_from(fl, sl);
	if (b)
		return b;
	/* Good fit skips the size's own list, whose blocks may or may not
	 * fit; its head costs one look and finds a block just freed. */
	tlsf_mapping(size, &fl, &sl);
	b = fl < TLSF_FL_COUNT ? tlsf.lists[fl][sl] : NULL;
	return b && tlsf_size(b) >= size ? b : NULL;
}

/**
 * tlsf_request() - The payload to look for to serve a request.
 * @size: bytes asked for.
 * @align: alignment wanted, a power of two >= TLSF_ALIGN.
 *
 * Above TLSF_ALIGN a block has room for the request at any alignment, and
 * for a free block of the misaligned head in front of it.
 *
 * Return: the payload size, or 0 if no run could hold it.
 */
size_t tlsf_request(size_t size, size_t align)
{
	size_t need;

	if (size > TLSF_MAX_PAYLOAD || align > TLSF_MAX_PAYLOAD)
		return 0;
	need = tlsf_round(size);
	if (align > TLSF_ALIGN)
		need += align + TLSF_MIN_BLOCK;
	return need <= TLSF_MAX_PAYLOAD ? need : 0;
}

/**
 * tlsf_pick() - A free block that can serve a request, still on its list.
 * @size: bytes asked for.
 * @align: alignment wanted.
 *
 * Return: the block, or NULL if the heap must grow.
 */
struct tlsf_block *tlsf_pick(size_t size, size_t align)
{
	struct tlsf_block *b = tlsf_find(tlsf_round(size));

	/* A block that happens to be aligned needs no slack: that keeps
	 * runs of same-sized aligned allocations from fragmenting. */
	if (b && ((uintptr_t)tlsf_payload(b) & (align - 1)) == 0)
		return b;
	if (align <= TLSF_ALIGN)
		return b;
	return tlsf_find(tlsf_request(size, align));
}

/** tlsf_claim() - Take a block from tlsf_pick() off its list, for tlsf_take(). */
void tlsf_claim(struct tlsf_block *b)
{
	if (tlsf_is_whole_run(b))
		tlsf.free_runs--;
	tlsf_remove(b);
}

/* Splits off the head of `b` below the first payload address aligned to
 * `align` that leaves room for a free block, and frees the head. */
static struct tlsf_block *tlsf_trim_front(struct tlsf_block *b, size_t align)
{
	uintptr_t p = (uintptr_t)tlsf_payload(b);
	uintptr_t a = (p + align - 1) & ~(uintptr_t)(align - 1);
	struct tlsf_block *nb;

	if (a == p)
		return b;
	if (a - p < TLSF_MIN_BLOCK)
		a += align;
	nb = tlsf_block_of((void *)a);
	nb->size_word = tlsf_size(b) - (a - p);
	nb->prev_phys = b;
	tlsf_next_phys(nb)->prev_phys = nb;
	b->size_word = a - p - TLSF_TAG;
	/* b's lower neighbour is in use: b was free, and free blocks never
	 * touch. So the head goes on a list without merging. */
	tlsf_insert(b);
	return nb;
}

/* Gives the tail of `b` beyond `size` back as a free block, if it can hold one. */
static void tlsf_trim_back(struct tlsf_block *b, size_t size)
{
	struct tlsf_block *rest;

	if (tlsf_size(b) < size + TLSF_MIN_BLOCK)
		return;
	rest = (struct tlsf_block *)((uintptr_t)tlsf_payload(b) + size);
	rest->size_word = tlsf_size(b) - size - TLSF_TAG;
	rest->prev_phys = b;
	tlsf_next_phys(rest)->prev_phys = rest;
	b->size_word = size;
	tlsf_insert(rest);
}

/**
 * tlsf_take() - Cut a block claimed for a request down to it.
 * @b: a block off the lists with a payload of tlsf_request(@size, @align)
 *     bytes, or already aligned and at least tlsf_round(@size).
 * @size: bytes asked for.
 * @align: alignment wanted.
 *
 * Return: the block to hand out (inside @b), in use.
 */
struct tlsf_block *tlsf_take(struct tlsf_block *b, size_t size, size_t align)
{
	if (align > TLSF_ALIGN)
		b = tlsf_trim_front(b, align);
	tlsf_trim_back(b, tlsf_round(size));
	return b;
}

/* Absorbs `hi`, the block just above `lo`, into `lo`. The absorbed tag is
 * wiped so that a second free of `hi` cannot pass for a live block. */
static void tlsf_absorb(struct tlsf_block *lo, struct tlsf_block *hi)
{
	lo->size_word += TLSF_TAG + tlsf_size(hi);
	hi->size_word = 0;
	hi->prev_phys = NULL;
	tlsf_next_phys(lo)->prev_phys = lo;
}

/**
 * tlsf_merge() - Merge a block being freed with its free neighbours.
 * @b: the block, in use and on no list.
 *
 * Return: the merged block, on no list, for tlsf_release_or_keep().
 */
struct tlsf_block *tlsf_merge(struct tlsf_block *b)
{
	struct tlsf_block *next = tlsf_next_phys(b);
	struct tlsf_block *prev = b->prev_phys;

	/* Neither neighbour is a whole run: each touches b. */
	if (tlsf_is_free(next)) {
		tlsf_remove(next);
		tlsf_absorb(b, next);
	}
	if (prev && tlsf_is_free(prev)) {
		tlsf_remove(prev);
		tlsf_absorb(prev, b);
		b = prev;
	}
	return b;
}

/**
 * tlsf_is_live() - Whether a pointer is the payload of a block in use.
 * @ptr: a pointer handed to free.
 *
 * Checks the tag and that both neighbours' tags agree with it. A free
 * block, or one merged into a neighbour (its tag wiped), fails: that is how
 * a double free is caught. Garbage pointers are undefined: the check reads
 * memory around them.
 *
 * Return: true if @ptr looks like a live block's payload.
 */
bool tlsf_is_live(const void *ptr)
{
	const struct tlsf_block *b;
	size_t size;

	if (!ptr || (uintptr_t)ptr % TLSF_ALIGN)
		return false;
	b = tlsf_block_of(ptr);
	size = tlsf_size(b);
	if (tlsf_is_free(b) || size < TLSF_MIN_PAYLOAD || size > TLSF_MAX_PAYLOAD || size % TLSF_ALIGN)
		return false;
	if (tlsf_next_phys(b)->prev_phys != b)
		return false;
	return !b->prev_phys || tlsf_next_phys(b->prev_phys) == b;
}
