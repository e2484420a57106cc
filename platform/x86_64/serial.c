/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The early console: COM1's 16550 at 115200 8N1, polled with interrupts
 * off. Boot messages and panics go here (kprintf.c); later consoles are
 * components.
 */
#include <stdint.h>

#include "cpu.h"
#include "serial.h"

#define COM1 0x3f8
/* Register offsets from the base port. */
#define UART_DATA 0 /* divisor low byte while LCR_DLAB is set */
#define UART_IER 1 /* divisor high byte while LCR_DLAB is set */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07 /* enable the FIFOs and empty both */
#define MCR_DTR_RTS 0x03
#define LSR_THR_EMPTY 0x20
#define UART_CLOCK 115200

#define SERIAL_BAUD 115200

void serial_init(void)
{
	uint16_t divisor = UART_CLOCK / SERIAL_BAUD;

	ioport_outb(COM1 + UART_IER, 0); /* polled: no UART interrupts */
	ioport_outb(COM1 + UART_LCR, LCR_DLAB);
	ioport_outb(COM1 + UART_DATA, divisor & 0xff);
	ioport_outb(COM1 + UART_IER, divisor >> 8);
	ioport_outb(COM1 + UART_LCR, LCR_8N1);
	ioport_outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR);
	ioport_outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

static void serial_put(char c)
{
	while (!(ioport_inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		;
	ioport_outb(COM1 + UART_DATA, (uint8_t)c);
}

void serial_write(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			serial_put('\r');
		serial_put(text[i]);
	}
}
