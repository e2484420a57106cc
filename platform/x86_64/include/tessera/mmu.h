/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User address spaces' page tables on x86_64 (mmu.c), for the kernel's
 * virtual-memory component. The platform owns the page-table format; the
 * caller owns every frame: it passes a frame allocator for page-table pages
 * and keeps its own account (reference counts, copy-on-write) of the frames
 * it maps. The kernel half (PML4 slots 256-511) is shared by every space.
 */
#ifndef TESSERA_MMU_H
#define TESSERA_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* User addresses are [MMU_USER_BASE, MMU_USER_END): the lower canonical
 * half minus its first page (NULL) and its last (as Linux keeps it). */
#define MMU_USER_BASE 0x1000ull
#define MMU_USER_END 0x00007ffffffff000ull
#define MMU_PAGE_SIZE 4096ull

/* Leaf protections; every leaf mapped here is a user page. */
#define MMU_READ 0x1u
#define MMU_WRITE 0x2u
#define MMU_EXEC 0x4u

/* One address space: the physical address of its top-level table. */
struct mmu_space {
	uint64_t root_phys;
};

/* Returns the physical address of a zeroed 4 KiB frame, or 0 when there is
 * none; releases one. For the page tables themselves. */
typedef uint64_t mmu_table_alloc_fn(void *ctx);
typedef void mmu_table_free_fn(uint64_t phys, void *ctx);

/**
 * mmu_space_init() - Make a space with no user mappings.
 * @space: filled in.
 * @alloc: gives the top-level table.
 * @ctx: for @alloc.
 *
 * Return: 0, or -ENOMEM.
 */
int mmu_space_init(struct mmu_space *space, mmu_table_alloc_fn *alloc, void *ctx);

/**
 * mmu_space_release() - Free every page table of the user half and the root.
 * @space: not active on the CPU (see mmu_activate_kernel()).
 * @free: releases each table frame; leaf frames are not touched: unmap
 *        them first, or walk them with mmu_for_each() and free them.
 * @ctx: for @free.
 */
void mmu_space_release(struct mmu_space *space, mmu_table_free_fn *free, void *ctx);

/**
 * mmu_map() - Map one user page, replacing what was there.
 * @space: the space.
 * @va: page-aligned, in [MMU_USER_BASE, MMU_USER_END).
 * @phys: the frame.
 * @prot: MMU_READ | MMU_WRITE | MMU_EXEC; 0 maps nothing (use mmu_unmap()).
 * @alloc: for intermediate tables the walk lacks.
 * @ctx: for @alloc.
 *
 * Flushes the TLB entry when @space is the active one.
 * Return: 0, -EINVAL for a bad @va or @prot, or -ENOMEM.
 */
int mmu_map(struct mmu_space *space, uint64_t va, uint64_t phys, unsigned prot, mmu_table_alloc_fn *alloc,
	    void *ctx);

/**
 * mmu_unmap() - Remove one user page's mapping.
 * Return: the frame it mapped, or 0 when nothing was mapped there.
 */
uint64_t mmu_unmap(struct mmu_space *space, uint64_t va);

/**
 * mmu_query() - What one user page maps to.
 * @phys: set to the frame when mapped; may be NULL.
 * @prot: set to its MMU_* protections when mapped; may be NULL.
 * Return: true when @va's page is mapped.
 */
bool mmu_query(const struct mmu_space *space, uint64_t va, uint64_t *phys, unsigned *prot);

/**
 * mmu_protect() - Change a mapped page's protections (0 is not allowed).
 * Return: 0, or -ENOENT when nothing is mapped at @va.
 */
int mmu_protect(struct mmu_space *space, uint64_t va, unsigned prot);

/* Visits every mapped user page in address order: fork and teardown. The
 * visitor may change the page with mmu_protect() but not map or unmap. */
typedef void mmu_visit_fn(uint64_t va, uint64_t phys, unsigned prot, void *ctx);
void mmu_for_each(const struct mmu_space *space, mmu_visit_fn *visit, void *ctx);

/* Loads @space into CR3 (no-op when it is already loaded). */
void mmu_activate(const struct mmu_space *space);
/* Loads the kernel's own tables (no user half), so a space can be released. */
void mmu_activate_kernel(void);
/* Whether @space is the one loaded in CR3. */
bool mmu_is_active(const struct mmu_space *space);

#endif
