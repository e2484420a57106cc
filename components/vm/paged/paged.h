/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The paged vm provider's private declarations: the address space and its
 * areas, shared by vm_space.c (life of a space), vm_area.c (the area list
 * and placement), vm_pages.c (pages and page tables), vm_park.c (pages
 * hidden by PROT_NONE), vm_fault.c, vm_mmap.c, vm_protect.c, vm_brk.c and
 * vm_maps.c. vm_frame.h declares the frame reference counts.
 */
#ifndef TESSERA_VM_PAGED_H
#define TESSERA_VM_PAGED_H

#include <tessera/components/vm_paged.h>
#include <tessera/mmu.h>
#include <tessera/usermode.h>

#include "vm_frame.h"

#define VM_PAGE_MASK (PAGE_SIZE - 1)
#define VM_PAGE_DOWN(x) ((x) & ~(vaddr_t)VM_PAGE_MASK)
#define VM_PROT_ALL (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC)

/* What an area holds, for faults and for /proc/<pid>/maps. */
enum vm_area_kind {
	VM_AREA_ANON, /* zero-filled on demand */
	VM_AREA_STACK, /* zero-filled, grows down on faults just below it */
	VM_AREA_HEAP, /* the program break's area: [heap] */
	VM_AREA_FILE, /* filled from a file on demand, private copies */
};

/*
 * One area (VMA): a page-aligned range [start, end) with one protection.
 * A space's areas form a singly linked list sorted by address, without
 * overlaps. A list, not a tree: a process has tens of areas, faults and
 * syscalls walk a few cache lines, and splitting and fork's copy stay a
 * few lines each. Replace it with a tree when programs with
 * thousands of mappings come.
 */
struct vm_area {
	struct vm_area *next; /* the next area up */
	vaddr_t start;
	vaddr_t end;
	uint32_t prot; /* VM_PROT_* */
	enum vm_area_kind kind;
	/* MAP_SHARED: pages are never copied on write; anonymous ones are
	 * allocated at mmap so that a fork shares them. */
	bool shared;
	struct vfs_file *file; /* VM_AREA_FILE: holds a reference */
	uint64_t file_off; /* the file offset of start */
};

struct vm_parked; /* a page parked by PROT_NONE: vm_park.c */

/*
 * One user address space. `lock` (a mutex: faults may sleep reading a
 * file) guards every field below it and the leaves of `mmu`; `refs` is
 * atomic. The intermediate page tables belong to the platform's mmu code.
 */
struct vm_space {
	uint32_t refs;
	struct kmutex lock;
	struct mmu_space mmu;
	struct vm_area *areas;
	vaddr_t brk_start; /* set_brk's start, page-aligned; 0 before set_brk */
	vaddr_t brk; /* the current break, not rounded */
	vaddr_t mmap_base; /* top-down placement starts below it */
	size_t resident; /* pages mapped or parked */
	struct vm_parked *parked; /* frames of PROT_NONE pages */
};

/* Two spare areas, allocated before a change that may split areas, so the
 * change itself cannot fail (a range's two ends split at most two). */
struct vm_spares {
	struct vm_area *area[2];
};

static inline vaddr_t vm_page_up(vaddr_t x)
{
	return (x + VM_PAGE_MASK) & ~(vaddr_t)VM_PAGE_MASK;
}

static inline size_t vm_stack_limit(void)
{
	return (size_t)vm_paged_stack_limit_kib * 1024;
}

/* vm_space.c */
struct vm_space *vm_current(void);
void vm_lock(struct vm_space *space);
void vm_unlock(struct vm_space *space);

/* vm_area.c */
struct vm_area *vm_area_find(const struct vm_space *space, vaddr_t va);
struct vm_area *vm_area_above(const struct vm_space *space, vaddr_t va);
bool vm_range_is_free(const struct vm_space *space, vaddr_t start, vaddr_t end);
bool vm_range_is_covered(const struct vm_space *space, vaddr_t start, vaddr_t end);
int vm_area_copy(const struct vm_area *model, struct vm_area **out);
void vm_area_free(struct vm_area *area);
void vm_area_insert(struct vm_space *space, struct vm_area *area);
int vm_spares_get(struct vm_spares *spares);
void vm_spares_put(struct vm_spares *spares);
void vm_area_split(struct vm_area *area, vaddr_t va, struct vm_spares *spares);
void vm_unmap_range(struct vm_space *space, vaddr_t start, vaddr_t end, struct vm_spares *spares);
int vm_area_install(struct vm_space *space, const struct vm_area *model);
vaddr_t vm_place(const struct vm_space *space, vaddr_t hint, size_t len, vaddr_t ceiling);
vaddr_t vm_mmap_base(void);

/* vm_pages.c */
uint64_t vm_table_alloc(void *ctx);
void vm_table_free(uint64_t phys, void *ctx);
unsigned vm_mmu_prot(uint32_t prot);
int vm_page_populate(struct vm_space *space, const struct vm_area *area, vaddr_t va);
int vm_page_copy_on_write(struct vm_space *space, const struct vm_area *area, vaddr_t va, paddr_t old);
void vm_pages_unmap(struct vm_space *space, vaddr_t start, vaddr_t end);
void vm_pages_protect(struct vm_space *space, const struct vm_area *area, struct vm_parked **spare);

/* vm_park.c */
int vm_park_reserve(struct vm_space *space, vaddr_t start, vaddr_t end, struct vm_parked **spare);
void vm_park_unused(struct vm_parked **spare);
void vm_park_page(struct vm_space *space, vaddr_t va, struct vm_parked **spare);
bool vm_park_find(const struct vm_space *space, vaddr_t va, paddr_t *frame);
void vm_park_forget(struct vm_space *space, vaddr_t va);
void vm_park_release(struct vm_space *space, vaddr_t start, vaddr_t end);
int vm_park_fork(struct vm_space *parent, struct vm_space *child);

/* vm_fault.c */
int vm_page_fault(const struct user_fault *fault);

/* vm_mmap.c */
int vm_protect_range(struct vm_space *space, vaddr_t start, vaddr_t end, uint32_t prot);

#endif
