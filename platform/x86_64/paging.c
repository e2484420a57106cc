/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's final page tables, made from entry.S's boot tables in place:
 * the kernel image mapped with 4 KiB pages and per-section permissions
 * (text r-x, rodata and the symbol table r--, data and bss rw-, the boot
 * stack's guard page absent), its direct-map alias made just as strict
 * but never executable, the rest of the direct map non-executable, and
 * the identity map gone. start.c calls paging_init() once.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/panic.h>

#include "cpu.h"
#include "layout.h"
#include "paging.h"

/* Page tables for the image and its alias: two per 2 MiB the image spans,
 * plus the kernel window's page directory, so 16 cover a 14 MiB image. */
#define PAGING_POOL_TABLES 16

#define PAGE_TABLE_FLAGS (PTE_PRESENT | PTE_WRITE) /* leaves restrict */
#define KERNEL_WINDOW_PDPT_SLOT 510 /* KERNEL_VIRT_BASE >> 30 & 511 */

extern char __kernel_start[], __kernel_end[];
extern char __text_end[], __rodata_end[], __data_end[];
extern char boot_stack_guard[];

static uint64_t paging_pool[PAGING_POOL_TABLES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static unsigned paging_pool_used;

static uint64_t paging_addr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Image addresses only: the image is mapped at KERNEL_VIRT_BASE + phys. */
static uint64_t paging_image_phys(const void *p)
{
	return paging_addr(p) - KERNEL_VIRT_BASE;
}

/* The tables come zeroed (.bss), so every entry starts not present. */
static uint64_t *paging_alloc_table(void)
{
	if (paging_pool_used == PAGING_POOL_TABLES)
		panic("paging: the kernel image needs more than %d boot page tables; "
		      "raise PAGING_POOL_TABLES",
		      PAGING_POOL_TABLES);
	return paging_pool[paging_pool_used++];
}

static bool paging_is_stack_guard(uint64_t va)
{
	return va >= paging_addr(boot_stack_guard) && va < paging_addr(boot_stack_guard) + PAGE_SIZE;
}

/* The permissions of the image page at va in the kernel window; 0 for the
 * guard page. */
static uint64_t paging_image_flags(uint64_t va)
{
	if (va < paging_addr(__text_end))
		return PTE_PRESENT | PTE_GLOBAL;
	if (va < paging_addr(__rodata_end))
		return PTE_PRESENT | PTE_GLOBAL | PTE_NX;
	if (paging_is_stack_guard(va))
		return 0;
	if (va < paging_addr(__data_end))
		return PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | PTE_NX;
	return PTE_PRESENT | PTE_GLOBAL | PTE_NX; /* the symbol table */
}

/* The same page seen through the direct map: never executable, and the
 * guard page is an ordinary page there. */
static uint64_t paging_alias_flags(uint64_t va)
{
	uint64_t flags = paging_image_flags(va);

	if (flags == 0)
		flags = PTE_PRESENT | PTE_WRITE | PTE_GLOBAL;
	return flags | PTE_NX;
}

/* The page table for the 2 MiB of the kernel window at va. */
static uint64_t *paging_window_table(uint64_t *pd, uint64_t va)
{
	uint64_t *entry = &pd[va >> 21 & (PT_ENTRIES - 1)];

	if (!(*entry & PTE_PRESENT))
		*entry = paging_image_phys(paging_alloc_table()) | PAGE_TABLE_FLAGS;
	return (uint64_t *)(uintptr_t)((*entry & PTE_ADDR_MASK) + KERNEL_VIRT_BASE);
}

static uint64_t *paging_build_kernel_window(void)
{
	uint64_t *pd = paging_alloc_table();

	for (uint64_t va = paging_addr(__kernel_start); va < paging_addr(__kernel_end); va += PAGE_SIZE) {
		uint64_t flags = paging_image_flags(va);
		uint64_t *pt = paging_window_table(pd, va);

		pt[va >> 12 & (PT_ENTRIES - 1)] = flags ? (va - KERNEL_VIRT_BASE) | flags : 0;
	}
	return pd;
}

/* Replaces the direct map's 2 MiB page at index pdi with 4 KiB pages:
 * the image's with its alias permissions, the others rw- as before. */
static void paging_split_direct_map(unsigned pdi)
{
	uint64_t *pt = paging_alloc_table();
	uint64_t base = (uint64_t)pdi * LARGE_PAGE_SIZE;
	uint64_t image_start = paging_image_phys(__kernel_start);
	uint64_t image_end = paging_image_phys(__kernel_end);

	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t phys = base + (uint64_t)i * PAGE_SIZE;
		bool in_image = phys >= image_start && phys < image_end;

		pt[i] = phys | (in_image ? paging_alias_flags(phys + KERNEL_VIRT_BASE)
					 : PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | PTE_NX);
	}
	boot_pd[pdi] = paging_image_phys(pt) | PAGE_TABLE_FLAGS;
}

static void paging_restrict_direct_map(void)
{
	unsigned first = paging_image_phys(__kernel_start) / LARGE_PAGE_SIZE;
	unsigned last = (paging_image_phys(__kernel_end) - 1) / LARGE_PAGE_SIZE;

	for (unsigned i = 0; i < DIRECT_MAP_PDS * PT_ENTRIES; i++)
		boot_pd[i] |= PTE_NX | PTE_GLOBAL;
	for (unsigned i = first; i <= last; i++)
		paging_split_direct_map(i);
}

/**
 * paging_init() - Switch to the kernel's final mappings.
 *
 * Context: once, from start_kernel() on the boot stack (in .bss, which
 * stays mapped throughout), after the GDT base has moved to the higher half.
 * Afterwards nothing is mapped below the direct map.
 */
void paging_init(void)
{
	uint64_t *window = paging_build_kernel_window();

	/* The running code's mapping changes from the boot 2 MiB pages to the
	 * window's 4 KiB ones; both map the same frames, and the CR3 write
	 * flushes whichever the TLB held. */
	boot_pdpt_kernel[KERNEL_WINDOW_PDPT_SLOT] = paging_image_phys(window) | PAGE_TABLE_FLAGS;
	boot_pml4[0] = 0; /* the identity map */
	cpu_write_cr3(cpu_read_cr3());

	/* Only the direct map uses the boot page directories now. */
	paging_restrict_direct_map();
	cpu_write_cr3(cpu_read_cr3());
	/* Turning PGE on flushes the TLB again, global entries included. */
	cpu_write_cr4(cpu_read_cr4() | CR4_PGE);
}

bool paging_is_readable(uint64_t addr, uint64_t len)
{
	uint64_t end = addr + len;

	if (end < addr)
		return false;
	if (addr >= DIRECT_MAP_BASE && end <= DIRECT_MAP_BASE + DIRECT_MAP_SIZE)
		return true;
	if (addr < paging_addr(__kernel_start) || end > paging_addr(__kernel_end))
		return false;
	return !paging_is_stack_guard(addr) && !paging_is_stack_guard(end - 1);
}
