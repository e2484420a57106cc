/* SPDX-License-Identifier: Apache-2.0 */
/*
 * <tessera/usermode.h>: the hooks the kernel registers for system calls and
 * user faults, the per-thread state it loads on each switch (kernel stack,
 * FS base) and the first entry into ring 3. One CPU: the state is global.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/panic.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "gdt.h"
#include "usermode_entry.h"

/* The flags user code may own: CF PF AF ZF SF TF DF OF RF AC ID. The
 * rest come from the kernel (IOPL 0, no virtual-8086 mode, no nested
 * task), and interrupts stay enabled. */
#define USER_RFLAGS_MASK 0x250dd5ull

void usermode_iret_to(const struct user_regs *regs) __attribute__((noreturn));

static platform_syscall_fn *volatile usermode_syscall_fn;
static platform_page_fault_fn *volatile usermode_page_fault_fn;
static platform_user_fatal_fn *volatile usermode_fatal_fn;
/* The running user thread's kernel stack top (16-byte aligned). */
static uint64_t usermode_kernel_stack_top;

void platform_set_syscall_handler(platform_syscall_fn *fn)
{
	usermode_syscall_fn = fn;
}

platform_syscall_fn *usermode_syscall_handler(void)
{
	return usermode_syscall_fn;
}

void platform_set_page_fault_handler(platform_page_fault_fn *fn)
{
	usermode_page_fault_fn = fn;
}

platform_page_fault_fn *usermode_page_fault_handler(void)
{
	return usermode_page_fault_fn;
}

void platform_set_user_fatal_handler(platform_user_fatal_fn *fn)
{
	usermode_fatal_fn = fn;
}

void usermode_fatal(int signo, uint64_t addr, struct user_regs *regs)
{
	platform_user_fatal_fn *fn = usermode_fatal_fn;

	if (!fn)
		panic("user mode: signal %d at %#lx (rip %#lx) and no fatal handler registered", signo, addr,
		      regs->rip);
	fn(signo, addr, regs);
	panic("user mode: the fatal handler returned (signal %d at %#lx)", signo, addr);
}

void platform_user_regs_init(struct user_regs *regs, uint64_t rip, uint64_t rsp)
{
	*regs = (struct user_regs){
		.orig_rax = (uint64_t)-1,
		.rip = rip,
		.cs = USER_CS,
		.rflags = RFLAGS_FIXED | RFLAGS_IF,
		.rsp = rsp,
		.ss = USER_SS,
	};
}

struct user_regs *platform_user_regs(void)
{
	return (struct user_regs *)(uintptr_t)usermode_kernel_stack_top - 1;
}

/*
 * Whatever the kernel wrote into a frame (execve, a signal return), ring 3
 * gets user selectors, interrupts enabled and no I/O privilege. A rip
 * outside the lower half would fault on the IRET itself, in ring 0.
 */
void usermode_sanitize(struct user_regs *regs)
{
	regs->cs = USER_CS;
	regs->ss = USER_SS;
	regs->rflags = (regs->rflags & USER_RFLAGS_MASK) | RFLAGS_FIXED | RFLAGS_IF;
	if (!usermode_is_user_address(regs->rip))
		usermode_fatal(SIGSEGV, regs->rip, regs);
}

void platform_user_enter(const struct user_regs *regs)
{
	struct user_regs frame = *regs;

	usermode_sanitize(&frame);
	usermode_iret_to(&frame);
}

void platform_user_set_kernel_stack(uint64_t kernel_stack_top)
{
	uint64_t top = kernel_stack_top & ~15ull;
	unsigned long flags = irq_save();

	usermode_kernel_stack_top = top;
	usermode_syscall_stack = top;
	gdt_set_kernel_stack(top);
	irq_restore(flags);
}

void platform_set_fs_base(uint64_t base)
{
	/* wrmsr would #GP in ring 0: callers (arch_prctl) refuse such a base. */
	if (!usermode_is_user_address(base))
		panic("platform_set_fs_base: %#lx is not a user address", base);
	cpu_wrmsr(MSR_FS_BASE, base);
}

uint64_t platform_get_fs_base(void)
{
	return cpu_rdmsr(MSR_FS_BASE);
}
