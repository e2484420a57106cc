/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's printf family (freestanding, no libc). The formatter is
 * format.c; kprintf() writes to the kernel log (<tessera/log.h>), which
 * the early console (the 16550 on COM1) shows until the registered
 * consoles take over; a console that comes up later gets it replayed.
 *
 * kprintf() starts each console line with the time since boot, as Linux
 * does: "[    1.234567] " (seconds.microseconds; "[    0.000000] " until
 * the clock is calibrated, early in start_kernel()). KTAP lines, which
 * open (after any indentation) with "KTAP version ", "TAP version ",
 * "1..", "ok N", "not ok N" or "# ", and blank lines get none, so test
 * parsers read them bare: print each KTAP line's opening in one call.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%; flags - 0 # + space; a width
 * and a precision (digits or *); lengths hh h l ll z t j. %p prints 0x and
 * 16 hex digits. There is no floating point.
 */
#ifndef TESSERA_KPRINTF_H
#define TESSERA_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * kprintf() - Format and write to the console.
 * @fmt: printf-style format (see above).
 *
 * One call's output is not interleaved with an interrupt handler's: it
 * runs with interrupts disabled, also while the consoles show it, so it
 * may be called from any context.
 *
 * Return: the number of characters formatted (timestamps not counted).
 */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/**
 * ksnprintf() - Format into a buffer, like C's snprintf().
 * @buf: destination, always NUL-terminated when @size > 0.
 * @size: its size in bytes.
 * @fmt: printf-style format (see above).
 *
 * Return: the length the full output would have had (excluding the NUL),
 * so a result >= @size means it was truncated.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Where formatted output goes: write(ctx, text, len), called with pieces
 * of the output in order. kprintf() and ksnprintf() are built on this. */
struct format_sink {
	void (*write)(void *ctx, const char *text, size_t len);
	void *ctx;
};

/**
 * format_vprint() - Format into a sink.
 * @sink: receives the output.
 * @fmt: printf-style format (see above).
 * @ap: the arguments.
 *
 * Return: the number of characters produced.
 */
int format_vprint(const struct format_sink *sink, const char *fmt, va_list ap);

#endif
