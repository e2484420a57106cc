/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console_serial component: a polled 16550 UART driver that registers
 * one console device at init. The kernel core writes the log to it through
 * the console interface (<tessera/console.h>); port I/O comes from
 * <tessera/ioport.h>.
 */
#include <tessera/components/console_serial.h>
#include <tessera/ioport.h>
#include <tessera/kprintf.h>

#include "uart16550.h"

/* Line-status reads, per unit of the divisor, before a transmitter that
 * does not empty counts as gone: about a second at 115200 baud on
 * hardware (a read costs ~1 us), where a FIFO's worth takes 1.4 ms, and
 * as long in proportion at slower speeds. */
#define UART_POLL_LIMIT (1ul << 20)

/* The UART this component drives: set up by uart_init(), then only read. */
static struct uart {
	uint16_t base;
	unsigned fifo_depth; /* bytes the transmitter takes after each wait */
	unsigned baud; /* as programmed, after rounding */
	unsigned long poll_limit; /* line-status reads before giving up */
	char name[16];
} uart;

static struct console_dev uart_dev;

static uint8_t uart_in(const struct uart *u, uint16_t reg)
{
	return ioport_inb(u->base + reg);
}

static void uart_out(const struct uart *u, uint16_t reg, uint8_t value)
{
	ioport_outb(u->base + reg, value);
}

/* Whether the line status shows all of lsr_bits, within the poll limit. */
static bool uart_wait_for(const struct uart *u, uint8_t lsr_bits)
{
	for (unsigned long i = 0; i < u->poll_limit; i++)
		if ((uart_in(u, UART_LSR) & lsr_bits) == lsr_bits)
			return true;
	return false;
}

/* Nothing answers on an empty port (reads give 0xff), and only a UART's
 * scratch register holds two different values written to it. */
static bool uart_is_present(const struct uart *u)
{
	if (uart_in(u, UART_LSR) == 0xff)
		return false;
	uart_out(u, UART_SCR, 0x5a);
	if (uart_in(u, UART_SCR) != 0x5a)
		return false;
	uart_out(u, UART_SCR, 0xa5);
	return uart_in(u, UART_SCR) == 0xa5;
}

/* The divisor nearest the requested speed. */
static uint16_t uart_divisor(uint32_t baud)
{
	uint32_t divisor = (UART_BASE_BAUD + baud / 2) / baud;

	return divisor ? (uint16_t)divisor : 1;
}

/*
 * Polled 8N1 with the FIFOs on. The early console may still have bytes in
 * the transmitter on the same UART: they go out before it is reprogrammed
 * (emptying the FIFO would drop them).
 */
static void uart_program(struct uart *u, uint32_t baud)
{
	uint16_t divisor = uart_divisor(baud);

	uart_wait_for(u, LSR_TX_IDLE);
	uart_out(u, UART_IER, 0);
	uart_out(u, UART_LCR, LCR_DLAB);
	uart_out(u, UART_DLL, divisor & 0xff);
	uart_out(u, UART_DLM, divisor >> 8);
	uart_out(u, UART_LCR, LCR_8N1);
	uart_out(u, UART_FCR, FCR_ENABLE_CLEAR);
	uart_out(u, UART_MCR, MCR_DTR_RTS);
	u->fifo_depth = (uart_in(u, UART_IIR) & IIR_FIFO_MASK) == IIR_FIFO_MASK ? UART_FIFO_DEPTH : 1;
	u->baud = UART_BASE_BAUD / divisor;
	u->poll_limit = UART_POLL_LIMIT * divisor;
}

/* Linux's names for the four legacy ports; uart@PORT for any other. */
static void uart_set_name(struct uart *u)
{
	static const uint16_t legacy[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };

	for (unsigned i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++) {
		if (u->base == legacy[i]) {
			ksnprintf(u->name, sizeof(u->name), "ttyS%u", i);
			return;
		}
	}
	ksnprintf(u->name, sizeof(u->name), "uart@%#x", u->base);
}

/**
 * uart_init() - Find the UART at the configured port, program it and
 * register its console device.
 *
 * No UART there is not an error: the boot goes on without this console.
 *
 * Return: 0, or the registry's error (-EEXIST: a device of that name is
 * already registered).
 */
int uart_init(void)
{
	struct uart *u = &uart;
	int err;

	*u = (struct uart){ .base = console_serial_port, .poll_limit = UART_POLL_LIMIT };
	if (!uart_is_present(u)) {
		kprintf("console_serial: no UART at port %#x, no console registered\n", u->base);
		return 0;
	}
	uart_program(u, console_serial_baud);
	uart_set_name(u);
	uart_dev = (struct console_dev){ .name = u->name, .ops = &console_serial_console_ops, .priv = u };
	err = console_register(&uart_dev);
	if (err)
		return err;
	kprintf("console_serial: %s at port %#x, %u baud 8N1, %u-byte FIFO\n", u->name, u->base, u->baud,
		u->fifo_depth);
	return 0;
}

/* Sends one byte, first waiting for the transmitter to empty whenever the
 * FIFO's worth sent since the last wait is used up. */
static bool uart_send(const struct uart *u, unsigned *room, uint8_t byte)
{
	if (*room == 0) {
		if (!uart_wait_for(u, LSR_THR_EMPTY))
			return false;
		*room = u->fifo_depth;
	}
	uart_out(u, UART_THR, byte);
	(*room)--;
	return true;
}

/**
 * uart_write() - Send bytes, "\n" as "\r\n".
 * @dev: the UART's console device.
 * @buf: the bytes.
 * @buf_len: how many.
 *
 * Context: any; polls with whatever interrupt state it is called in.
 * Return: @buf_len, or -EIO when the transmitter stopped emptying.
 */
long uart_write(struct console_dev *dev, const uint8_t *buf, size_t buf_len)
{
	const struct uart *u = dev->priv;
	unsigned room = 0;

	for (size_t i = 0; i < buf_len; i++) {
		if (buf[i] == '\n' && !uart_send(u, &room, '\r'))
			return -EIO;
		if (!uart_send(u, &room, buf[i]))
			return -EIO;
	}
	return (long)buf_len;
}

/**
 * uart_flush() - Wait until the last byte written has left the UART.
 * @dev: the UART's console device.
 *
 * Return: 0 once the transmit FIFO and shift register are empty, -EIO
 * if they do not empty.
 */
int uart_flush(struct console_dev *dev)
{
	return uart_wait_for(dev->priv, LSR_THR_EMPTY | LSR_TX_IDLE) ? 0 : -EIO;
}

/**
 * uart_read() - Take the bytes the UART received, without waiting.
 * @dev: the UART's console device.
 * @buf: where they go.
 * @buf_len: the most to take.
 *
 * A byte received with a parity or framing error, or a break, is dropped.
 *
 * Return: the number of bytes stored (at least 1), -EAGAIN when none is
 * waiting, or -EIO when the UART no longer answers.
 */
long uart_read(struct console_dev *dev, uint8_t *buf, size_t buf_len)
{
	const struct uart *u = dev->priv;
	size_t n = 0;
	uint8_t lsr;

	while (n < buf_len && ((lsr = uart_in(u, UART_LSR)) & LSR_DATA_READY)) {
		uint8_t byte = uart_in(u, UART_RBR);

		if (lsr == 0xff)
			return -EIO;
		if (!(lsr & LSR_RX_DAMAGED))
			buf[n++] = byte;
	}
	return n ? (long)n : -EAGAIN;
}
