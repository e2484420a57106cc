/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The page-fault handler the platform calls for user addresses (registered
 * by vm_paged_init()): demand paging, copy-on-write and stack growth in
 * the calling thread's space. What it refuses becomes SIGSEGV (from user
 * mode) or -EFAULT (from a uaccess copy).
 */
#include "paged.h"

/* Whether an area's protection allows the access, as x86 enforces it:
 * any access right implies reading. */
static bool vm_access_is_allowed(uint32_t prot, const struct user_fault *fault)
{
	if (fault->write)
		return prot & VM_PROT_WRITE;
	if (fault->exec)
		return prot & VM_PROT_EXEC;
	return prot & VM_PROT_ALL;
}

/* A fault just below a stack area grows it, while it stays within the
 * stack limit; returns the area, or NULL. */
static struct vm_area *vm_stack_grow(struct vm_space *space, vaddr_t va)
{
	struct vm_area *above = vm_area_above(space, va);

	if (!above || above->kind != VM_AREA_STACK || above->end - va > vm_stack_limit())
		return NULL;
	/* va lies in no area, so every page from va up to the stack is free. */
	above->start = va;
	return above;
}

static int vm_fault_locked(struct vm_space *space, const struct user_fault *fault)
{
	vaddr_t va = VM_PAGE_DOWN(fault->addr);
	struct vm_area *area = vm_area_find(space, va);
	uint64_t frame;
	unsigned prot;

	if (!area && !(area = vm_stack_grow(space, va)))
		return -EFAULT;
	if (!vm_access_is_allowed(area->prot, fault))
		return -EFAULT;
	if (!mmu_query(&space->mmu, va, &frame, &prot))
		return vm_page_populate(space, area, va);
	if (fault->exec && !(prot & MMU_EXEC)) /* the area allows it: bring the page up to date */
		return mmu_protect(&space->mmu, va, prot | MMU_EXEC) == 0 ? 0 : -EFAULT;
	if (!fault->write || (prot & MMU_WRITE))
		return 0; /* fixed meanwhile by another thread of the space */
	if (area->shared) /* never copied: every sharer writes the one frame */
		return mmu_protect(&space->mmu, va, vm_mmu_prot(area->prot)) == 0 ? 0 : -EFAULT;
	return vm_page_copy_on_write(space, area, va, frame);
}

/**
 * vm_page_fault() - Handle a page fault on a user address in the current space.
 * @fault: what the CPU reported.
 *
 * Return: 0 when the page is mapped and the access may be retried;
 * -EFAULT outside every area, against its protection or without a space;
 * -ENOMEM; or the error reading a file area's page.
 */
int vm_page_fault(const struct user_fault *fault)
{
	struct vm_space *space = vm_current();
	int err;

	if (!space || fault->addr < MMU_USER_BASE || fault->addr >= MMU_USER_END)
		return -EFAULT;
	vm_lock(space);
	err = vm_fault_locked(space, fault);
	vm_unlock(space);
	return err;
}
