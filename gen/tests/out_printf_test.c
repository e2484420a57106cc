/* SPDX-License-Identifier: Apache-2.0 */
/*
 * out_printf() formats the common conversions itself (out.c) and leaves the
 * rest to vsnprintf: both must give exactly the C library's bytes. Run by
 * ctest (gen/CMakeLists.txt) against the sanitized core.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "out.h"

static int failures;

static void expect_same(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Formats with out_printf() (through out_vprintf) and vsnprintf; compares. */
static void expect_same(const char *fmt, ...)
{
	char want[8192];
	struct out *o = out_new();
	va_list ap, copy;

	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(want, sizeof(want), fmt, copy);
	va_end(copy);
	out_puts(o, "<");
	out_vprintf(o, fmt, ap);
	va_end(ap);
	if (out_len(o) != (size_t)n + 1 || memcmp(out_data(o) + 1, want, (size_t)n) != 0 ||
	    out_data(o)[out_len(o)] != '\0') {
		printf("not ok: format \"%s\": want \"%s\", got \"%s\"\n", fmt, want, out_data(o) + 1);
		failures++;
	}
	out_free(o);
}

int main(void)
{
	expect_same("plain text, no conversion");
	expect_same("%s and %s", "one", "two");
	expect_same("%.*s|%.*s|%.*s", 3, "abcdef", 0, "abc", -1, "whole");
	expect_same("%c%c%%%c", 'a', '-', 'z');
	expect_same("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	expect_same("%i %u %u", -42, 0u, UINT_MAX);
	expect_same("%ld %ld %lu", LONG_MAX, LONG_MIN, ULONG_MAX);
	expect_same("%lld %lld %llu", LLONG_MAX, LLONG_MIN, ULLONG_MAX);
	expect_same("%zu %zd %zd", SIZE_MAX, (ssize_t)-5, (ssize_t)SSIZE_MAX);
	expect_same("%lldLL, %lldLL", -9000000000LL, 17LL);
	/* The C library's own: flags, widths, other conversions, NULL. */
	expect_same("%04x %03o %02x %5s|%-5d|", 0xbeefu, 8u, 7u, "ab", 3);
	expect_same("%s then %04x", "mixed", 0x1fu);
	expect_same("%p %g", (void *)0, 1.5);
	expect_same("%s", (const char *)NULL);
	/* Long output: the buffer grows past its first 4 KiB. */
	char big[6000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	expect_same("[%s|%d]", big, 12345);
	if (failures)
		return 1;
	puts("ok: out_printf matches vsnprintf");
	return 0;
}
