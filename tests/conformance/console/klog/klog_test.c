/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host test of the kernel log in platform/x86_64/kprintf.c: what kprintf()
 * prints is kept in the ring (log.h) byte for byte, shown on the early
 * UART until it is retired, handed to the consoles' function after each
 * call, and read back from any position, also after the ring wrapped.
 * kprintf.c and format.c are compiled as they are, with serial_write(),
 * platform_clock_ns() and the interrupt flag (include/) stood in for.
 */
#include <stdio.h>
#include <string.h>

#include <tessera/kprintf.h>
#include <tessera/log.h>

#include "ktap.h"
#include "serial.h"

int klog_test_irq_depth;

/* The early console's UART: what serial_write() was given. */
static char uart[4 * KLOG_SIZE];
static size_t uart_len;

void serial_write(const char *text, size_t len)
{
	if (uart_len + len <= sizeof(uart)) {
		memcpy(uart + uart_len, text, len);
		uart_len += len;
	}
}

uint64_t platform_clock_ns(void)
{
	return 1234567890;
}

/* The consoles' function: counts its calls, and what the log held at each. */
static unsigned console_calls;
static uint64_t console_saw_end;
static bool console_prints;

static void klog_test_console(void)
{
	console_calls++;
	console_saw_end = klog_end();
	if (console_prints)
		kprintf("nested\n");
}

static size_t klog_read_all(uint64_t pos, char *buf, size_t size)
{
	size_t n = 0, got;

	while (n < size && (got = klog_read(&pos, buf + n, size - n)) > 0)
		n += got;
	return n;
}

/* The cases run in order on one log, as the kernel's does. */
static void klog_keeps_what_the_early_uart_shows(struct ktap *t)
{
	static const char want[] = "[    1.234567] hello 42\nKTAP version 1\n    ok 1 bare\n";
	char buf[256];
	uint64_t pos = 0;
	size_t n;

	kprintf("hello %d\n", 42);
	kprintf("KTAP version 1\n");
	kprintf("    ok 1 bare\n");
	n = klog_read(&pos, buf, sizeof(buf));
	ktap_expect(t, n == strlen(want) && memcmp(buf, want, n) == 0, "the log holds \"%.*s\"", (int)n, buf);
	ktap_expect(t, pos == klog_end() && pos == n, "the position is %lu, the end %lu", (unsigned long)pos,
		    (unsigned long)klog_end());
	ktap_expect(t, uart_len == n && memcmp(uart, want, n) == 0, "the early UART shows other bytes");
	ktap_expect(t, klog_read(&pos, buf, sizeof(buf)) == 0, "reading at the end gave bytes");
	ktap_expect(t, klog_test_irq_depth == 0, "irq_save/irq_restore do not pair");
}

static void klog_read_goes_piece_by_piece_from_any_position(struct ktap *t)
{
	char whole[256], piece[7];
	size_t n = klog_read_all(0, whole, sizeof(whole));
	uint64_t pos = 5, beyond = klog_end() + 100;

	ktap_expect(t, klog_read(&pos, piece, sizeof(piece)) == sizeof(piece) && pos == 5 + sizeof(piece) &&
			       memcmp(piece, whole + 5, sizeof(piece)) == 0, "a piece from position 5 differs");
	ktap_expect(t, klog_read(&beyond, piece, sizeof(piece)) == 0 && beyond == klog_end(),
		    "a position beyond the end was not moved to it");
	ktap_expect(t, n == klog_end(), "reading everything gave %zu bytes of %lu", n, (unsigned long)klog_end());
}

static void klog_console_is_called_after_each_kprintf(struct ktap *t)
{
	klog_set_console(klog_test_console);
	ktap_expect(t, console_calls == 1, "not called once when set: %u", console_calls);
	kprintf("to the consoles\n");
	ktap_expect(t, console_calls == 2, "not called after kprintf: %u", console_calls);
	ktap_expect(t, console_saw_end == klog_end(), "called before the text was in the log");
}

static void klog_retired_early_console_stays_quiet(struct ktap *t)
{
	size_t before;

	ktap_expect(t, strcmp(klog_early_console(), "ttyS0") == 0, "the early console is not ttyS0");
	klog_early_console_retire();
	ktap_expect(t, klog_early_console() == NULL, "a retired early console still has a name");
	before = uart_len;
	kprintf("only on the consoles\n");
	ktap_expect(t, uart_len == before, "the retired early UART got bytes");
}

/* A kprintf() from the consoles' own code (a panic in a driver) goes to
 * the UART directly and does not call them back. */
static void klog_kprintf_from_a_console_reaches_the_uart(struct ktap *t)
{
	unsigned calls = console_calls;
	size_t before = uart_len;

	console_prints = true;
	kprintf("outer\n");
	console_prints = false;
	ktap_expect(t, console_calls == calls + 1, "the consoles were called %u times", console_calls - calls);
	ktap_expect(t, uart_len - before == strlen("[    1.234567] nested\n") &&
			       memcmp(uart + before, "[    1.234567] nested\n", uart_len - before) == 0,
		    "the nested line did not reach the UART alone");
}

/* After more than KLOG_SIZE bytes, reading from 0 starts at the oldest
 * whole line held and runs to the newest. */
static void klog_wrapped_ring_starts_at_a_whole_line(struct ktap *t)
{
	static char all[KLOG_SIZE + 1];
	char last[64];
	size_t n;

	klog_set_console(NULL);
	for (int i = 0; i < 2000; i++)
		kprintf("line %04d of the wrap test\n", i);
	n = klog_read_all(0, all, sizeof(all));
	all[n] = '\0';
	snprintf(last, sizeof(last), "[    1.234567] line 1999 of the wrap test\n");
	ktap_expect(t, n > KLOG_SIZE - 64 && n <= KLOG_SIZE, "read %zu bytes of a full ring", n);
	ktap_expect(t, strncmp(all, "[    1.234567] line ", 20) == 0, "the oldest held line is cut: \"%.30s\"", all);
	ktap_expect(t, n >= strlen(last) && strcmp(all + n - strlen(last), last) == 0, "the newest line is not last");
}

static const struct ktap_case klog_cases[] = {
	KTAP_CASE(klog_keeps_what_the_early_uart_shows),
	KTAP_CASE(klog_read_goes_piece_by_piece_from_any_position),
	KTAP_CASE(klog_console_is_called_after_each_kprintf),
	KTAP_CASE(klog_retired_early_console_stays_quiet),
	KTAP_CASE(klog_kprintf_from_a_console_reaches_the_uart),
	KTAP_CASE(klog_wrapped_ring_starts_at_a_whole_line),
	{ 0 },
};

int main(void)
{
	return ktap_run_suite("klog", klog_cases, NULL, NULL) ? 1 : 0;
}
