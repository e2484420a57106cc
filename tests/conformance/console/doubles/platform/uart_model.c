/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A 16550 UART for the console suite (port_model.h), from the datasheet:
 * the divisor latch behind LCR bit 7, the 16-byte FIFOs that FCR turns on
 * (a one-byte holding register without them), and a transmitter that
 * sends one byte each time the line status is read, so a driver that does
 * not wait for it to empty loses bytes (counted as overruns).
 */
#include <string.h>

#include "port_model.h"

#define REG_DATA 0
#define REG_IER 1
#define REG_IIR_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define REG_MSR 6
#define REG_SCR 7

#define LCR_DLAB 0x80
#define FCR_ENABLE 0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

struct uart_model uart_model;

void uart_model_reset(const struct port_model_options *opt)
{
	memset(&uart_model, 0, sizeof(uart_model));
	uart_model.base = opt->uart_base;
	uart_model.has_fifo = opt->uart_has_fifo;
	uart_model.tx_stuck = opt->uart_tx_stuck;
}

static unsigned uart_model_depth(void)
{
	return uart_model.fifo_on ? UART_MODEL_FIFO : 1;
}

/* One byte time: the shift register's byte reaches the wire and the
 * transmit queue's oldest takes its place. */
static void uart_model_tick(void)
{
	struct uart_model *u = &uart_model;

	if (u->tx_stuck)
		return;
	if (u->shifting && u->wire_len < UART_MODEL_WIRE_MAX)
		u->wire[u->wire_len++] = u->shift;
	u->shifting = false;
	if (u->tx_count > 0) {
		u->shift = u->tx_fifo[0];
		memmove(u->tx_fifo, u->tx_fifo + 1, --u->tx_count);
		u->shifting = true;
	}
}

void uart_model_drain(void)
{
	while (!uart_model.tx_stuck && (uart_model.tx_count || uart_model.shifting))
		uart_model_tick();
}

static void uart_model_transmit(uint8_t byte)
{
	struct uart_model *u = &uart_model;

	if (u->tx_stuck || u->tx_count == uart_model_depth()) {
		u->overruns++;
		return;
	}
	u->tx_fifo[u->tx_count++] = byte;
}

void uart_model_queue_tx(const uint8_t *bytes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		uart_model_transmit(bytes[i]);
}

void uart_model_receive(const uint8_t *bytes, const uint8_t *errors, size_t n)
{
	struct uart_model *u = &uart_model;

	for (size_t i = 0; i < n && u->rx_count < UART_MODEL_RX_MAX; i++) {
		u->rx[u->rx_count] = bytes[i];
		u->rx_errors[u->rx_count++] = errors ? errors[i] : 0;
	}
}

static uint8_t uart_model_pop_rx(void)
{
	struct uart_model *u = &uart_model;
	uint8_t byte;

	if (u->rx_count == 0)
		return 0;
	byte = u->rx[0];
	u->rx_count--;
	memmove(u->rx, u->rx + 1, u->rx_count);
	memmove(u->rx_errors, u->rx_errors + 1, u->rx_count);
	return byte;
}

static uint8_t uart_model_lsr(void)
{
	struct uart_model *u = &uart_model;
	uint8_t lsr = 0;

	u->lsr_reads++;
	uart_model_tick();
	if (u->rx_count)
		lsr |= LSR_DR | u->rx_errors[0];
	if (!u->tx_stuck && u->tx_count == 0)
		lsr |= LSR_THRE | (u->shifting ? 0 : LSR_TEMT);
	return lsr;
}

static void uart_model_fcr(uint8_t value)
{
	struct uart_model *u = &uart_model;

	if (!u->has_fifo)
		return;
	u->fifo_on = value & FCR_ENABLE;
	if (value & FCR_CLEAR_RX)
		u->rx_count = 0;
	if (value & FCR_CLEAR_TX) {
		u->tx_cleared += u->tx_count;
		u->tx_count = 0;
	}
}

bool uart_model_in(uint16_t port, uint8_t *value)
{
	struct uart_model *u = &uart_model;
	bool dlab = u->lcr & LCR_DLAB;

	if (!u->base || port < u->base || port >= u->base + 8)
		return false;
	switch (port - u->base) {
	case REG_DATA: *value = dlab ? u->dll : uart_model_pop_rx(); break;
	case REG_IER: *value = dlab ? u->dlm : u->ier; break;
	case REG_IIR_FCR: *value = (u->fifo_on ? 0xc0 : 0x00) | 0x01; break;
	case REG_LCR: *value = u->lcr; break;
	case REG_MCR: *value = u->mcr; break;
	case REG_LSR: *value = uart_model_lsr(); break;
	case REG_MSR: *value = 0; break;
	default: *value = u->scr; break;
	}
	return true;
}

bool uart_model_out(uint16_t port, uint8_t value)
{
	struct uart_model *u = &uart_model;
	bool dlab = u->lcr & LCR_DLAB;

	if (!u->base || port < u->base || port >= u->base + 8)
		return false;
	switch (port - u->base) {
	case REG_DATA:
		if (dlab)
			u->dll = value;
		else
			uart_model_transmit(value);
		break;
	case REG_IER:
		if (dlab)
			u->dlm = value;
		else
			u->ier = value;
		break;
	case REG_IIR_FCR: uart_model_fcr(value); break;
	case REG_LCR: u->lcr = value; break;
	case REG_MCR: u->mcr = value; break;
	case REG_SCR: u->scr = value; break;
	default: break; /* LSR and MSR are read-only */
	}
	return true;
}

unsigned uart_model_divisor(void)
{
	return (unsigned)uart_model.dlm << 8 | uart_model.dll;
}
