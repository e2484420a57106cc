/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The pmm double of the heap conformance suite: a deliberately simple
 * page-frame allocator over the fake RAM of ../host_ram.h. The heap under
 * test takes its frames through tessera/pmm.h; the suite adds the region and
 * reads the free count.
 *
 * One state byte per frame; alloc scans for the first free, naturally
 * aligned run. Every free is checked against what alloc handed out, and
 * free frames are poisoned for AddressSanitizer, so a heap touching a frame
 * it gave back fails at the faulting access.
 */
#include <tessera/components/heap_double_pmm.h>

#include <sanitizer/asan_interface.h>
#include <string.h>

#include "../host_ram.h"

enum host_frame { FRAME_ABSENT, FRAME_FREE, FRAME_HEAD, FRAME_TAIL };

static struct {
	uint8_t state[HOST_RAM_PAGES]; /* enum host_frame */
	uint8_t order[HOST_RAM_PAGES]; /* of the block a FRAME_HEAD starts */
	uint64_t total;
	uint64_t free;
	uint32_t regions;
} host_pmm;

static void *host_pmm_mem(size_t index)
{
	return (void *)(uintptr_t)memmap_phys_to_virt(HOST_RAM_PHYS_BASE + index * PAGE_SIZE);
}

/**
 * host_pmm_init() - Forget every region and poison all of the fake RAM.
 *
 * Return: 0.
 */
int host_pmm_init(void)
{
	memset(&host_pmm, 0, sizeof(host_pmm));
	ASAN_POISON_MEMORY_REGION(host_pmm_mem(0), HOST_RAM_BYTES);
	return 0;
}

static bool host_pmm_is_absent(size_t first, size_t pages)
{
	for (size_t i = first; i < first + pages; i++)
		if (host_pmm.state[i] != FRAME_ABSENT)
			return false;
	return true;
}

/**
 * host_pmm_add_region() - Manage frames of the fake RAM.
 * @base: first frame, inside the fake RAM.
 * @pages: number of frames.
 * @mem: where @base is mapped: must be memmap_phys_to_virt(@base).
 *
 * Return: 0, or -EINVAL for anything outside the fake RAM, misaligned,
 * inconsistent with the memmap double or overlapping a region.
 */
int host_pmm_add_region(paddr_t base, size_t pages, void *mem)
{
	size_t first = (base - HOST_RAM_PHYS_BASE) / PAGE_SIZE;

	if (base < HOST_RAM_PHYS_BASE || base % PAGE_SIZE || pages == 0)
		return -EINVAL;
	if (first > HOST_RAM_PAGES || pages > HOST_RAM_PAGES - first)
		return -EINVAL;
	if (mem != host_pmm_mem(first) || !host_pmm_is_absent(first, pages))
		return -EINVAL;
	memset(&host_pmm.state[first], FRAME_FREE, pages);
	host_pmm.total += pages;
	host_pmm.free += pages;
	host_pmm.regions++;
	return 0;
}

static bool host_pmm_run_is_free(size_t first, size_t n)
{
	for (size_t i = first; i < first + n; i++)
		if (host_pmm.state[i] != FRAME_FREE)
			return false;
	return true;
}

/**
 * host_pmm_alloc() - Hand out the first free, naturally aligned run of 2^order frames.
 * @order: 0 to PMM_MAX_ORDER.
 * @frame: receives its physical address.
 *
 * Return: 0, -EINVAL for an order above PMM_MAX_ORDER, or -ENOMEM.
 */
int host_pmm_alloc(uint32_t order, paddr_t *frame)
{
	size_t n;

	if (order > PMM_MAX_ORDER)
		return -EINVAL;
	n = (size_t)1 << order;
	/* HOST_RAM_PHYS_BASE is aligned to the largest block, so aligned
	 * indices are aligned physical addresses. */
	for (size_t i = 0; i + n <= HOST_RAM_PAGES; i += n) {
		if (!host_pmm_run_is_free(i, n))
			continue;
		memset(&host_pmm.state[i], FRAME_TAIL, n);
		host_pmm.state[i] = FRAME_HEAD;
		host_pmm.order[i] = (uint8_t)order;
		host_pmm.free -= n;
		ASAN_UNPOISON_MEMORY_REGION(host_pmm_mem(i), n * PAGE_SIZE);
		*frame = HOST_RAM_PHYS_BASE + i * PAGE_SIZE;
		return 0;
	}
	return -ENOMEM;
}

/**
 * host_pmm_free() - Take back a block, checking it is exactly one alloc handed out.
 * @frame: its first frame.
 * @order: the order it was allocated with.
 *
 * Return: 0, or -EINVAL (changing nothing) for a frame outside the fake
 * RAM, not heading an allocated block, or a wrong order: a double free,
 * a partial free and a mix-up of orders all land here.
 */
int host_pmm_free(paddr_t frame, uint32_t order)
{
	size_t i = (frame - HOST_RAM_PHYS_BASE) / PAGE_SIZE;
	size_t n = (size_t)1 << (order & 31);

	if (order > PMM_MAX_ORDER || frame < HOST_RAM_PHYS_BASE || frame % PAGE_SIZE)
		return -EINVAL;
	if (i >= HOST_RAM_PAGES || host_pmm.state[i] != FRAME_HEAD || host_pmm.order[i] != order)
		return -EINVAL;
	memset(&host_pmm.state[i], FRAME_FREE, n);
	host_pmm.free += n;
	ASAN_POISON_MEMORY_REGION(host_pmm_mem(i), n * PAGE_SIZE);
	return 0;
}

/* The largest naturally aligned free block starting at frame i, within [i, end). */
static uint32_t host_pmm_block_order(size_t i, size_t end)
{
	uint32_t k = 0;

	while (k < PMM_MAX_ORDER && i % ((size_t)2 << k) == 0 && i + ((size_t)2 << k) <= end)
		k++;
	return k;
}

/**
 * host_pmm_stats() - Report the counts, free blocks split as a buddy allocator would hold them.
 * @st: receives them.
 */
void host_pmm_stats(struct pmm_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->total_frames = host_pmm.total;
	st->free_frames = host_pmm.free;
	st->regions = host_pmm.regions;
	st->max_order = PMM_MAX_ORDER;
	for (size_t i = 0; i < HOST_RAM_PAGES;) {
		size_t end = i;

		while (end < HOST_RAM_PAGES && host_pmm.state[end] == FRAME_FREE)
			end++;
		while (i < end) {
			uint32_t k = host_pmm_block_order(i, end);

			st->free_blocks[k]++;
			i += (size_t)1 << k;
		}
		i = end + 1;
	}
}
