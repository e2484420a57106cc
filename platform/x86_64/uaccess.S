/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The instructions that touch user memory for uaccess.c, each listed in
 * the exception table (__ex_table: pairs of faulting instruction, fixup)
 * so that a fault inside one reaches uaccess_handle_fault() and, when the
 * page cannot be supplied, the fixup below it, which returns the failure.
 * SMAP's window (RFLAGS.AC) is open only around these instructions.
 */

#define EFAULT 14

/* stac/clac exist only on CPUs with SMAP (else #UD): test the flag. */
	.macro uaccess_open
	testb $1, uaccess_smap_enabled(%rip)
	jz 8f
	stac
8:
	.endm

	.macro uaccess_close
	testb $1, uaccess_smap_enabled(%rip)
	jz 9f
	clac
9:
	.endm

	.macro ex_table insn, fixup
	.pushsection __ex_table, "a"
	.balign 8
	.quad \insn, \fixup
	.popsection
	.endm

	.text

/* size_t uaccess_copy(void *dst, const void *src, size_t len): the number
 * of bytes not copied (0: all). rep movsb stops at the faulting byte with
 * %rcx counting what is left. */
	.globl uaccess_copy
	.type uaccess_copy, @function
uaccess_copy:
	movq %rdx, %rcx
	uaccess_open
1:	rep movsb
	uaccess_close
	xorl %eax, %eax
	ret
2:	uaccess_close
	movq %rcx, %rax
	ret
	ex_table 1b, 2b
	.size uaccess_copy, . - uaccess_copy

/* size_t uaccess_zero(void *dst, size_t len): the bytes not written. */
	.globl uaccess_zero
	.type uaccess_zero, @function
uaccess_zero:
	movq %rsi, %rcx
	xorl %eax, %eax
	uaccess_open
1:	rep stosb
	uaccess_close
	xorl %eax, %eax
	ret
2:	uaccess_close
	movq %rcx, %rax
	ret
	ex_table 1b, 2b
	.size uaccess_zero, . - uaccess_zero

/* long uaccess_strncpy(char *dst, const char *src, size_t max): copies up
 * to max bytes, stopping after a NUL. Return: the length before the NUL,
 * max when none of the max bytes is NUL, or -EFAULT. */
	.globl uaccess_strncpy
	.type uaccess_strncpy, @function
uaccess_strncpy:
	xorl %eax, %eax
	uaccess_open
1:	cmpq %rdx, %rax
	je 3f
2:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 3f
	incq %rax
	jmp 1b
3:	uaccess_close
	ret
4:	uaccess_close
	movq $-EFAULT, %rax
	ret
	ex_table 2b, 4b
	.size uaccess_strncpy, . - uaccess_strncpy

	.section .note.GNU-stack, "", @progbits
