/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kprintf() and ksnprintf() for console drivers on the host (see
 * include/tessera/kprintf.h): kprintf() appends to a log the suite reads
 * back, as the kernel's log would hold it.
 */
#include <stdarg.h>
#include <stdio.h>

#include <tessera/kprintf.h>

static char host_log[8192];
static size_t host_log_len;

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(host_log + host_log_len, sizeof(host_log) - host_log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		host_log_len += (size_t)n < sizeof(host_log) - host_log_len ? (size_t)n : sizeof(host_log) - host_log_len - 1;
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

const char *host_kprintf_log(void)
{
	return host_log;
}

void host_kprintf_clear(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
}
