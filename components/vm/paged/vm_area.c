/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sorted list of a space's areas: lookup, insertion, splitting,
 * unmapping a range and finding room for a new mapping. Callers hold the
 * space's lock; see struct vm_area for why a list.
 */
#include "paged.h"

/* Linux keeps at least this much room between the stack and mmap_base. */
#define VM_MMAP_MIN_GAP (128ull << 20)

/**
 * vm_area_find() - The area holding an address.
 * Return: the area, or NULL when @va lies in no area.
 */
struct vm_area *vm_area_find(const struct vm_space *space, vaddr_t va)
{
	for (struct vm_area *a = space->areas; a && a->start <= va; a = a->next)
		if (va < a->end)
			return a;
	return NULL;
}

/**
 * vm_area_above() - The lowest area starting above an address.
 * Return: the area, or NULL.
 */
struct vm_area *vm_area_above(const struct vm_space *space, vaddr_t va)
{
	struct vm_area *a = space->areas;

	while (a && a->start <= va)
		a = a->next;
	return a;
}

/**
 * vm_range_is_free() - Whether no area overlaps [start, end).
 */
bool vm_range_is_free(const struct vm_space *space, vaddr_t start, vaddr_t end)
{
	for (struct vm_area *a = space->areas; a && a->start < end; a = a->next)
		if (a->end > start)
			return false;
	return true;
}

/**
 * vm_range_is_covered() - Whether areas cover every page of [start, end), without holes.
 */
bool vm_range_is_covered(const struct vm_space *space, vaddr_t start, vaddr_t end)
{
	vaddr_t next = start;

	for (struct vm_area *a = space->areas; a && next < end; a = a->next) {
		if (a->end <= next)
			continue;
		if (a->start > next)
			return false;
		next = a->end;
	}
	return next >= end;
}

/**
 * vm_area_copy() - Allocate an area equal to @model, taking its own file reference.
 * @model: what to copy; its next is not.
 * @out: set to the copy.
 *
 * Return: 0, or -ENOMEM.
 */
int vm_area_copy(const struct vm_area *model, struct vm_area **out)
{
	struct vm_area *a;

	if (heap_alloc(sizeof(*a), (void **)&a) != 0)
		return -ENOMEM;
	*a = *model;
	a->next = NULL;
	if (a->file)
		vfs_file_get(a->file);
	*out = a;
	return 0;
}

/**
 * vm_area_free() - Free an unlinked area and drop its file reference.
 */
void vm_area_free(struct vm_area *area)
{
	if (area->file)
		vfs_file_put(area->file);
	heap_free(area);
}

/**
 * vm_area_insert() - Link an area into its place; it must overlap none.
 */
void vm_area_insert(struct vm_space *space, struct vm_area *area)
{
	struct vm_area **link = &space->areas;

	while (*link && (*link)->start < area->start)
		link = &(*link)->next;
	area->next = *link;
	*link = area;
}

/**
 * vm_spares_get() - Allocate the two spare areas a split-range change may need.
 * Return: 0, or -ENOMEM (nothing held).
 */
int vm_spares_get(struct vm_spares *spares)
{
	spares->area[1] = NULL;
	if (heap_alloc(sizeof(struct vm_area), (void **)&spares->area[0]) != 0)
		return -ENOMEM;
	if (heap_alloc(sizeof(struct vm_area), (void **)&spares->area[1]) != 0) {
		heap_free(spares->area[0]);
		return -ENOMEM;
	}
	return 0;
}

/**
 * vm_spares_put() - Free the spares a change did not use.
 */
void vm_spares_put(struct vm_spares *spares)
{
	heap_free(spares->area[0]); /* heap_free(NULL) does nothing */
	heap_free(spares->area[1]);
}

static struct vm_area *vm_spare_take(struct vm_spares *spares)
{
	for (int i = 0; i < 2; i++) {
		struct vm_area *a = spares->area[i];

		if (a) {
			spares->area[i] = NULL;
			return a;
		}
	}
	return NULL;
}

/**
 * vm_area_split() - Cut an area in two at a page boundary inside it.
 * @area: the area; keeps [start, @va).
 * @va: strictly inside @area.
 * @spares: gives the area for [@va, end), linked right after @area.
 *
 * A range change splits at most twice, so the spares never run out; the
 * caller got them before it changed anything.
 */
void vm_area_split(struct vm_area *area, vaddr_t va, struct vm_spares *spares)
{
	struct vm_area *upper = vm_spare_take(spares);

	*upper = *area;
	upper->start = va;
	upper->file_off += va - area->start;
	if (upper->file)
		vfs_file_get(upper->file);
	area->end = va;
	area->next = upper;
}

/**
 * vm_unmap_range() - Remove every area and page in [start, end), splitting the areas at its ends.
 * @space: locked.
 * @start: page-aligned.
 * @end: page-aligned, above @start.
 * @spares: from vm_spares_get().
 */
void vm_unmap_range(struct vm_space *space, vaddr_t start, vaddr_t end, struct vm_spares *spares)
{
	struct vm_area **link = &space->areas;

	while (*link && (*link)->end <= start)
		link = &(*link)->next;
	while (*link && (*link)->start < end) {
		struct vm_area *a = *link;

		if (a->start < start) {
			vm_area_split(a, start, spares);
			link = &a->next;
			continue;
		}
		if (a->end > end)
			vm_area_split(a, end, spares);
		vm_pages_unmap(space, a->start, a->end);
		*link = a->next;
		vm_area_free(a);
	}
}

/**
 * vm_area_install() - Put a new area in place of whatever [start, end) held.
 * @space: locked.
 * @model: the new area (its file reference is taken anew).
 *
 * Allocates everything first, so a failure changes nothing.
 * Return: 0, or -ENOMEM.
 */
int vm_area_install(struct vm_space *space, const struct vm_area *model)
{
	struct vm_spares spares;
	struct vm_area *area;
	int err = vm_spares_get(&spares);

	if (err)
		return err;
	err = vm_area_copy(model, &area);
	if (err)
		goto put_spares;
	vm_unmap_range(space, area->start, area->end, &spares);
	vm_area_insert(space, area);
put_spares:
	vm_spares_put(&spares);
	return err;
}

/* Where an area's claim starts for placement: a stack claims the room it
 * may grow into. */
static vaddr_t vm_claim_start(const struct vm_area *a)
{
	vaddr_t floor;

	if (a->kind != VM_AREA_STACK)
		return a->start;
	if (a->end - MMU_USER_BASE <= vm_stack_limit())
		return MMU_USER_BASE;
	floor = a->end - vm_stack_limit();
	return floor < a->start ? floor : a->start;
}

static bool vm_room_is_free(const struct vm_space *space, vaddr_t start, vaddr_t end)
{
	for (struct vm_area *a = space->areas; a; a = a->next)
		if (vm_claim_start(a) < end && a->end > start)
			return false;
	return true;
}

/* The highest gap of at least @len between claims, below @ceiling. */
static vaddr_t vm_place_top_down(const struct vm_space *space, size_t len, vaddr_t ceiling)
{
	vaddr_t low = MMU_USER_BASE, found = 0;

	for (struct vm_area *a = space->areas;; a = a->next) {
		vaddr_t high = a ? vm_claim_start(a) : MMU_USER_END;

		if (high > ceiling)
			high = ceiling;
		if (high > low && high - low >= len)
			found = high - len;
		if (!a || a->end >= ceiling)
			return found;
		if (a->end > low)
			low = a->end;
	}
}

/**
 * vm_place() - Choose where a new mapping goes, as Linux's top-down allocator does.
 * @space: locked.
 * @hint: the caller's address, used (rounded up to a page) when the room there is free; 0 for none.
 * @len: page-aligned length.
 * @ceiling: the highest end allowed: the space's mmap_base, or 2 GiB for MAP_32BIT.
 *
 * Return: the start, or 0 when nothing fits.
 */
vaddr_t vm_place(const struct vm_space *space, vaddr_t hint, size_t len, vaddr_t ceiling)
{
	vaddr_t start = vm_page_up(hint);

	if (hint && start >= MMU_USER_BASE && start < MMU_USER_END && MMU_USER_END - start >= len &&
	    vm_room_is_free(space, start, start + len))
		return start;
	return vm_place_top_down(space, len, ceiling);
}

/**
 * vm_mmap_base() - Where top-down placement starts in a new space.
 *
 * Below the highest stack Linux would place, with room for the stack to
 * grow: the same gap rule as Linux without randomisation.
 * Return: the address.
 */
vaddr_t vm_mmap_base(void)
{
	uint64_t gap = vm_stack_limit() > VM_MMAP_MIN_GAP ? vm_stack_limit() : VM_MMAP_MIN_GAP;

	return VM_PAGE_DOWN(MMU_USER_END - gap);
}
