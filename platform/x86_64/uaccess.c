/* SPDX-License-Identifier: Apache-2.0 */
/*
 * <tessera/uaccess.h>: copies between the kernel and user memory. Each
 * checks the range first, then leaves the copy to uaccess.S, whose
 * instructions are in the exception table: a fault on one comes here
 * (uaccess_handle_fault(), from trap.c), goes to the page-fault handler
 * when it is a user page, and otherwise ends the copy with -EFAULT.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/mmu.h>
#include <tessera/uaccess.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "error_numbers.h"
#include "usermode_entry.h"

#define VEC_PAGE_FAULT 14
#define PF_PRESENT (1 << 0)
#define PF_WRITE (1 << 1)

/* One entry of the exception table (uaccess.S, gathered by linker.ld). */
struct uaccess_fixup {
	uint64_t insn;
	uint64_t fixup;
};

extern const struct uaccess_fixup __ex_table_start[], __ex_table_end[];

size_t uaccess_copy(void *dst, const void *src, size_t len);
size_t uaccess_zero(void *dst, size_t len);
long uaccess_strncpy(char *dst, const char *src, size_t max);

bool user_range_ok(uint64_t addr, size_t len)
{
	return addr >= MMU_USER_BASE && addr <= MMU_USER_END && len <= MMU_USER_END - addr;
}

int copy_from_user(void *dst, const void __user *src, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)src, len))
		return -EFAULT;
	return uaccess_copy(dst, src, len) ? -EFAULT : 0;
}

int copy_to_user(void __user *dst, const void *src, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)dst, len))
		return -EFAULT;
	return uaccess_copy(dst, src, len) ? -EFAULT : 0;
}

int clear_user(void __user *dst, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)dst, len))
		return -EFAULT;
	return uaccess_zero(dst, len) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t size)
{
	uint64_t addr = (uint64_t)(uintptr_t)src;
	size_t max;
	long n;

	if (!user_range_ok(addr, 1))
		return -EFAULT;
	/* Never read past user space, however large size is. */
	max = size < MMU_USER_END - addr ? size : MMU_USER_END - addr;
	n = uaccess_strncpy(dst, src, max);
	if (n < 0)
		return -EFAULT;
	if ((size_t)n < max)
		return n;
	/* No NUL in reach: too long for dst, or running out of user space. */
	return max < size ? -EFAULT : -ENAMETOOLONG;
}

static const struct uaccess_fixup *uaccess_find_fixup(uint64_t rip)
{
	for (const struct uaccess_fixup *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == rip)
			return e;
	}
	return NULL;
}

/* Demand paging and copy-on-write inside a copy: 0 when the handler
 * mapped the page, so the instruction may run again. */
static int uaccess_try_page_fault(const struct trap_frame *frame, uint64_t cr2)
{
	platform_page_fault_fn *handler = usermode_page_fault_handler();
	struct user_fault fault = {
		.addr = cr2,
		.write = frame->error_code & PF_WRITE,
		.present = frame->error_code & PF_PRESENT,
		.user_mode = false,
	};
	int err;

	if (!handler || !user_range_ok(cr2, 1))
		return -EFAULT;
	/* Without AC under SMAP this is no copy's access: a kernel bug the
	 * handler must not "fix" (it would map the page and loop). */
	if (uaccess_smap_enabled && !(frame->rflags & RFLAGS_AC))
		return -EFAULT;
	if (frame->rflags & IRQ_RFLAGS_IF)
		irq_enable();
	err = handler(&fault);
	irq_disable();
	return err;
}

/**
 * uaccess_handle_fault() - Recover from a fault in a copy to or from user memory.
 * @frame: the kernel-mode #PF or #GP (a non-canonical address raises #GP).
 * @cr2: the faulting address, for a #PF.
 *
 * Return: true when @frame was at one of uaccess.S's instructions: it then
 * resumes there (the page is now mapped) or at its fixup (-EFAULT).
 */
bool uaccess_handle_fault(struct trap_frame *frame, uint64_t cr2)
{
	const struct uaccess_fixup *e = uaccess_find_fixup(frame->rip);

	if (!e)
		return false;
	if (frame->vector == VEC_PAGE_FAULT && uaccess_try_page_fault(frame, cr2) == 0)
		return true;
	frame->rip = e->fixup;
	return true;
}
