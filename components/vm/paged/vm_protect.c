/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Changing the protection of a range: the mprotect syscall and the vm
 * interface's protect (execve sets its segments' final rights with it).
 */
#include "paged.h"

/**
 * vm_protect_range() - Give every page of [start, end) a new protection, splitting areas at the ends.
 * @space: not locked by the caller.
 * @start: page-aligned.
 * @end: page-aligned, above @start.
 * @prot: VM_PROT_* bits.
 *
 * Checks everything before changing anything.
 * Return: 0; -ENOMEM when a page of the range is in no area (or no
 * memory); -EACCES to make a shared mapping writable.
 */
int vm_protect_range(struct vm_space *space, vaddr_t start, vaddr_t end, uint32_t prot)
{
	struct vm_parked *parking = NULL;
	struct vm_spares spares;
	struct vm_area *a;
	int err;

	vm_lock(space);
	err = -ENOMEM;
	if (!vm_range_is_covered(space, start, end))
		goto unlock;
	err = -EACCES;
	for (a = vm_area_find(space, start); a && a->start < end; a = a->next)
		if (a->shared && (prot & VM_PROT_WRITE))
			goto unlock;
	err = vm_spares_get(&spares);
	if (err)
		goto unlock;
	if (!vm_mmu_prot(prot)) {
		err = vm_park_reserve(space, start, end, &parking);
		if (err)
			goto put_spares;
	}
	for (a = vm_area_find(space, start); a && a->start < end; a = a->next) {
		if (a->start < start) {
			vm_area_split(a, start, &spares);
			continue; /* the next one is the upper half */
		}
		if (a->end > end)
			vm_area_split(a, end, &spares);
		a->prot = prot;
		vm_pages_protect(space, a, &parking);
	}
	vm_park_unused(&parking);
put_spares:
	vm_spares_put(&spares);
unlock:
	vm_unlock(space);
	return err;
}

/**
 * paged_protect() - Change the protection of a range, as mprotect does (vm interface).
 * @space: the space.
 * @addr: page-aligned start.
 * @len: bytes, rounded up to pages.
 * @prot: VM_PROT_* bits.
 *
 * Return: 0; -EINVAL for a bad range or protection, or for a shared
 * mapping made writable; -ENOMEM for pages in no area.
 */
int paged_protect(struct vm_space *space, vaddr_t addr, size_t len, uint32_t prot)
{
	vaddr_t end = vm_page_up(addr + len);
	int err;

	if (addr % PAGE_SIZE || prot & ~VM_PROT_ALL || addr < MMU_USER_BASE || end > MMU_USER_END ||
	    end < addr)
		return -EINVAL;
	if (end == addr)
		return 0;
	err = vm_protect_range(space, addr, end, prot);
	return err == -EACCES ? -EINVAL : err;
}

/**
 * vm_sys_mprotect() - The mprotect syscall, on the caller's space.
 * @start: page-aligned.
 * @len: bytes, rounded up to pages; 0 does nothing.
 * @prot: PROT_READ, PROT_WRITE, PROT_EXEC, PROT_SEM (ignored, as on x86).
 *
 * PROT_GROWSDOWN and PROT_GROWSUP are refused with -EINVAL: the change
 * applies to the range given only.
 * Return: 0, -EINVAL, -ENOMEM (pages in no area, or a range past user
 * space), -EACCES (a shared mapping made writable).
 */
long vm_sys_mprotect(vaddr_t start, size_t len, prot_flags_t prot)
{
	struct vm_space *space = vm_current();
	vaddr_t end = vm_page_up(start + len);

	if (start % PAGE_SIZE || prot & ~(prot_flags_t)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!space || end <= start || start < MMU_USER_BASE || end > MMU_USER_END)
		return -ENOMEM;
	return vm_protect_range(space, start, end, (uint32_t)(prot & VM_PROT_ALL));
}
