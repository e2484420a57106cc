/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the kernel's printf formatter (format.c): every conversion,
 * flag, width, precision and length the kernel supports gives exactly what
 * the C library's snprintf gives, plus truncation and the kernel's own %p.
 * Built under ASan and UBSan by CMakeLists.txt (ctest platform_format_test).
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tessera/kprintf.h>

static int format_failures;
static int format_checks;

static void format_compare(int line, const char *fmt, const char *got, int got_n, const char *want, int want_n)
{
	format_checks++;
	if (got_n == want_n && strcmp(got, want) == 0)
		return;
	printf("FAIL line %d: \"%s\": got \"%s\" (%d), want \"%s\" (%d)\n", line, fmt, got, got_n, want, want_n);
	format_failures++;
}

/* Formats with both and compares; a macro only to pass the varargs on. */
#define FORMAT_SAME(...)                                                      \
	do {                                                                  \
		char got_[256], want_[256];                                   \
		int got_n_ = ksnprintf(got_, sizeof(got_), __VA_ARGS__);      \
		int want_n_ = snprintf(want_, sizeof(want_), __VA_ARGS__);    \
		format_compare(__LINE__, #__VA_ARGS__, got_, got_n_, want_, want_n_); \
	} while (0)

static void format_test_integers(void)
{
	/* Not literals, which compilers would warn about: C ignores '0' with a
	 * precision, and hh and h take an int that the callee truncates. */
	const char *volatile zero_and_precision = "[%08.3d] [%-08d] [%08.3x]";
	const char *volatile char_and_short = "%hhd %hhu %hhx %hd %hu %hx";

	FORMAT_SAME("%d %d %d %d %i", 0, 42, -1, INT_MIN, INT_MAX);
	FORMAT_SAME("%u %u %x %X %o", 0u, UINT_MAX, 0xdeadbeefu, 0xdeadbeefu, 0755u);
	FORMAT_SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]", 42, 42, -42, 42, 42, -42);
	FORMAT_SAME("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0x]", 7, -7, 7, 0, 0u);
	FORMAT_SAME(zero_and_precision, 7, 7, 7u);
	FORMAT_SAME("[%#x] [%#X] [%#o] [%#o] [%#.0o] [%#x] [%#08x]", 255u, 255u, 8u, 0u, 0u, 0u, 255u);
	FORMAT_SAME("[%#.5o] [%-#10x] [%016lx] [%+05d] [% 05d]", 8u, 255u, 0xffffffff80100000ul, 3, 3);
	FORMAT_SAME(char_and_short, 300, 300, -1, 70000, 70000, -1);
	FORMAT_SAME("%ld %lu %lx %li", LONG_MIN, ULONG_MAX, ULONG_MAX, LONG_MAX);
	FORMAT_SAME("%lld %llu %llx %llo", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefull, 01234567ull);
	FORMAT_SAME("%zu %zx %zd %td %jd %ju", (size_t)-1, (size_t)4096, (size_t)12, (ptrdiff_t)-5,
		    (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX);
	FORMAT_SAME("[%*d] [%-*d] [%*d] [%.*d] [%.*d]", 6, 1, 6, 1, -6, 1, 4, 1, -1, 1);
}

static void format_test_text(void)
{
	const char *volatile null_string = NULL;

	FORMAT_SAME("%c%c%c [%5c] [%-5c]", 'a', 'b', 'c', 'x', 'y');
	FORMAT_SAME("[%s] [%10s] [%-10s] [%.2s] [%10.2s] [%-10.2s]", "text", "text", "text", "text", "text",
		    "text");
	FORMAT_SAME("[%.*s] [%*s] [%.*s]", 3, "abcdef", -6, "ab", -1, "abc");
	FORMAT_SAME("[%s]", null_string);
	FORMAT_SAME("100%% %d%%", 5);
	FORMAT_SAME("no conversions at all");
	FORMAT_SAME("%s=%d, %s=%#lx\n", "a", 1, "b", 0x10ul);
}

static void format_test_kernel_only(void)
{
	/* Not a literal: the compiler would reject the unknown conversion. */
	const char *volatile unknown = "%y %d";
	char buf[64];
	int n;

	n = ksnprintf(buf, sizeof(buf), "%p|%p|%20p", (void *)0xdeadbeef, (void *)0, (void *)0x1);
	format_compare(__LINE__, "%p", buf, n, "0x00000000deadbeef|0x0000000000000000|  0x0000000000000001",
		       18 * 2 + 2 + 20);
	/* Truncation: the return value is the full length, the buffer ends
	 * in a NUL. */
	n = ksnprintf(buf, 5, "hello %s", "world");
	format_compare(__LINE__, "truncated", buf, n, "hell", 11);
	memcpy(buf, "untouched", 10);
	n = ksnprintf(buf, 0, "%d", 12345);
	format_compare(__LINE__, "size 0", buf, n, "untouched", 5);
	n = ksnprintf(buf, sizeof(buf), unknown, 7);
	format_compare(__LINE__, "unknown conversion", buf, n, "%? 7", 4);
}

int main(void)
{
	format_test_integers();
	format_test_text();
	format_test_kernel_only();
	printf("%d of %d formatting checks passed\n", format_checks - format_failures, format_checks);
	return format_failures ? 1 : 0;
}
