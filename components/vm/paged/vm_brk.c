/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The program break: set_brk (execve, after loading the program) and the
 * brk syscall. The break starts page-aligned, as Linux's ELF loader puts
 * it; then it moves to the byte, as Linux reports it, and the [heap] area
 * covers [brk_start, page_up(brk)).
 */
#include "paged.h"

/**
 * paged_set_brk() - Set where the break starts: the end of the program's data, rounded up to a page.
 * @space: the space, with no heap area yet.
 * @start: the first byte after the data, not rounded.
 *
 * Return: 0, or -EINVAL for an address outside user space.
 */
int paged_set_brk(struct vm_space *space, vaddr_t start)
{
	if (start < MMU_USER_BASE || start >= MMU_USER_END)
		return -EINVAL;
	vm_lock(space);
	space->brk_start = vm_page_up(start);
	space->brk = space->brk_start;
	vm_unlock(space);
	return 0;
}

/* Extend the heap area over [from, to), free pages above the old break. */
static int vm_brk_grow(struct vm_space *space, vaddr_t from, vaddr_t to)
{
	struct vm_area model = { .start = from, .end = to, .prot = VM_PROT_READ | VM_PROT_WRITE,
				 .kind = VM_AREA_HEAP };
	struct vm_area *below;

	if (to > MMU_USER_END || !vm_range_is_free(space, from, to))
		return -ENOMEM;
	below = from > MMU_USER_BASE ? vm_area_find(space, from - 1) : NULL;
	if (below && below->kind == VM_AREA_HEAP && below->prot == model.prot) {
		below->end = to;
		return 0;
	}
	return vm_area_install(space, &model);
}

static int vm_brk_shrink(struct vm_space *space, vaddr_t from, vaddr_t to)
{
	struct vm_spares spares;
	int err = vm_spares_get(&spares);

	if (err)
		return err;
	vm_unmap_range(space, from, to, &spares);
	vm_spares_put(&spares);
	return 0;
}

static int vm_brk_move(struct vm_space *space, vaddr_t brk)
{
	vaddr_t old_end = vm_page_up(space->brk), new_end = vm_page_up(brk);

	if (brk < space->brk_start || !space->brk_start || new_end < brk)
		return -EINVAL;
	if (new_end > old_end)
		return vm_brk_grow(space, old_end, new_end);
	if (new_end < old_end)
		return vm_brk_shrink(space, new_end, old_end);
	return 0;
}

/**
 * vm_sys_brk() - The brk syscall: move the caller's break.
 * @brk: the new break; below the start (0, say) only asks for the current one.
 *
 * Return: the new break, or the old one when it cannot move (outside the
 * heap's room, or no memory); never an error, as on Linux.
 */
long vm_sys_brk(vaddr_t brk)
{
	struct vm_space *space = vm_current();
	vaddr_t now;

	if (!space)
		return 0;
	vm_lock(space);
	if (vm_brk_move(space, brk) == 0)
		space->brk = brk;
	now = space->brk;
	vm_unlock(space);
	return (long)now;
}
