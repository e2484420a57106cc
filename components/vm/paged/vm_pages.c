/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pages of a space: filling one on a fault (zeroed, or read from the
 * area's file), copying one on write, unmapping and re-protecting ranges,
 * and the frames the platform's page tables take. Called by vm_fault.c,
 * vm_area.c and vm_mmap.c with the space locked.
 *
 * A page made PROT_NONE is parked (vm_park.c): the first fault after its
 * area is accessible again maps its frame back.
 */

#include <tessera/panic.h>

#include "paged.h"

static void *vm_frame_ptr(paddr_t frame)
{
	return (void *)(uintptr_t)memmap_phys_to_virt(frame);
}

/**
 * vm_table_alloc() - The mmu's allocator for page-table pages: one zeroed frame.
 * @ctx: unused.
 * Return: the frame, or 0 when pmm has none.
 */
uint64_t vm_table_alloc(void *ctx)
{
	paddr_t frame;

	(void)ctx;
	return vm_frame_alloc_zeroed(&frame) == 0 ? frame : 0;
}

/**
 * vm_table_free() - Give a page-table page back to pmm.
 * @phys: the frame.
 * @ctx: unused.
 */
void vm_table_free(uint64_t phys, void *ctx)
{
	(void)ctx;
	if (pmm_free(phys, 0) != 0)
		panic("vm: pmm refused page-table frame %#llx", (unsigned long long)phys);
}

/**
 * vm_mmu_prot() - The page-table protection of VM_PROT_* bits (the same bit values).
 */
unsigned vm_mmu_prot(uint32_t prot)
{
	return (prot & VM_PROT_READ ? MMU_READ : 0) | (prot & VM_PROT_WRITE ? MMU_WRITE : 0) |
	       (prot & VM_PROT_EXEC ? MMU_EXEC : 0);
}

/* Fill a page of a file area from its file; past the end it stays zero. */
static int vm_page_read_file(const struct vm_area *area, vaddr_t va, paddr_t frame)
{
	long got = vfs_kernel_read(area->file, vm_frame_ptr(frame), PAGE_SIZE,
				   area->file_off + (va - area->start));

	return got < 0 ? (int)got : 0;
}

/* Map a parked frame back; 0, -ENOENT when none is parked at va, -ENOMEM. */
static int vm_page_unpark(struct vm_space *space, const struct vm_area *area, vaddr_t va)
{
	unsigned prot = vm_mmu_prot(area->prot);
	paddr_t frame;
	int err;

	if (!vm_park_find(space, va, &frame))
		return -ENOENT;
	if (!area->shared && vm_frame_is_shared(frame))
		prot &= ~MMU_WRITE;
	err = mmu_map(&space->mmu, va, frame, prot, vm_table_alloc, NULL);
	if (!err)
		vm_park_forget(space, va);
	return err;
}

/**
 * vm_page_populate() - Give an unmapped page of an area its frame.
 * @space: locked.
 * @area: holds @va; its protection is not PROT_NONE.
 * @va: page-aligned.
 *
 * Return: 0, -ENOMEM, or the error reading the area's file.
 */
int vm_page_populate(struct vm_space *space, const struct vm_area *area, vaddr_t va)
{
	paddr_t frame;
	int err = vm_page_unpark(space, area, va);

	if (err != -ENOENT)
		return err;
	err = vm_frame_alloc_zeroed(&frame);
	if (err)
		return err;
	if (area->kind == VM_AREA_FILE) {
		err = vm_page_read_file(area, va, frame);
		if (err)
			goto free_frame;
	}
	err = mmu_map(&space->mmu, va, frame, vm_mmu_prot(area->prot), vm_table_alloc, NULL);
	if (err)
		goto free_frame;
	space->resident++;
	return 0;
free_frame:
	vm_frame_put(frame);
	return err;
}

/**
 * vm_page_copy_on_write() - Make a write-protected private page writable for its space alone.
 * @space: locked.
 * @area: holds @va and allows writing.
 * @va: page-aligned, mapped to @old without write access.
 * @old: the frame mapped now.
 *
 * A frame nobody else maps any more is taken over; a shared one is copied.
 * Return: 0, or -ENOMEM.
 */
int vm_page_copy_on_write(struct vm_space *space, const struct vm_area *area, vaddr_t va, paddr_t old)
{
	unsigned prot = vm_mmu_prot(area->prot);
	paddr_t copy;
	int err;

	if (!vm_frame_is_shared(old))
		return mmu_protect(&space->mmu, va, prot) == 0 ? 0 : -EFAULT;
	if (pmm_alloc(0, &copy) != 0)
		return -ENOMEM;
	__builtin_memcpy(vm_frame_ptr(copy), vm_frame_ptr(old), PAGE_SIZE);
	err = mmu_map(&space->mmu, va, copy, prot, vm_table_alloc, NULL);
	if (err) {
		vm_frame_put(copy);
		return err;
	}
	vm_frame_put(old);
	return 0;
}

/**
 * vm_pages_unmap() - Unmap every page of [start, end) and drop its frame.
 * @space: locked.
 */
void vm_pages_unmap(struct vm_space *space, vaddr_t start, vaddr_t end)
{
	vm_park_release(space, start, end);
	for (vaddr_t va = start; va < end && space->resident; va += PAGE_SIZE) {
		paddr_t frame = mmu_unmap(&space->mmu, va);

		if (frame) {
			vm_frame_put(frame);
			space->resident--;
		}
	}
}

/* One mapped page of @area, re-protected to the area's protection. */
static void vm_page_protect(struct vm_space *space, const struct vm_area *area, vaddr_t va, paddr_t frame,
			    struct vm_parked **spare)
{
	unsigned prot = vm_mmu_prot(area->prot);

	if (!prot) {
		vm_park_page(space, va, spare);
		return;
	}
	/* A frame still shared after fork stays read-only: the next write copies it. */
	if (!area->shared && vm_frame_is_shared(frame))
		prot &= ~MMU_WRITE;
	if (mmu_protect(&space->mmu, va, prot) != 0)
		panic("vm: page %#llx vanished while locked", (unsigned long long)va);
}

/**
 * vm_pages_protect() - Give every mapped page of an area the area's protection.
 * @space: locked.
 * @area: the area, whose prot just changed.
 * @spare: for PROT_NONE, a node from vm_park_reserve() per mapped page.
 */
void vm_pages_protect(struct vm_space *space, const struct vm_area *area, struct vm_parked **spare)
{
	for (vaddr_t va = area->start; va < area->end && space->resident; va += PAGE_SIZE) {
		uint64_t frame;

		if (mmu_query(&space->mmu, va, &frame, NULL))
			vm_page_protect(space, area, va, frame, spare);
	}
}
