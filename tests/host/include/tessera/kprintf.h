/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/kprintf.h>: kprintf() is printf to stdout
 * (defined by the thread tests' host_platform.c). The kernel's formatter
 * takes a subset of printf's conversions, so the text is the same.
 */
#ifndef TESSERA_KPRINTF_H
#define TESSERA_KPRINTF_H

#include <stdarg.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
