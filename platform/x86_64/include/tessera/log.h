/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel log: every byte kprintf() printed, timestamps included, in a
 * ring that kprintf.c fills. The kernel core hands it to the consoles
 * (components/core/kernel/console_log.c); dmesg and syslog will read it.
 */
#ifndef TESSERA_LOG_H
#define TESSERA_LOG_H

#include <stddef.h>
#include <stdint.h>

/* The ring's size in bytes: the last KLOG_SIZE bytes logged are kept. */
#define KLOG_SIZE 32768

/**
 * klog_end() - The position one past the newest byte of the log.
 *
 * A position counts the bytes logged since boot, so positions only grow
 * and one taken earlier stays meaningful: klog_read() from it returns
 * what was logged since (or, if the ring has overwritten some of that,
 * the oldest whole lines it still holds).
 *
 * Context: any.
 * Return: the number of bytes logged since boot.
 */
uint64_t klog_end(void);

/**
 * klog_read() - Copy log bytes from a position on.
 * @pos: where to start (0: the oldest line the ring holds); advanced past
 *       what was copied. A position the ring no longer holds moves to
 *       the start of the oldest whole line it does.
 * @buf: where the bytes go; not NUL-terminated.
 * @size: the most bytes to copy.
 *
 * Lines end with "\n"; the text is what the early console showed, with
 * its timestamps, except that "\n" is not turned into "\r\n".
 *
 * Context: any; interrupts are disabled while it copies.
 * Return: the number of bytes copied, 0 when @pos is the end of the log.
 */
size_t klog_read(uint64_t *pos, char *buf, size_t size);

/*
 * Shows what is new in the log on the consoles. Called with interrupts
 * disabled, after each kprintf() call's text reached the log and once
 * when it is set. It must not call kprintf(): a kprintf() it causes (a
 * panic in a driver) goes to the early console's UART directly.
 */
typedef void klog_console_fn(void);

/**
 * klog_set_console() - Have the log shown by the consoles.
 * @fn: the function that shows it (see klog_console_fn), or NULL for
 *      none. It is called once at once, to catch up.
 *
 * The early console (the platform's UART) keeps printing too, until
 * klog_early_console_retire().
 *
 * Context: any.
 */
void klog_set_console(klog_console_fn *fn);

/**
 * klog_early_console() - The console device that is the early console's hardware.
 *
 * Context: any.
 * Return: "ttyS0" (the UART on COM1) while the early console prints,
 * NULL once it is retired.
 */
const char *klog_early_console(void);

/**
 * klog_early_console_retire() - Stop printing on the early console.
 *
 * For the consoles' code, once a registered device drives the early
 * console's hardware and has been told where the log stands: from then
 * on only the consoles show the log, so no line appears twice. A panic
 * inside a console's code still reaches the early console's UART.
 *
 * Context: any.
 */
void klog_early_console_retire(void);

#endif
