/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C half of the SYSCALL entry (syscall_entry.S): runs the registered
 * handler on the saved registers and decides how to return. SYSRET restores
 * rip from rcx and rflags from r11, so it is only used when the frame is
 * still the plain return the entry saved; anything the kernel rewrote
 * (execve, a signal frame) goes back through IRET, which restores all.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/mmu.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "error_numbers.h"
#include "usermode_entry.h"

/*
 * Intel's SYSRET raises #GP in ring 0, on the user stack, when rcx is not
 * canonical; a syscall in the lower half's last page would return to the
 * first non-canonical address. So, as Linux does, SYSRET only below
 * MMU_USER_END, and never with TF or RF to restore.
 */
static bool syscall_can_sysret(const struct user_regs *regs)
{
	return regs->rcx == regs->rip && regs->r11 == regs->rflags && regs->rip < MMU_USER_END &&
	       !(regs->rflags & (RFLAGS_TF | RFLAGS_RF));
}

bool usermode_syscall_dispatch(struct user_regs *regs)
{
	platform_syscall_fn *fn = usermode_syscall_handler();

	if (fn)
		regs->rax = (uint64_t)fn(regs);
	else
		regs->rax = (uint64_t)-ENOSYS;
	/* A rewritten rflags that had to be corrected no longer equals r11,
	 * so it goes through IRET too. */
	usermode_sanitize(regs);
	return syscall_can_sysret(regs);
}
