/* SPDX-License-Identifier: Apache-2.0 */
/*
 * <tessera/mmu.h>: the page tables of user address spaces, for the kernel's
 * virtual-memory component. Four levels for the lower half, each table
 * reached through the direct map; the upper half's PML4 entries (256-511)
 * are copied from the boot PML4 when a space is made. They never change
 * after boot (paging.c edits only tables below them), so every space sees
 * the kernel's current mappings without being told.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/mmu.h>

#include "cpu.h"
#include "error_numbers.h"
#include "layout.h"
#include "paging.h"

#define MMU_LEVELS 4
#define MMU_KERNEL_SLOT_FIRST 256 /* PML4 slots of the kernel half */
/* Intermediate entries allow everything; the leaves restrict. */
#define MMU_TABLE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER)
#define MMU_PROT_ALL (MMU_READ | MMU_WRITE | MMU_EXEC)

static uint64_t *mmu_table(uint64_t phys)
{
	return (uint64_t *)(uintptr_t)(DIRECT_MAP_BASE + phys);
}

/* The index of va in the table at level (3: PML4 ... 0: page table). */
static unsigned mmu_index(uint64_t va, int level)
{
	return va >> (12 + 9 * level) & (PT_ENTRIES - 1);
}

static bool mmu_is_user_page(uint64_t va)
{
	return va >= MMU_USER_BASE && va < MMU_USER_END && va % MMU_PAGE_SIZE == 0;
}

static uint64_t mmu_leaf(uint64_t phys, unsigned prot)
{
	uint64_t pte = phys | PTE_PRESENT | PTE_USER;

	if (prot & MMU_WRITE)
		pte |= PTE_WRITE;
	if (!(prot & MMU_EXEC))
		pte |= PTE_NX;
	return pte;
}

/* x86 cannot map a page writable or executable but not readable: every
 * present page reads. */
static unsigned mmu_leaf_prot(uint64_t pte)
{
	return MMU_READ | (pte & PTE_WRITE ? MMU_WRITE : 0) | (pte & PTE_NX ? 0 : MMU_EXEC);
}

/* The leaf entry for va, or NULL when a table on the way is missing; with
 * @alloc, missing tables are made (NULL then means out of memory). */
static uint64_t *mmu_walk(uint64_t root_phys, uint64_t va, mmu_table_alloc_fn *alloc, void *ctx)
{
	uint64_t *table = mmu_table(root_phys);

	for (int level = MMU_LEVELS - 1; level > 0; level--) {
		uint64_t *entry = &table[mmu_index(va, level)];

		if (!(*entry & PTE_PRESENT)) {
			uint64_t phys = alloc ? alloc(ctx) : 0;

			if (!phys)
				return NULL;
			*entry = phys | MMU_TABLE_FLAGS;
		}
		table = mmu_table(*entry & PTE_ADDR_MASK);
	}
	return &table[mmu_index(va, 0)];
}

static void mmu_flush(const struct mmu_space *space, uint64_t va)
{
	if (mmu_is_active(space))
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

int mmu_space_init(struct mmu_space *space, mmu_table_alloc_fn *alloc, void *ctx)
{
	uint64_t root = alloc(ctx);
	uint64_t *table;

	if (!root)
		return -ENOMEM;
	table = mmu_table(root);
	for (unsigned i = 0; i < MMU_KERNEL_SLOT_FIRST; i++)
		table[i] = 0;
	for (unsigned i = MMU_KERNEL_SLOT_FIRST; i < PT_ENTRIES; i++)
		table[i] = boot_pml4[i];
	space->root_phys = root;
	return 0;
}

/* Frees the tables below a level-@level table's user entries. */
static void mmu_release_below(uint64_t *table, int level, unsigned entries, mmu_table_free_fn *free, void *ctx)
{
	for (unsigned i = 0; i < entries; i++) {
		uint64_t phys = table[i] & PTE_ADDR_MASK;

		if (!(table[i] & PTE_PRESENT))
			continue;
		if (level > 1)
			mmu_release_below(mmu_table(phys), level - 1, PT_ENTRIES, free, ctx);
		free(phys, ctx);
	}
}

void mmu_space_release(struct mmu_space *space, mmu_table_free_fn *free, void *ctx)
{
	mmu_release_below(mmu_table(space->root_phys), MMU_LEVELS - 1, MMU_KERNEL_SLOT_FIRST, free, ctx);
	free(space->root_phys, ctx);
	space->root_phys = 0;
}

int mmu_map(struct mmu_space *space, uint64_t va, uint64_t phys, unsigned prot, mmu_table_alloc_fn *alloc,
	    void *ctx)
{
	uint64_t *pte;

	if (!mmu_is_user_page(va) || prot == 0 || (prot & ~MMU_PROT_ALL) || (phys & ~PTE_ADDR_MASK))
		return -EINVAL;
	pte = mmu_walk(space->root_phys, va, alloc, ctx);
	if (!pte)
		return -ENOMEM;
	*pte = mmu_leaf(phys, prot);
	mmu_flush(space, va);
	return 0;
}

uint64_t mmu_unmap(struct mmu_space *space, uint64_t va)
{
	uint64_t *pte = mmu_is_user_page(va) ? mmu_walk(space->root_phys, va, NULL, NULL) : NULL;
	uint64_t old;

	if (!pte || !(*pte & PTE_PRESENT))
		return 0;
	old = *pte;
	*pte = 0;
	mmu_flush(space, va);
	return old & PTE_ADDR_MASK;
}

bool mmu_query(const struct mmu_space *space, uint64_t va, uint64_t *phys, unsigned *prot)
{
	uint64_t va_page = va & ~(MMU_PAGE_SIZE - 1);
	uint64_t *pte = mmu_is_user_page(va_page) ? mmu_walk(space->root_phys, va_page, NULL, NULL) : NULL;

	if (!pte || !(*pte & PTE_PRESENT))
		return false;
	if (phys)
		*phys = *pte & PTE_ADDR_MASK;
	if (prot)
		*prot = mmu_leaf_prot(*pte);
	return true;
}

int mmu_protect(struct mmu_space *space, uint64_t va, unsigned prot)
{
	uint64_t *pte = mmu_is_user_page(va) ? mmu_walk(space->root_phys, va, NULL, NULL) : NULL;

	if (prot == 0 || (prot & ~MMU_PROT_ALL))
		return -EINVAL;
	if (!pte || !(*pte & PTE_PRESENT))
		return -ENOENT;
	*pte = mmu_leaf(*pte & PTE_ADDR_MASK, prot);
	mmu_flush(space, va);
	return 0;
}

/* Visits the present leaves under a level-@level table covering @base. */
static void mmu_visit_below(const uint64_t *table, int level, uint64_t base, unsigned entries,
			    mmu_visit_fn *visit, void *ctx)
{
	for (unsigned i = 0; i < entries; i++) {
		uint64_t va = base + ((uint64_t)i << (12 + 9 * level));
		uint64_t entry = table[i];

		if (!(entry & PTE_PRESENT))
			continue;
		if (level == 0)
			visit(va, entry & PTE_ADDR_MASK, mmu_leaf_prot(entry), ctx);
		else
			mmu_visit_below(mmu_table(entry & PTE_ADDR_MASK), level - 1, va, PT_ENTRIES, visit, ctx);
	}
}

void mmu_for_each(const struct mmu_space *space, mmu_visit_fn *visit, void *ctx)
{
	mmu_visit_below(mmu_table(space->root_phys), MMU_LEVELS - 1, 0, MMU_KERNEL_SLOT_FIRST, visit, ctx);
}

void mmu_activate(const struct mmu_space *space)
{
	if (!mmu_is_active(space))
		cpu_write_cr3(space->root_phys);
}

void mmu_activate_kernel(void)
{
	uint64_t boot_root = (uint64_t)(uintptr_t)boot_pml4 - KERNEL_VIRT_BASE;

	if ((cpu_read_cr3() & PTE_ADDR_MASK) != boot_root)
		cpu_write_cr3(boot_root);
}

bool mmu_is_active(const struct mmu_space *space)
{
	return (cpu_read_cr3() & PTE_ADDR_MASK) == space->root_phys;
}
