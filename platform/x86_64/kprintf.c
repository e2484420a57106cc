/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kprintf(): formatted output to the kernel log, each line stamped with
 * the time since boot like Linux's log, "[    1.234567] ", except KTAP
 * lines, which test parsers expect bare. Used for boot messages, test
 * results and by panic(); format.c does the formatting. The log is a ring
 * (log.h) shown on the early console (the COM1 UART) until the kernel
 * core hands it to the registered consoles.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/log.h>

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

_Static_assert((KLOG_SIZE & (KLOG_SIZE - 1)) == 0, "KLOG_SIZE must be a power of two");

/*
 * The log and where it goes. Changed only with interrupts disabled, which
 * on one CPU is what keeps writers and readers apart.
 */
static struct {
	char ring[KLOG_SIZE];
	uint64_t end; /* bytes logged since boot; ring[end % KLOG_SIZE] is next */
	bool early_retired; /* a console drives the early console's UART now */
	bool in_console; /* console() runs: a kprintf() now is a nested one */
	klog_console_fn *console;
} klog;

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

/* Where every byte of output goes: into the ring, and to the early
 * console while it prints, or when the consoles' own code is what printed. */
static void kprintf_emit(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		klog.ring[(klog.end + i) & (KLOG_SIZE - 1)] = text[i];
	klog.end += len;
	if (!klog.early_retired || klog.in_console)
		serial_write(text, len);
}

static void kprintf_write_timestamp(void)
{
	uint64_t ns = platform_clock_ns();
	char stamp[32];
	int len = ksnprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", ns / 1000000000, ns % 1000000000 / 1000);

	kprintf_emit(stamp, (size_t)len);
}

/* Starts the line as kind and writes what was held of it. */
static void kprintf_release(enum kprintf_kind kind)
{
	if (kind == KPRINTF_LOG)
		kprintf_write_timestamp();
	kprintf_emit(kprintf_line.hold, kprintf_line.held);
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
	kprintf_emit("\n", 1);
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
	kprintf_emit(text, n);
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

/* Has the consoles show what is new; not from a kprintf() they caused. */
static void kprintf_show_on_consoles(void)
{
	if (!klog.console || klog.in_console)
		return;
	klog.in_console = true;
	klog.console();
	klog.in_console = false;
}

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
	kprintf_show_on_consoles();
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

uint64_t klog_end(void)
{
	unsigned long flags = irq_save();
	uint64_t end = klog.end;

	irq_restore(flags);
	return end;
}

/* Where reading from pos can start: pos itself, or, if the ring has
 * overwritten it, the start of the oldest whole line the ring holds. */
static uint64_t klog_first_held(uint64_t pos)
{
	uint64_t oldest = klog.end > KLOG_SIZE ? klog.end - KLOG_SIZE : 0;

	if (pos > klog.end)
		return klog.end;
	if (pos >= oldest)
		return pos;
	pos = oldest;
	while (pos < klog.end && klog.ring[pos & (KLOG_SIZE - 1)] != '\n')
		pos++;
	return pos < klog.end ? pos + 1 : pos;
}

size_t klog_read(uint64_t *pos, char *buf, size_t size)
{
	unsigned long flags = irq_save();
	uint64_t from = klog_first_held(*pos);
	size_t n = klog.end - from < size ? (size_t)(klog.end - from) : size;

	for (size_t i = 0; i < n; i++)
		buf[i] = klog.ring[(from + i) & (KLOG_SIZE - 1)];
	*pos = from + n;
	irq_restore(flags);
	return n;
}

void klog_set_console(klog_console_fn *fn)
{
	unsigned long flags = irq_save();

	klog.console = fn;
	kprintf_show_on_consoles();
	irq_restore(flags);
}

const char *klog_early_console(void)
{
	return klog.early_retired ? NULL : "ttyS0";
}

void klog_early_console_retire(void)
{
	klog.early_retired = true;
}
