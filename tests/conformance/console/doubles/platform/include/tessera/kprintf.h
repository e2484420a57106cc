/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/kprintf.h>: the two functions console drivers
 * use, with platform/x86_64's signatures. host_kprintf.c keeps what
 * kprintf() prints so the suite can check a driver's log lines.
 */
#ifndef TESSERA_KPRINTF_H
#define TESSERA_KPRINTF_H

#include <stddef.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The host's own: everything kprintf() printed since the last clear. */
const char *host_kprintf_log(void);
void host_kprintf_clear(void);

#endif
