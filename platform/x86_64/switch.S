/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Switching between kernel threads' stacks, for the kernel's scheduler
 * (<tessera/context.h>). A switched-out thread's state is its stack: the
 * callee-saved registers and RFLAGS pushed here, above them the return
 * address into whoever called the switch. The C compiler saves every other
 * register around the call, and the kernel uses no FPU or SSE state.
 */

	.text

/* void platform_context_switch(void **save_sp, void *next_sp) */
	.globl platform_context_switch
	.type platform_context_switch, @function
platform_context_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	/* RFLAGS too: each thread resumes with its own interrupt flag. */
	pushfq
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popfq
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size platform_context_switch, . - platform_context_switch

/*
 * Where a new thread's first switch returns to: platform_context_prepare()
 * left the start function in r12 and its argument in r13, and rbp zero so
 * backtraces end here. The start function never returns.
 */
	.globl platform_context_trampoline
	.type platform_context_trampoline, @function
platform_context_trampoline:
	movq %r13, %rdi
	callq *%r12
	ud2
	.size platform_context_trampoline, . - platform_context_trampoline
