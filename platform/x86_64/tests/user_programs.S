/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Small ring-3 programs for test_user.c, which copies one at a time into
 * the test space's code page (TEST_CODE_VA) and runs it. They are data to
 * the kernel (.rodata, never executed there) and position-independent.
 * Each ends with the EXIT system call, whose registers are its result, or
 * with the exception its test expects.
 */
#include "test_user.h"

	.macro program name
	.globl test_prog_\name, test_prog_\name\()_end
test_prog_\name:
	.endm

	.macro end_program name
test_prog_\name\()_end:
	.endm

	.macro sys_exit
	movl $TEST_SYS_EXIT, %eax
	syscall
	ud2
	.endm

	.section .rodata

/* ECHO with six arguments and callee-saved registers set, then EXIT with
 * rdi = ECHO's result, rsi = rcx and rdx = r11 after it, r10 = the return
 * address the ABI promises in rcx, r8 = rsp, rbx and r15 as they are. */
	program syscall_abi
	movq $TEST_MAGIC_RBX, %rbx
	movq $TEST_MAGIC_R15, %r15
	movl $TEST_SYS_ECHO, %eax
	movl $1, %edi
	movl $2, %esi
	movl $3, %edx
	movl $4, %r10d
	movl $5, %r8d
	movl $6, %r9d
	syscall
1:	leaq 1b(%rip), %r10
	movq %rax, %rdi
	movq %rcx, %rsi
	movq %r11, %rdx
	movq %rsp, %r8
	sys_exit
	end_program syscall_abi

/* A system call, then ud2: the SIGILL report carries rax. */
	program syscall_then_ud2
	movl $TEST_SYS_ECHO, %eax
	syscall
	ud2
	end_program syscall_then_ud2

/* JUMP to label 2 (the kernel rewrites rip; SYSRET would return to the
 * ud2 instead), then EXIT with rdi = JUMP's result, rsi = rcx. */
	program syscall_jump
	leaq 2f(%rip), %rdi
	movl $TEST_SYS_JUMP, %eax
	syscall
	ud2
2:	movq %rax, %rdi
	movq %rcx, %rsi
	sys_exit
	end_program syscall_jump

/* JUMP to the first non-canonical address. */
	program syscall_jump_noncanonical
	movabsq $0x0000800000000000, %rdi
	movl $TEST_SYS_JUMP, %eax
	syscall
	ud2
	end_program syscall_jump_noncanonical

/* Reads a demand page; EXIT with what it read. */
	program read_demand
	movq $TEST_MAGIC_RBX, %rbx
	movl $TEST_DEMAND_VA + 0x2000, %ecx
	movq (%rcx), %rdi
	sys_exit
	end_program read_demand

/* Writes where the page-fault handler refuses. */
	program write_refused
	movl $TEST_REFUSED_VA, %ecx
	movq $1, (%rcx)
	sys_exit
	end_program write_refused

/* Writes into its own (read-only) code page. */
	program write_code
4:	leaq 4b(%rip), %rcx
	movb $0, (%rcx)
	sys_exit
	end_program write_code

	program ud2
	ud2
	end_program ud2

	program cli
	cli
	sys_exit
	end_program cli

	program int3
	int3
	sys_exit
	end_program int3

/* A vector whose gate is DPL 0: #GP. */
	program int_0x40
	int $0x40
	sys_exit
	end_program int_0x40

	program divide_by_zero
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
	divq %rcx
	sys_exit
	end_program divide_by_zero

/* Spins long enough for ticks to interrupt it, then EXIT with rbx and
 * r15 as loaded (rdi: the loop counter, 0). */
	program spin
	movq $TEST_MAGIC_RBX, %rbx
	movq $TEST_MAGIC_R15, %r15
	movl $20000000, %edi
3:	decq %rdi
	jnz 3b
	sys_exit
	end_program spin

/* EXIT with the word at %fs:8. */
	program read_fs
	movq %fs:8, %rdi
	sys_exit
	end_program read_fs

/* Sets xmm0 to a constant; reads xmm0 into rdi. Both then EXIT. */
	program set_xmm0
	movabsq $0x1122334455667788, %rax
	movq %rax, %xmm0
	sys_exit
	end_program set_xmm0

	program get_xmm0
	movq %xmm0, %rdi
	sys_exit
	end_program get_xmm0

	.section .note.GNU-stack, "", @progbits
