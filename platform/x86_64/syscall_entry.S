/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SYSCALL entry (LSTAR points here, user_cpu.c) and the two ways back
 * to ring 3: SYSRET for a plain system call return, IRET (user_return_iret)
 * for everything else: traps from user mode (trap_entry.S), a syscall
 * whose frame the kernel rewrote, and the first entry (usermode.c). Both
 * entries save a struct user_regs (<tessera/usermode.h>) at the top of the
 * thread's kernel stack.
 */
#include "layout.h"
#include "user_frame.h"

#define ENOSYS 38

/* Offsets in struct user_regs. */

	.text

/*
 * The CPU left rcx = user RIP, r11 = user RFLAGS, and RSP untouched;
 * SFMASK cleared IF, DF, TF, AC and NT. With interrupts off and one CPU,
 * a global holds the user RSP until the frame has a slot for it.
 */
	.globl usermode_syscall_entry
	.type usermode_syscall_entry, @function
usermode_syscall_entry:
	movq %rsp, usermode_syscall_user_rsp(%rip)
	movq usermode_syscall_stack(%rip), %rsp
	pushq $(GDT_USER_DATA | 3)
	pushq usermode_syscall_user_rsp(%rip)
	pushq %r11 /* rflags */
	pushq $(GDT_USER_CODE | 3)
	pushq %rcx /* rip */
	pushq %rax /* orig_rax: the number */
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq $-ENOSYS /* rax until a handler answers */
	push_user_regs_low
	movq %rsp, %rdi
	subq $8, %rsp /* 21 slots: realign to 16 for the call */
	sti
	call usermode_syscall_dispatch
	cli
	addq $8, %rsp
	testb %al, %al
	jz user_return_iret
	/* r11 and rcx come back equal to the frame's rflags and rip:
	 * usermode_syscall_dispatch checked. */
	pop_user_gprs
	/* Only rip, cs, rflags, rsp, ss are left; interrupts stay off until
	 * SYSRET loads RFLAGS, so nothing runs on the user stack in ring 0. */
	movq USER_REGS_RSP - USER_REGS_ORIG_RAX(%rsp), %rsp
	sysretq
	.size usermode_syscall_entry, . - usermode_syscall_entry

/*
 * Return to ring 3 from the struct user_regs at %rsp, with interrupts
 * disabled: every register from the frame, exactly, through IRET.
 */
	.globl user_return_iret
	.type user_return_iret, @function
user_return_iret:
	pop_user_gprs
	addq $8, %rsp /* orig_rax */
	iretq
	.size user_return_iret, . - user_return_iret

/* void usermode_iret_to(const struct user_regs *regs): the frame becomes
 * the stack; never returns. usermode.c checked cs, ss, rflags and rip. */
	.globl usermode_iret_to
	.type usermode_iret_to, @function
usermode_iret_to:
	cli
	movq %rdi, %rsp
	jmp user_return_iret
	.size usermode_iret_to, . - usermode_iret_to

	.bss
	.balign 8
	.globl usermode_syscall_stack
usermode_syscall_stack:
	.quad 0
usermode_syscall_user_rsp:
	.quad 0

	.section .note.GNU-stack, "", @progbits
