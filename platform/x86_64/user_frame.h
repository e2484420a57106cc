/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The struct user_regs frame (<tessera/usermode.h>, Linux's pt_regs order)
 * as the assembly builds and takes it apart: slot offsets, and the register
 * saves and restores the SYSCALL entry (syscall_entry.S) and the traps from
 * ring 3 (trap_entry.S) share.
 */
#ifndef TESSERA_X86_64_USER_FRAME_H
#define TESSERA_X86_64_USER_FRAME_H

/* Byte offsets in the frame, from its lowest slot (r15). */
#define USER_REGS_ORIG_RAX (15 * 8)
#define USER_REGS_RSP (19 * 8)

#ifdef __ASSEMBLER__
/* The frame's low ten slots, after rax's: r8 up to r15 with rbx and rbp in
 * pt_regs' order. */
.macro push_user_regs_low
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

/* Every general register from the frame, r15 up to rdi; orig_rax and the
 * hardware part (rip, cs, rflags, rsp, ss) stay on the stack. */
.macro pop_user_gprs
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rax
	popq %rcx
	popq %rdx
	popq %rsi
	popq %rdi
.endm
#endif

#endif
