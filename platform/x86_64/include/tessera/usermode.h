/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ring 3 on x86_64 (usermode.c, syscall_entry.S, fpu.c): entering user
 * mode, the SYSCALL entry, the per-thread state a switch must carry (the
 * kernel stack for traps and syscalls, the FS base, the FPU/SSE registers)
 * and the hooks through which user faults reach the kernel's process and
 * virtual-memory components. The platform knows nothing about processes:
 * the kernel registers handlers and loads per-thread state on each switch.
 */
#ifndef TESSERA_USERMODE_H
#define TESSERA_USERMODE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A user thread's registers as saved on entry to the kernel, in Linux's
 * struct pt_regs order. The syscall and trap entries store it at the top
 * of the thread's kernel stack (platform_user_regs() finds it), so a
 * syscall like fork, execve or (later) rt_sigreturn can read and rewrite
 * what the thread returns to user mode with.
 */
struct user_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t orig_rax; /* the syscall number; -1 for a trap */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Space for one thread's FPU/SSE registers (FXSAVE's 512 bytes). */
struct user_fpu {
	uint8_t area[512];
} __attribute__((aligned(16)));

/* Called on the SYSCALL path with interrupts enabled; its result goes to
 * rax. It may rewrite *regs (execve, fork's child does not come here). */
typedef long platform_syscall_fn(struct user_regs *regs);
void platform_set_syscall_handler(platform_syscall_fn *fn);

/*
 * A page fault on a user address, from user mode or from a uaccess copy.
 * Return 0 when the page is now mapped and the access may be retried;
 * a negative errno when it cannot be (then a user-mode access ends in
 * platform_user_fatal_fn, a uaccess copy in -EFAULT). Called with
 * interrupts enabled when the faulting context had them enabled.
 */
struct user_fault {
	uint64_t addr;
	bool write;
	bool exec;
	bool present; /* a protection violation, not a missing page */
	bool user_mode; /* false: a kernel uaccess copy */
};
typedef int platform_page_fault_fn(const struct user_fault *fault);
void platform_set_page_fault_handler(platform_page_fault_fn *fn);

/*
 * An exception in user mode the kernel cannot fix: a page fault the
 * handler refused (SIGSEGV), #GP (SIGSEGV), #UD (SIGILL), #DE and
 * x87/SIMD errors (SIGFPE), #BP (SIGTRAP). Must not return (it ends the
 * thread's process); regs are the user registers at the fault.
 */
typedef void platform_user_fatal_fn(int signo, uint64_t addr, struct user_regs *regs);
void platform_set_user_fatal_handler(platform_user_fatal_fn *fn);

/* Fill *regs to start user code at rip with stack pointer rsp: user
 * segments, interrupts enabled, every other register zero. */
void platform_user_regs_init(struct user_regs *regs, uint64_t rip, uint64_t rsp);

/*
 * The running thread's saved user registers: the top of its kernel stack
 * as given to platform_user_set_kernel_stack(). Valid in a syscall or a
 * trap from user mode, and for a thread about to enter user mode.
 */
struct user_regs *platform_user_regs(void);

/* Leave the kernel for user mode with *regs (copied first, so regs may be
 * anywhere); the registers go through IRET, so any state is exact. */
__attribute__((noreturn)) void platform_user_enter(const struct user_regs *regs);

/*
 * Per-thread state, loaded by the kernel whenever it switches to a thread
 * that runs user code. kernel_stack_top: where traps and syscalls from
 * user mode start (TSS.RSP0 and the SYSCALL stack), rounded down to 16
 * bytes; the struct user_regs lives just below it. The FS base must be a
 * lower-half address (below 0x800000000000): arch_prctl refuses others
 * first; the platform panics on one, as wrmsr would fault.
 */
void platform_user_set_kernel_stack(uint64_t kernel_stack_top);
void platform_set_fs_base(uint64_t base);
uint64_t platform_get_fs_base(void);

/* Saving and restoring user FPU/SSE state across switches; init gives the
 * state a new process starts with (FCW 0x37f, MXCSR 0x1f80). The kernel
 * itself never uses these registers. */
void platform_fpu_init(struct user_fpu *fpu);
void platform_fpu_save(struct user_fpu *fpu);
void platform_fpu_restore(const struct user_fpu *fpu);

/* The CPU features switched on for user mode, for the boot log and
 * /proc/cpuinfo: SMEP, SMAP, ... */
bool platform_has_smep(void);
bool platform_has_smap(void);

#endif
