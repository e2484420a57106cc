/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform-internal side of ring 3 (<tessera/usermode.h>): what the
 * entry code (syscall_entry.S, trap_entry.S) calls, the boot step that
 * switches the CPU's user-mode features on (start.c), and the fault
 * recovery of the uaccess copies (trap.c calls it, uaccess.c holds it).
 */
#ifndef TESSERA_X86_64_USERMODE_ENTRY_H
#define TESSERA_X86_64_USERMODE_ENTRY_H

#include <stdbool.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/usermode.h>

#include "layout.h"

/* The selectors user code runs with (RPL 3). */
#define USER_CS (GDT_USER_CODE | 3)
#define USER_SS (GDT_USER_DATA | 3)

/* Signals the platform reports through platform_user_fatal_fn. */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGSEGV 11

/* user_cpu.c: FPU/SSE, SMEP/SMAP and the SYSCALL MSRs, once at boot
 * (start.c, after trap_init()); prints the "cpu:" line. */
void user_cpu_init(void);

/* syscall_entry.S's stack switch reads this; usermode.c sets it. */
extern uint64_t usermode_syscall_stack;
/* Nonzero when CR4.SMAP is on: the copies and entries then use stac/clac. */
extern uint8_t uaccess_smap_enabled;

/* syscall.c: called by syscall_entry.S with interrupts enabled. Return:
 * true when the frame may go back to user mode with SYSRET. */
bool usermode_syscall_dispatch(struct user_regs *regs);

/* user_trap.c: a trap from ring 3, called by trap_entry.S with the
 * registers saved at the kernel stack's top; interrupts disabled. */
void user_trap_dispatch(struct user_regs *regs, uint64_t vector, uint64_t error_code);

/* usermode.c: the registered hooks (NULL when none). */
platform_syscall_fn *usermode_syscall_handler(void);
platform_page_fault_fn *usermode_page_fault_handler(void);
/* Forces user selectors, IF and IOPL 0 into a frame about to go to ring
 * 3; a rip outside the lower half ends in SIGSEGV (does not return). */
void usermode_sanitize(struct user_regs *regs);
/* Calls the fatal handler; does not return (panics if it does). */
__attribute__((noreturn)) void usermode_fatal(int signo, uint64_t addr, struct user_regs *regs);

/* Whether an address may be handed to IRET or SYSRET as a user RIP. */
static inline bool usermode_is_user_address(uint64_t addr)
{
	return addr < 0x0000800000000000ull;
}

/* uaccess.c: a kernel-mode #PF or #GP; true when it hit a copy to or from
 * user memory and was dealt with (retried after the page-fault handler
 * mapped the page, or sent to the copy's -EFAULT exit). */
bool uaccess_handle_fault(struct trap_frame *frame, uint64_t cr2);

#endif
