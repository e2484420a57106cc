/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kprintf(): formatted output on the early console (the COM1 UART). Used
 * for boot messages and by panic(); format.c does the formatting.
 */
#include <stdarg.h>
#include <stddef.h>

#include <tessera/kprintf.h>

#include "serial.h"

static void kprintf_write(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	serial_write(text, len);
}

static const struct format_sink kprintf_sink = { .write = kprintf_write };

int kvprintf(const char *fmt, va_list ap)
{
	return format_vprint(&kprintf_sink, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
