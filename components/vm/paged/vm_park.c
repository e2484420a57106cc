/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pages parked by mprotect(PROT_NONE). The platform's page tables have no
 * present-but-inaccessible leaf, so such a page is unmapped and its frame
 * kept here, keyed by address; the first fault after the area becomes
 * accessible again maps the same frame back (vm_pages.c). munmap, fork
 * and teardown treat parked pages like mapped ones, and they count as
 * resident, as Linux counts PROT_NONE pages. Callers hold the space's
 * lock. An unsorted list: parking is rare and the list short.
 */
#include "paged.h"

struct vm_parked {
	struct vm_parked *next;
	vaddr_t va;
	paddr_t frame;
};

static void vm_park_free_nodes(struct vm_parked *list)
{
	while (list) {
		struct vm_parked *next = list->next;

		heap_free(list);
		list = next;
	}
}

/**
 * vm_park_reserve() - Allocate a node for every mapped page of [start, end), before parking them.
 * @space: locked.
 * @spare: set to the list of nodes; give it to vm_park_unused() afterwards.
 *
 * Return: 0, or -ENOMEM (nothing held).
 */
int vm_park_reserve(struct vm_space *space, vaddr_t start, vaddr_t end, struct vm_parked **spare)
{
	*spare = NULL;
	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct vm_parked *node;

		if (!mmu_query(&space->mmu, va, NULL, NULL))
			continue;
		if (heap_alloc(sizeof(*node), (void **)&node) != 0) {
			vm_park_unused(spare);
			return -ENOMEM;
		}
		node->next = *spare;
		*spare = node;
	}
	return 0;
}

/**
 * vm_park_unused() - Free the reserved nodes parking did not use.
 */
void vm_park_unused(struct vm_parked **spare)
{
	vm_park_free_nodes(*spare);
	*spare = NULL;
}

/**
 * vm_park_page() - Unmap a page and keep its frame for when its area is accessible again.
 * @space: locked.
 * @va: a mapped page.
 * @spare: nodes from vm_park_reserve(), which counted this page.
 */
void vm_park_page(struct vm_space *space, vaddr_t va, struct vm_parked **spare)
{
	struct vm_parked *node = *spare;

	*spare = node->next;
	node->va = va;
	node->frame = mmu_unmap(&space->mmu, va);
	node->next = space->parked;
	space->parked = node;
}

/**
 * vm_park_find() - The frame parked at a page, if any.
 * Return: true, with *@frame set, when @va has a parked frame.
 */
bool vm_park_find(const struct vm_space *space, vaddr_t va, paddr_t *frame)
{
	for (const struct vm_parked *p = space->parked; p; p = p->next) {
		if (p->va == va) {
			*frame = p->frame;
			return true;
		}
	}
	return false;
}

/**
 * vm_park_forget() - Drop the entry of a page whose frame was mapped back.
 */
void vm_park_forget(struct vm_space *space, vaddr_t va)
{
	for (struct vm_parked **link = &space->parked; *link; link = &(*link)->next) {
		struct vm_parked *p = *link;

		if (p->va == va) {
			*link = p->next;
			heap_free(p);
			return;
		}
	}
}

/**
 * vm_park_release() - Drop the parked frames of [start, end), as munmap drops mapped ones.
 * @space: locked.
 */
void vm_park_release(struct vm_space *space, vaddr_t start, vaddr_t end)
{
	struct vm_parked **link = &space->parked;

	while (*link) {
		struct vm_parked *p = *link;

		if (p->va < start || p->va >= end) {
			link = &p->next;
			continue;
		}
		*link = p->next;
		vm_frame_put(p->frame);
		space->resident--;
		heap_free(p);
	}
}

/**
 * vm_park_fork() - Give a forked child the parent's parked pages, shared.
 * @parent: locked.
 * @child: not yet visible to anyone.
 *
 * Return: 0, or -ENOMEM (what the child got is freed with it).
 */
int vm_park_fork(struct vm_space *parent, struct vm_space *child)
{
	for (const struct vm_parked *p = parent->parked; p; p = p->next) {
		struct vm_parked *copy;

		if (heap_alloc(sizeof(*copy), (void **)&copy) != 0)
			return -ENOMEM;
		if (vm_frame_share(p->frame) != 0) {
			heap_free(copy);
			return -ENOMEM;
		}
		*copy = *p;
		copy->next = child->parked;
		child->parked = copy;
		child->resident++;
	}
	return 0;
}
