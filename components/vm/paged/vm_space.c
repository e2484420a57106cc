/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The life of an address space: the component's init, create, fork,
 * references, teardown and activation (vm interface). The process layer
 * calls these; activate runs in the thread switch hook.
 */

#include <tessera/panic.h>

#include "paged.h"

/**
 * vm_paged_init() - Forget every frame count and take the platform's user page faults.
 *
 * Return: 0.
 */
int vm_paged_init(void)
{
	vm_frames_reset();
	platform_set_page_fault_handler(vm_page_fault);
	return 0;
}

/**
 * vm_current() - The calling thread's space (its thread_ctx.mm), or NULL for a kernel thread.
 */
struct vm_space *vm_current(void)
{
	return thread_ctx(NULL)->mm;
}

/**
 * vm_lock() - Take a space's mutex.
 *
 * vm code never touches user memory, so no fault can come back into vm
 * while it holds the lock: a relock is a broken invariant.
 */
void vm_lock(struct vm_space *space)
{
	if (mutex_lock(&space->lock) != 0)
		panic("vm: a space's lock taken twice by one thread");
}

/**
 * vm_unlock() - Release a space's mutex, which the caller holds.
 */
void vm_unlock(struct vm_space *space)
{
	if (mutex_unlock(&space->lock) != 0)
		panic("vm: unlocking a space the caller does not hold");
}

static int vm_space_alloc(struct vm_space **out)
{
	struct vm_space *space;
	int err;

	if (heap_alloc(sizeof(*space), (void **)&space) != 0)
		return -ENOMEM;
	__builtin_memset(space, 0, sizeof(*space));
	space->refs = 1;
	space->mmap_base = vm_mmap_base();
	mutex_init(&space->lock);
	err = mmu_space_init(&space->mmu, vm_table_alloc, NULL);
	if (err) {
		heap_free(space);
		return -ENOMEM;
	}
	*out = space;
	return 0;
}

/**
 * paged_space_create() - Make an empty address space.
 * @space: set to it, holding one reference.
 *
 * Return: 0, or -ENOMEM.
 */
int paged_space_create(struct vm_space **space)
{
	return vm_space_alloc(space);
}

struct vm_fork_walk {
	struct vm_space *child;
	struct vm_space *parent;
	const struct vm_area *area; /* the parent's area of the last page seen */
	int err;
};

/* One page of the parent: shared with the child, both read-only unless
 * the area is shared. Visited in address order, so the area cursor only
 * moves up. */
static void vm_fork_page(uint64_t va, uint64_t frame, unsigned prot, void *ctx)
{
	struct vm_fork_walk *walk = ctx;

	if (walk->err)
		return;
	while (walk->area->end <= va)
		walk->area = walk->area->next;
	if (!walk->area->shared)
		prot &= ~MMU_WRITE;
	walk->err = vm_frame_share(frame);
	if (walk->err)
		return;
	walk->err = mmu_map(&walk->child->mmu, va, frame, prot, vm_table_alloc, NULL);
	if (walk->err) {
		vm_frame_put(frame);
		return;
	}
	walk->child->resident++;
	if (mmu_protect(&walk->parent->mmu, va, prot) != 0)
		panic("vm: fork lost page %#llx", (unsigned long long)va);
}

static int vm_fork_areas(struct vm_space *parent, struct vm_space *child)
{
	struct vm_area **tail = &child->areas;

	for (const struct vm_area *a = parent->areas; a; a = a->next) {
		int err = vm_area_copy(a, tail);

		if (err)
			return err;
		tail = &(*tail)->next;
	}
	return 0;
}

/**
 * paged_space_fork() - Copy a space for fork: areas copied, pages shared copy-on-write.
 * @parent: the space to copy (the caller's, usually).
 * @child: set to the copy, holding one reference.
 *
 * Return: 0, or -ENOMEM.
 */
int paged_space_fork(struct vm_space *parent, struct vm_space **child)
{
	struct vm_fork_walk walk = { .parent = parent, .area = parent->areas };
	int err = vm_space_alloc(&walk.child);

	if (err)
		return err;
	vm_lock(parent);
	err = vm_fork_areas(parent, walk.child);
	if (!err) {
		walk.child->brk_start = parent->brk_start;
		walk.child->brk = parent->brk;
		walk.child->mmap_base = parent->mmap_base;
		mmu_for_each(&parent->mmu, vm_fork_page, &walk);
		err = walk.err ? walk.err : vm_park_fork(parent, walk.child);
	}
	vm_unlock(parent);
	if (err)
		goto put_child;
	*child = walk.child;
	return 0;
put_child:
	paged_space_put(walk.child);
	return -ENOMEM;
}

/**
 * paged_space_get() - Take another reference to a space.
 */
void paged_space_get(struct vm_space *space)
{
	__atomic_fetch_add(&space->refs, 1, __ATOMIC_RELAXED);
}

static void vm_free_page(uint64_t va, uint64_t frame, unsigned prot, void *ctx)
{
	(void)va;
	(void)prot;
	(void)ctx;
	vm_frame_put(frame);
}

/**
 * paged_space_put() - Drop a reference; the last frees the pages, the page tables and the areas.
 *
 * When the space is the CPU's active one, the kernel's own tables are
 * loaded first (the caller is switching away from it for good).
 */
void paged_space_put(struct vm_space *space)
{
	if (__atomic_sub_fetch(&space->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (mmu_is_active(&space->mmu))
		mmu_activate_kernel();
	mmu_for_each(&space->mmu, vm_free_page, NULL);
	vm_park_release(space, 0, MMU_USER_END);
	mmu_space_release(&space->mmu, vm_table_free, NULL);
	while (space->areas) {
		struct vm_area *a = space->areas;

		space->areas = a->next;
		vm_area_free(a);
	}
	heap_free(space);
}

/**
 * paged_activate() - Load a space's page tables on the CPU (from the switch hook: takes no lock).
 */
void paged_activate(struct vm_space *space)
{
	mmu_activate(&space->mmu);
}

/**
 * paged_resident_pages() - Pages the space has mapped; read without the lock, as a statistic.
 */
size_t paged_resident_pages(struct vm_space *space)
{
	return __atomic_load_n(&space->resident, __ATOMIC_RELAXED);
}
