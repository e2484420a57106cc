/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initial user stack of a new program, laid out exactly as Linux's
 * create_elf_tables() does: argc, argv[], NULL, envp[], NULL, the
 * auxiliary vector, then (higher up) the 16 AT_RANDOM bytes, the
 * "x86_64" platform string, the argument and environment strings, the
 * program's path (AT_EXECFN) and an 8-byte zero at the very top. A pure
 * function: execve copies the image out; the host tests check it.
 */
#ifndef PROC_UNIX_EXEC_STACK_H
#define PROC_UNIX_EXEC_STACK_H

#include <stddef.h>
#include <stdint.h>

/* Auxiliary vector keys (Linux's AT_*). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define EXEC_STACK_AUXV_PAIRS 18 /* AT_NULL included */

struct exec_stack_in {
	const char *strings; /* argc argv strings then envc envp strings, each NUL terminated */
	size_t strings_len;
	uint32_t argc;
	uint32_t envc;
	const char *execfn; /* the path execve was given */
	uint8_t random[16];
	uint64_t phdr, phnum, entry, hwcap; /* for the auxiliary vector */
	uint64_t stack_top; /* one past the stack's highest byte, page aligned */
};

/**
 * exec_stack_size() - Bytes the stack image of @in takes below stack_top.
 */
size_t exec_stack_size(const struct exec_stack_in *in);

/**
 * exec_stack_build() - Lay out the stack image.
 * @in: what goes on it.
 * @img: receives the bytes from the new stack pointer up to stack_top.
 * @img_len: exactly exec_stack_size(in) bytes.
 *
 * Return: the new stack pointer (16-byte aligned; argc is there).
 */
uint64_t exec_stack_build(const struct exec_stack_in *in, uint8_t *img, size_t img_len);

#endif
