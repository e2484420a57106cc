/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building a file's text: printf into the buffer, carrying on counting
 * past its end so the caller can tell the text was cut.
 */
#include <stdarg.h>

#include <tessera/kprintf.h>

#include "procfs.h"

void procfs_printf(struct procfs_text *t, const char *fmt, ...)
{
	bool room = t->len < t->size;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(room ? t->buf + t->len : NULL, room ? t->size - t->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}
