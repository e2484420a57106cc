/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform functions the kernel's benchmark code (components/core/
 * kernel/bench.c) calls, for the host benchmark programs: kprintf() to
 * stdout (the kernel's formatter accepts a subset of printf's conversions,
 * so printf prints the same text) and the TSC rate, measured here against
 * CLOCK_MONOTONIC as the kernel measures it against the PIT.
 */
#include <tessera/clock.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "host_clock.h"

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* Measured once, on first use, as the kernel calibrates once at boot. */
uint64_t platform_tsc_hz(void)
{
	static uint64_t hz;

	if (!hz)
		hz = host_tsc_hz();
	return hz;
}

/* The allocators' spinlocks panic on a deadlock; here that ends the run. */
void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("PANIC: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}
