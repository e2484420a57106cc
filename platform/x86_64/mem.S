/* SPDX-License-Identifier: Apache-2.0 */
/*
 * memset, memcpy, memmove and memcmp for the kernel: the compiler emits
 * calls to them (struct copies, __builtin_memcpy) and components use the
 * builtins. String instructions are short and, with ERMS, fast enough.
 * Written in assembly so the compiler cannot turn them into calls to
 * themselves.
 */

	.text

/* void *memset(void *dst, int c, size_t n) */
	.globl memset
	.type memset, @function
memset:
	movq %rdi, %r9
	movl %esi, %eax
	movq %rdx, %rcx
	rep stosb
	movq %r9, %rax
	ret
	.size memset, . - memset

/* void *memcpy(void *dst, const void *src, size_t n) */
	.globl memcpy
	.type memcpy, @function
memcpy:
	movq %rdi, %rax
	movq %rdx, %rcx
	rep movsb
	ret
	.size memcpy, . - memcpy

/* void *memmove(void *dst, const void *src, size_t n): copies backwards
 * when dst overlaps the end of src. */
	.globl memmove
	.type memmove, @function
memmove:
	movq %rdi, %rax
	movq %rdx, %rcx
	movq %rdi, %r8
	subq %rsi, %r8
	cmpq %rdx, %r8
	jb 1f /* unsigned: 0 <= dst - src < n */
	rep movsb
	ret
1:	leaq -1(%rdi, %rdx), %rdi
	leaq -1(%rsi, %rdx), %rsi
	std
	rep movsb
	cld
	ret
	.size memmove, . - memmove

/* int memcmp(const void *a, const void *b, size_t n) */
	.globl memcmp
	.type memcmp, @function
memcmp:
	xorl %eax, %eax
	movq %rdx, %rcx
	testq %rcx, %rcx
	jz 1f
	repe cmpsb
	je 1f
	movzbl -1(%rdi), %eax
	movzbl -1(%rsi), %ecx
	subl %ecx, %eax
1:	ret
	.size memcmp, . - memcmp

	.section .note.GNU-stack, "", @progbits
