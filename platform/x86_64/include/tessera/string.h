/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C string functions kernel code may use: the kernel is freestanding
 * (-nostdinc), so there is no <string.h>. The memory functions are
 * mem.S's (the compiler also calls them for structure copies); the few
 * string functions are small enough to inline here. Host builds of
 * components get the C library's through tests/host/include/tessera/string.h.
 */
#ifndef TESSERA_STRING_H
#define TESSERA_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

static inline size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static inline int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

static inline int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

static inline char *strcpy(char *dst, const char *src)
{
	memcpy(dst, src, strlen(src) + 1);
	return dst;
}

/* As C's: copies at most n bytes and pads with NULs, leaving dst
 * unterminated when src is n bytes or longer. */
static inline char *strncpy(char *dst, const char *src, size_t n)
{
	size_t len = 0;

	while (len < n && src[len])
		len++;
	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst;
}

#endif
