/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The early console: a 16550 UART on COM1, polled, transmit only. start.c
 * initialises it first thing; kprintf.c writes through it.
 */
#ifndef TESSERA_X86_64_SERIAL_H
#define TESSERA_X86_64_SERIAL_H

#include <stddef.h>

void serial_init(void);
/* Writes len bytes, turning "\n" into "\r\n" for terminals. */
void serial_write(const char *text, size_t len);

#endif
