/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupt and exception entry: one stub per vector (trap.c points the IDT
 * at them through trap_stubs) that gives every frame the same shape, and
 * trap_common, which saves the registers as a struct trap_frame (trap.h)
 * and calls trap_dispatch(), or for a trap from ring 3 as a struct
 * user_regs and calls user_trap_dispatch() (user_trap.c).
 */
#include "layout.h"
#include "user_frame.h"

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) (((v) == 8) | (((v) >= 10) & ((v) <= 14)) | ((v) == 17) | \
			   ((v) == 21) | ((v) == 29) | ((v) == 30))

	.altmacro
	.macro trap_stub vector
	.type trap_stub_\vector, @function
trap_stub_\vector:
	.if HAS_ERROR_CODE(\vector) == 0
	pushq $0 /* so every frame has an error code */
	.endif
	pushq $\vector
	jmp trap_common
	.size trap_stub_\vector, . - trap_stub_\vector
	.endm

	.macro trap_stub_address vector
	.quad trap_stub_\vector
	.endm

	.text
	.set vector, 0
	.rept 256
	trap_stub %vector
	.set vector, vector + 1
	.endr

/*
 * The CPU pushed ss, rsp, rflags, cs, rip (and maybe an error code); the
 * stub pushed the rest up to the vector. A trap from ring 3 goes to
 * trap_from_user; from ring 0 the pushes below complete a struct
 * trap_frame, whose size keeps %rsp 16-byte aligned at the call.
 */
	.type trap_common, @function
trap_common:
	/* RFLAGS.AC may be set (user code owns it; a uaccess copy sets it):
	 * the handler must not inherit SMAP's open window. IRET restores it. */
	testb $1, uaccess_smap_enabled(%rip)
	jz 1f
	clac
1:	testb $3, 24(%rsp) /* the CPL in the saved cs */
	jnz trap_from_user
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call trap_dispatch
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp /* the vector and the error code */
	iretq
	.size trap_common, . - trap_common

/*
 * From ring 3 the CPU switched to TSS.RSP0, the thread's kernel stack top,
 * so the frame becomes a struct user_regs there (platform_user_regs()
 * finds it): the error code sits in orig_rax's slot and the vector's slot
 * takes rdi. user_trap_dispatch() gets the vector and the error code as
 * arguments and orig_rax reads -1, as for any trap.
 */
	.type trap_from_user, @function
trap_from_user:
	xchgq %rdi, (%rsp) /* rdi into its slot; the vector into %rdi */
	pushq %rsi
	pushq %rdx
	pushq %rcx
	pushq %rax
	push_user_regs_low
	cld
	movq %rdi, %rsi
	movq USER_REGS_ORIG_RAX(%rsp), %rdx /* the error code, in orig_rax's slot */
	movq $-1, USER_REGS_ORIG_RAX(%rsp)
	movq %rsp, %rdi
	subq $8, %rsp /* 21 slots: realign to 16 for the call */
	call user_trap_dispatch
	cli
	addq $8, %rsp
	jmp user_return_iret
	.size trap_from_user, . - trap_from_user

	.section .rodata
	.balign 8
	.globl trap_stubs
	.type trap_stubs, @object
trap_stubs:
	.set vector, 0
	.rept 256
	trap_stub_address %vector
	.set vector, vector + 1
	.endr
	.size trap_stubs, . - trap_stubs

	.section .note.GNU-stack, "", @progbits
