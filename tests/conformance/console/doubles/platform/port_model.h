/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The machine the console suite runs drivers on: an x86 port I/O bus
 * (port_model.c) with a 16550 UART (uart_model.c) and a VGA's CRT and
 * graphics controllers (vga_model.c). The drivers reach it through the
 * host <tessera/ioport.h>; the suite sets it up and inspects it here.
 * Register layouts follow the 16550 and VGA datasheets, not the drivers.
 */
#ifndef CONSOLE_PORT_MODEL_H
#define CONSOLE_PORT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UART_MODEL_FIFO 16
#define UART_MODEL_WIRE_MAX 65536
#define UART_MODEL_RX_MAX 64

/* What hardware the machine has. */
struct port_model_options {
	uint16_t uart_base; /* 0: no UART */
	bool uart_has_fifo; /* a 16550A; false: an 8250/16450, one-byte holding register */
	bool uart_tx_stuck; /* the transmitter never empties (a wedged chip) */
	bool vga; /* a VGA at 0x3d4/0x3ce */
	bool vga_graphics; /* ...left in a graphics mode */
};

/* The UART as the suite sees it: registers programmed and bytes sent. */
struct uart_model {
	uint16_t base;
	bool has_fifo, tx_stuck;
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	bool fifo_on;
	uint8_t tx_fifo[UART_MODEL_FIFO]; /* waiting to be sent, oldest first */
	unsigned tx_count;
	bool shifting; /* a byte is in the shift register */
	uint8_t shift;
	uint8_t wire[UART_MODEL_WIRE_MAX]; /* sent, in order */
	size_t wire_len;
	unsigned overruns; /* bytes written to a full transmitter: lost */
	unsigned tx_cleared; /* bytes dropped by a FCR transmit-FIFO clear */
	uint8_t rx[UART_MODEL_RX_MAX]; /* received and not read yet */
	uint8_t rx_errors[UART_MODEL_RX_MAX]; /* their LSR error bits */
	unsigned rx_count;
	unsigned lsr_reads;
};

/* The VGA registers the console uses. */
struct vga_model {
	bool present;
	uint8_t crtc_index, gc_index;
	uint8_t crtc[0x19];
	uint8_t gc[0x09];
	unsigned cursor_moves; /* writes to the cursor location registers */
};

extern struct uart_model uart_model;
extern struct vga_model vga_model;

/* A fresh machine: every register at its power-on value, nothing sent. */
void port_model_reset(const struct port_model_options *opt);
/* The defaults: a 16550A on COM1 and a VGA in text mode. */
struct port_model_options port_model_defaults(void);

/* Lets time pass until the UART has sent everything queued. */
void uart_model_drain(void);
/* Bytes arriving on the line; errors: LSR error bits for each (or NULL). */
void uart_model_receive(const uint8_t *bytes, const uint8_t *errors, size_t n);
/* Puts bytes in the transmitter as an earlier user (the early console) would. */
void uart_model_queue_tx(const uint8_t *bytes, size_t n);
/* The divisor latch as programmed. */
unsigned uart_model_divisor(void);
/* The cursor's cell as the CRT controller's registers hold it. */
unsigned vga_model_cursor(void);

/* The devices' halves of the bus: whether they answer at port. */
bool uart_model_in(uint16_t port, uint8_t *value);
bool uart_model_out(uint16_t port, uint8_t value);
bool vga_model_in(uint16_t port, uint8_t *value);
bool vga_model_out(uint16_t port, uint8_t value);
void uart_model_reset(const struct port_model_options *opt);
void vga_model_reset(const struct port_model_options *opt);

#endif
