/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/panic.h>: panic() prints "PANIC: <message>" on
 * stderr and aborts the test process (defined by the thread tests'
 * host_platform.c). A test that expects a panic runs it in a child process.
 */
#ifndef TESSERA_PANIC_H
#define TESSERA_PANIC_H

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
