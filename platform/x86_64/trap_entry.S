/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupt and exception entry: one stub per vector (trap.c points the IDT
 * at them through trap_stubs) that gives every frame the same shape, and
 * trap_common, which saves the registers as a struct trap_frame (trap.h)
 * and calls trap_dispatch().
 */
#include "layout.h"

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
 * stub pushed the rest up to the vector. The pushes below complete a struct
 * trap_frame, whose size keeps %rsp 16-byte aligned at the call.
 */
	.type trap_common, @function
trap_common:
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
