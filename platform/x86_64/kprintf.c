/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kprintf(): formatted output on the early console (the COM1 UART), each
 * line stamped with the time since boot like Linux's log, "[    1.234567] ",
 * except KTAP lines, which test parsers expect bare. Used for boot
 * messages, test results and by panic(); format.c does the formatting.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "serial.h"

/* Enough for the indentation and the longest KTAP opening, "not ok 1". */
#define KPRINTF_HOLD_MAX 48

/*
 * How a line opens in KTAP (v1, and TAP 13's opening line): 'D' stands for
 * a digit, and no opening contains a literal 'D'. Nested tests indent
 * these; diagnostic lines start with "# ".
 */
static const char *const kprintf_ktap_openings[] = {
	"KTAP version ", "TAP version ", "1..", "ok D", "not ok D", "# ",
};

enum kprintf_kind { KPRINTF_UNDECIDED, KPRINTF_LOG, KPRINTF_KTAP };

/*
 * The console's current line. Its opening is held back until it shows
 * whether the line is KTAP (no timestamp) or not; from then on, text goes
 * straight out. kvprintf() disables interrupts, so a handler's kprintf()
 * never lands inside another call's output.
 */
static struct {
	bool mid_line; /* the line's kind is decided and its start written */
	size_t held;
	char hold[KPRINTF_HOLD_MAX];
} kprintf_line;

/* 1: text opens with pattern; 0: it might, given more; -1: it cannot. */
static int kprintf_match(const char *pattern, const char *text, size_t len)
{
	size_t i;

	for (i = 0; pattern[i] && i < len; i++) {
		bool is_digit = text[i] >= '0' && text[i] <= '9';

		if (pattern[i] == 'D' ? !is_digit : pattern[i] != text[i])
			return -1;
	}
	return pattern[i] ? 0 : 1;
}

/* What the held opening says; final when no more text will come. */
static enum kprintf_kind kprintf_classify(const char *text, size_t len, bool final)
{
	bool possible = false;

	while (len > 0 && *text == ' ') {
		text++;
		len--;
	}
	for (size_t i = 0; i < sizeof(kprintf_ktap_openings) / sizeof(kprintf_ktap_openings[0]); i++) {
		int m = kprintf_match(kprintf_ktap_openings[i], text, len);

		if (m > 0)
			return KPRINTF_KTAP;
		possible |= m == 0;
	}
	return possible && !final ? KPRINTF_UNDECIDED : KPRINTF_LOG;
}

static void kprintf_write_timestamp(void)
{
	uint64_t ns = platform_clock_ns();
	char stamp[32];
	int len = ksnprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", ns / 1000000000, ns % 1000000000 / 1000);

	serial_write(stamp, (size_t)len);
}

/* Starts the line as kind and writes what was held of it. */
static void kprintf_release(enum kprintf_kind kind)
{
	if (kind == KPRINTF_LOG)
		kprintf_write_timestamp();
	serial_write(kprintf_line.hold, kprintf_line.held);
	kprintf_line.held = 0;
	kprintf_line.mid_line = true;
}

/* A line that ends while still held: blank lines get no timestamp. */
static void kprintf_end_held_line(void)
{
	size_t blanks = 0;

	while (blanks < kprintf_line.held && kprintf_line.hold[blanks] == ' ')
		blanks++;
	if (blanks < kprintf_line.held)
		kprintf_release(kprintf_classify(kprintf_line.hold, kprintf_line.held, true));
	else
		kprintf_release(KPRINTF_KTAP);
	serial_write("\n", 1);
	kprintf_line.mid_line = false;
}

/* Holds c at the start of a line, releasing the line once its kind shows. */
static void kprintf_hold(char c)
{
	enum kprintf_kind kind;

	kprintf_line.hold[kprintf_line.held++] = c;
	kind = kprintf_classify(kprintf_line.hold, kprintf_line.held, kprintf_line.held == KPRINTF_HOLD_MAX);
	if (kind != KPRINTF_UNDECIDED)
		kprintf_release(kind);
}

/* Writes the rest of a decided line, up to and including its newline;
 * returns how much of text that was. */
static size_t kprintf_write_line_rest(const char *text, size_t len)
{
	size_t n = 0;

	while (n < len && text[n] != '\n')
		n++;
	if (n < len) {
		n++;
		kprintf_line.mid_line = false;
	}
	serial_write(text, n);
	return n;
}

static void kprintf_write(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len;) {
		if (kprintf_line.mid_line) {
			i += kprintf_write_line_rest(text + i, len - i);
		} else {
			if (text[i] == '\n')
				kprintf_end_held_line();
			else
				kprintf_hold(text[i]);
			i++;
		}
	}
}

static const struct format_sink kprintf_sink = { .write = kprintf_write };

/*
 * A line's opening is not held past the call that began it: output must
 * not wait for a next call that a hang may prevent. So a KTAP line is
 * recognised only if its first call shows its opening (one kprintf() per
 * KTAP line does).
 */
int kvprintf(const char *fmt, va_list ap)
{
	unsigned long flags = irq_save();
	int n = format_vprint(&kprintf_sink, fmt, ap);

	if (kprintf_line.held > 0)
		kprintf_release(kprintf_classify(kprintf_line.hold, kprintf_line.held, true));
	irq_restore(flags);
	return n;
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
