/* SPDX-License-Identifier: Apache-2.0 */
/*
 * panic(): the end of the line for broken invariants. Prints the message,
 * a backtrace with symbol names, and powers off with TESSERA_EXIT_PANIC.
 * CPU exceptions end here too (trap.c), with the registers first.
 */
#ifndef TESSERA_PANIC_H
#define TESSERA_PANIC_H

/**
 * panic() - Report a broken invariant and stop the machine.
 * @fmt: printf-style message (see <tessera/kprintf.h>).
 *
 * Prints "PANIC: <message>", a backtrace of the caller, and powers off with
 * TESSERA_EXIT_PANIC. A panic while panicking powers off at once.
 */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
