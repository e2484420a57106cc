/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 16550 UART's registers, as offsets from its base port, and their
 * bits: what uart16550.c programs. (The host tests' UART model in
 * tests/conformance/console/doubles/ has its own copy, from the datasheet.)
 */
#ifndef CONSOLE_SERIAL_UART16550_H
#define CONSOLE_SERIAL_UART16550_H

#define UART_RBR 0 /* read: receive buffer */
#define UART_THR 0 /* write: transmit holding register */
#define UART_DLL 0 /* divisor latch, low byte, while LCR_DLAB is set */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch, high byte, while LCR_DLAB is set */
#define UART_IIR 2 /* read: interrupt identification */
#define UART_FCR 2 /* write: FIFO control */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_SCR 7 /* scratch: no function, holds what is written (not on an 8250) */

#define LCR_8N1 0x03 /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80

/* Enable both FIFOs, empty them, raise the receive interrupt at 14 bytes. */
#define FCR_ENABLE_CLEAR 0xc7
/* IIR's top bits: both set when the FIFOs work (16550A and later). */
#define IIR_FIFO_MASK 0xc0

#define MCR_DTR_RTS 0x03

#define LSR_DATA_READY 0x01
#define LSR_OVERRUN 0x02
#define LSR_PARITY 0x04
#define LSR_FRAMING 0x08
#define LSR_BREAK 0x10
#define LSR_THR_EMPTY 0x20 /* the transmit FIFO (or holding register) is empty */
#define LSR_TX_IDLE 0x40 /* and the shift register too: the line is idle */
#define LSR_RX_DAMAGED (LSR_PARITY | LSR_FRAMING | LSR_BREAK)

/* The 1.8432 MHz crystal divided by 16: the speed at divisor 1. */
#define UART_BASE_BAUD 115200
#define UART_FIFO_DEPTH 16

#endif
