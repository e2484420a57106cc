/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Formats one syscall the way strace prints it, from the generated
 * description table (syscall_desc.c). Freestanding: no allocation, no libc;
 * the kernel's CONFIG_SYSCALL_TRACE reuses it, this test drives it on a host.
 */
#ifndef STRACE_FORMAT_H
#define STRACE_FORMAT_H

#include <stddef.h>

#include <tessera/syscall_desc.h>

/*
 * How the formatter reads the caller's memory (strings and buffers): copy up
 * to n bytes at user address addr into dst and return how many were copied,
 * fewer when the memory ends or cannot be read. The kernel passes a
 * copy_from_user() wrapper; a host test reads its own memory.
 */
struct strace_mem {
	size_t (*read)(void *ctx, unsigned long addr, void *dst, size_t n);
	void *ctx;
};

/* Strings and buffers longer than this print their first bytes and "...". */
#define STRACE_STRING_MAX 32

/**
 * strace_format() - Print a finished call: `write(1, "hi\n", 3) = 3`.
 * @buf: where the text goes, always NUL-terminated when size > 0.
 * @size: bytes available in buf.
 * @nr: the syscall number.
 * @args: the six argument registers.
 * @ret: the value the call returned (ignored for a call that never returns).
 * @mem: reads strings and buffers from the caller's memory.
 *
 * Return: the length of the whole text, as snprintf() counts it; the text was
 * cut short when this is >= size.
 */
size_t strace_format(char *buf, size_t size, unsigned long nr, const unsigned long args[6], long ret,
		     const struct strace_mem *mem);

#endif
