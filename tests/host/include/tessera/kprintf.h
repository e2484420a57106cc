/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/kprintf.h>: kprintf() is printf to stdout
 * (defined by the thread tests' host_platform.c); ksnprintf() is snprintf. The kernel's formatter
 * takes a subset of printf's conversions, so the text is the same.
 */
#ifndef TESSERA_KPRINTF_H
#define TESSERA_KPRINTF_H

#include <stdarg.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Formatting into a buffer is the C library's, with the same results.
 * Declared here rather than through <stdio.h>, whose SEEK_* macros would
 * clash with the generated Linux ABI header's. */
#include <stddef.h>
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

__attribute__((format(printf, 3, 0))) static inline int kvsnprintf(char *buf, size_t size, const char *fmt,
								   va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

__attribute__((format(printf, 3, 4))) static inline int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#endif
