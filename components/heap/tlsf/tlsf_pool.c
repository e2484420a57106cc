/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TLSF heap's memory: runs of pages taken from pmm when no free block
 * fits, and given back when all of a run is free again. tlsf_heap.c calls
 * it when an alloc finds nothing, on every free and from shrink.
 *
 * A run is [struct tlsf_run][tag | blocks ...][sentinel tag]: the first
 * block's prev_phys is NULL and the sentinel's size is 0, so merging never
 * leaves the run and a run is entirely free exactly when its first block is
 * free and followed by the sentinel.
 */
#include "tlsf.h"

static int tlsf_frames_get(uint32_t order, void **mem)
{
	paddr_t pa;

	if (pmm_alloc(order, &pa))
		return -ENOMEM; /* -EINVAL too: the order is above what pmm serves */
	*mem = (void *)(uintptr_t)memmap_phys_to_virt(pa);
	tlsf.count.pages += 1ULL << order;
	return 0;
}

static void tlsf_frames_put(void *mem, uint32_t order)
{
	/* The frames are exactly what pmm gave us, so a refusal means broken
	 * bookkeeping here or there: count it for the tests, leak the frames. */
	if (pmm_free(memmap_virt_to_phys((vaddr_t)(uintptr_t)mem), order))
		tlsf.count.pmm_errors++;
	tlsf.count.pages -= 1ULL << order;
}

/* The smallest order of run whose first block has `need` bytes of payload. */
static uint32_t tlsf_order_for(size_t need)
{
	size_t bytes = need + TLSF_RUN_OVERHEAD;
	size_t pages = (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;

	return pages > 1 ? (uint32_t)(64 - __builtin_clzll(pages - 1)) : 0;
}

static inline struct tlsf_run *tlsf_run_of(struct tlsf_block *first)
{
	return (struct tlsf_run *)((uintptr_t)first - sizeof(struct tlsf_run));
}

/* Lays out a fresh run: its header, one block over everything, the sentinel. */
static struct tlsf_block *tlsf_run_init(void *mem, uint32_t order)
{
	struct tlsf_run *run = mem;
	struct tlsf_block *first = (struct tlsf_block *)(run + 1);
	struct tlsf_block *sentinel;

	*run = (struct tlsf_run){ .next = tlsf.runs, .order = order };
	if (tlsf.runs)
		tlsf.runs->prev = run;
	tlsf.runs = run;
	first->prev_phys = NULL;
	first->size_word = (PAGE_SIZE << order) - TLSF_RUN_OVERHEAD;
	sentinel = tlsf_next_phys(first);
	sentinel->prev_phys = first;
	sentinel->size_word = 0;
	return first;
}

/**
 * tlsf_grow() - Take a run from pmm whose block can serve a request.
 * @need: payload the block must have, from tlsf_request().
 * @out: receives the run's single block, in use and on no list.
 *
 * Asks for 2^heap_tlsf_grow_order pages at least; if pmm has no run that
 * large, for the smallest that fits.
 *
 * Return: 0, or -ENOMEM.
 */
int tlsf_grow(size_t need, struct tlsf_block **out)
{
	uint32_t min = tlsf_order_for(need);
	uint32_t order = min > heap_tlsf_grow_order ? min : heap_tlsf_grow_order;
	void *mem;
	int err;

	if (min > PMM_MAX_ORDER)
		return -ENOMEM;
	if (order > PMM_MAX_ORDER)
		order = PMM_MAX_ORDER;
	err = tlsf_frames_get(order, &mem);
	if (err && order > min) {
		order = min;
		err = tlsf_frames_get(order, &mem);
	}
	if (err)
		return err;
	*out = tlsf_run_init(mem, order);
	return 0;
}

/* Unlinks the run whose single block is `first` and returns its frames. */
static void tlsf_release(struct tlsf_block *first)
{
	struct tlsf_run *run = tlsf_run_of(first);

	if (run->prev)
		run->prev->next = run->next;
	else
		tlsf.runs = run->next;
	if (run->next)
		run->next->prev = run->prev;
	tlsf_frames_put(run, run->order);
}

/**
 * tlsf_release_or_keep() - File a block just freed and merged.
 * @b: the block, on no list.
 *
 * A block that is a whole run goes back to pmm once heap_tlsf_keep_runs
 * such runs are kept; anything else goes on its list.
 */
void tlsf_release_or_keep(struct tlsf_block *b)
{
	if (tlsf_is_whole_run(b)) {
		if (tlsf.free_runs >= heap_tlsf_keep_runs) {
			tlsf_release(b);
			return;
		}
		tlsf.free_runs++;
	}
	tlsf_insert(b);
}

/**
 * tlsf_release_all_free() - Return every entirely free run to pmm.
 *
 * O(runs): for shrink, not for the allocation path.
 */
void tlsf_release_all_free(void)
{
	struct tlsf_run *run = tlsf.runs;

	while (run) {
		struct tlsf_run *next = run->next;
		struct tlsf_block *first = (struct tlsf_block *)(run + 1);

		if (tlsf_is_free(first) && tlsf_is_whole_run(first)) {
			tlsf_remove(first);
			tlsf_release(first);
		}
		run = next;
	}
	tlsf.free_runs = 0;
}
