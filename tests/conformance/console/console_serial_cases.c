/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What console_serial promises of the 16550 (its manifest): 115200 8N1
 * polled with the FIFOs on, "\n" sent as "\r\n", never more bytes than
 * the transmitter has room for, the early console's last bytes kept,
 * Linux's device names, received bytes read by polling, and -EIO rather
 * than a hang when the transmitter is wedged.
 */
#include <string.h>

#include <tessera/ioport.h>
#include <tessera/kprintf.h>

#include "console_world.h"

#define LCR_8N1 0x03
#define MCR_DTR_RTS 0x03

static void console_world_restart_uart_at(uint16_t base)
{
	struct port_model_options opt = port_model_defaults();

	opt.uart_base = base;
	console_world_set_tunable("console_serial", "port", base);
	console_world_start(&opt);
}

static bool wire_is(const char *want)
{
	uart_model_drain();
	return uart_model.wire_len == strlen(want) && memcmp(uart_model.wire, want, uart_model.wire_len) == 0;
}

static void serial_newline_goes_out_as_crlf(struct ktap *t)
{
	console_world_write("a\nb\n\n");
	ktap_expect(t, wire_is("a\r\nb\r\n\r\n"), "the wire holds \"%.*s\"", (int)uart_model.wire_len, uart_model.wire);
}

static void serial_other_bytes_go_out_unchanged(struct ktap *t)
{
	const char text[] = "x\ry\t\b\x1b[0m\xff";

	console_world_write(text);
	ktap_expect(t, wire_is(text), "the wire holds \"%.*s\"", (int)uart_model.wire_len, uart_model.wire);
}

static void serial_programs_115200_8n1_polled_with_fifo(struct ktap *t)
{
	ktap_expect(t, uart_model_divisor() == 1, "divisor %u, expected 1", uart_model_divisor());
	ktap_expect(t, uart_model.lcr == LCR_8N1, "LCR %#x, expected 8N1 with DLAB clear", uart_model.lcr);
	ktap_expect(t, uart_model.fifo_on, "the FIFOs are off");
	ktap_expect(t, uart_model.ier == 0, "IER %#x: interrupts enabled", uart_model.ier);
	ktap_expect(t, (uart_model.mcr & MCR_DTR_RTS) == MCR_DTR_RTS, "MCR %#x: DTR/RTS not raised", uart_model.mcr);
	ktap_expect(t, console_world_log_has("115200 baud"), "the log does not say the speed: %s", host_kprintf_log());
}

static void serial_baud_tunable_sets_the_divisor(struct ktap *t)
{
	static const struct { uint32_t baud; unsigned divisor; } speeds[] = {
		{ 9600, 12 }, { 50, 2304 }, { 57600, 2 }, { 6800, 17 },
	};

	for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
		console_world_set_tunable("console_serial", "baud", speeds[i].baud);
		console_world_restart_uart_at(0x3f8);
		ktap_expect(t, uart_model_divisor() == speeds[i].divisor, "%u baud: divisor %u, expected %u",
			    speeds[i].baud, uart_model_divisor(), speeds[i].divisor);
	}
}

/* The model sends a byte per status read: a driver that writes more than
 * the FIFO holds after one wait loses bytes. */
static void serial_never_overruns_the_transmitter(struct ktap *t)
{
	static char text[2001];

	memset(text, 'z', 2000);
	console_world_write(text);
	ktap_expect(t, uart_model.overruns == 0, "%u bytes written to a full FIFO", uart_model.overruns);
	uart_model_drain();
	ktap_expect(t, uart_model.wire_len == 2000, "%zu of 2000 bytes sent", uart_model.wire_len);
}

static void serial_without_fifo_sends_one_byte_per_wait(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();
	static char text[301];

	opt.uart_has_fifo = false;
	console_world_start(&opt);
	ktap_expect(t, world.ndevs == 1, "an 8250 without FIFO was not registered");
	memset(text, 'q', 300);
	console_world_write(text);
	ktap_expect(t, uart_model.overruns == 0, "%u bytes written to a full holding register", uart_model.overruns);
	uart_model_drain();
	ktap_expect(t, uart_model.wire_len == 300, "%zu of 300 bytes sent", uart_model.wire_len);
	ktap_expect(t, console_world_log_has("1-byte FIFO"), "the log does not say there is no FIFO: %s",
		    host_kprintf_log());
}

/* The early console shares the UART: what it left in the FIFO goes out
 * before init reprograms the chip. */
static void serial_init_keeps_the_early_consoles_last_bytes(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();
	const uint8_t fifo_on = 0x01;

	port_model_reset(&opt);
	ioport_outb(0x3f8 + 2, fifo_on);
	uart_model_queue_tx((const uint8_t *)"early\r\n", 7);
	console_world_run_inits();
	ktap_expect(t, world.ndevs == 1, "no device registered");
	ktap_expect(t, uart_model.tx_cleared == 0, "init dropped %u queued bytes", uart_model.tx_cleared);
	ktap_expect(t, wire_is("early\r\n"), "the wire holds \"%.*s\"", (int)uart_model.wire_len, uart_model.wire);
}

static void serial_devices_are_named_after_their_port(struct ktap *t)
{
	static const struct { uint16_t base; const char *name; } ports[] = {
		{ 0x3f8, "ttyS0" }, { 0x2f8, "ttyS1" }, { 0x3e8, "ttyS2" }, { 0x2e8, "ttyS3" }, { 0x3000, "uart@0x3000" },
	};

	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		console_world_restart_uart_at(ports[i].base);
		if (!ktap_expect(t, world.ndevs == 1, "no device for a UART at %#x", ports[i].base))
			continue;
		ktap_expect(t, strcmp(world.dev->name, ports[i].name) == 0, "port %#x: named %s, expected %s",
			    ports[i].base, world.dev->name, ports[i].name);
	}
}

static void serial_port_tunable_finds_only_that_uart(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();

	console_world_set_tunable("console_serial", "port", 0x2f8);
	console_world_start(&opt);
	ktap_expect(t, world.ndevs == 0, "registered a device at 0x2f8 where no UART is");
	ktap_expect(t, console_world_log_has("no UART at port 0x2f8"), "log: %s", host_kprintf_log());
}

static void serial_wedged_transmitter_gives_eio(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();

	opt.uart_tx_stuck = true;
	console_world_start(&opt);
	if (!ktap_expect(t, world.ndevs == 1, "no device"))
		return;
	ktap_expect(t, console_world_write("stuck") == -EIO, "write to a wedged UART did not give -EIO");
	ktap_expect(t, console_flush(world.dev) == -EIO, "flush of a wedged UART did not give -EIO");
}

static void serial_flush_waits_until_the_line_is_idle(struct ktap *t)
{
	console_world_write("0123456789abcdef0123");
	ktap_expect(t, console_flush(world.dev) == 0, "flush failed");
	ktap_expect(t, uart_model.tx_count == 0 && !uart_model.shifting, "flush returned with bytes still to send");
	ktap_expect(t, uart_model.wire_len == 20, "%zu of 20 bytes on the wire after flush", uart_model.wire_len);
}

static void serial_read_returns_received_bytes_in_order(struct ktap *t)
{
	uint8_t buf[8];
	long n;

	uart_model_receive((const uint8_t *)"hi!", NULL, 3);
	n = console_read(world.dev, buf, sizeof(buf));
	ktap_expect(t, n == 3 && memcmp(buf, "hi!", 3) == 0, "read gave %ld bytes", n);
	ktap_expect(t, console_read(world.dev, buf, sizeof(buf)) == -EAGAIN, "a second read did not give -EAGAIN");
}

static void serial_read_stops_at_the_buffer_length(struct ktap *t)
{
	uint8_t buf[8];

	uart_model_receive((const uint8_t *)"abcde", NULL, 5);
	ktap_expect(t, console_read(world.dev, buf, 2) == 2 && memcmp(buf, "ab", 2) == 0, "first read");
	ktap_expect(t, console_read(world.dev, buf, sizeof(buf)) == 3 && memcmp(buf, "cde", 3) == 0, "second read");
}

static void serial_read_drops_damaged_bytes(struct ktap *t)
{
	const uint8_t framing = 0x08, parity = 0x04;
	const uint8_t errors[] = { 0, framing, 0, parity, 0 };
	uint8_t buf[8];
	long n;

	uart_model_receive((const uint8_t *)"aXbYc", errors, 5);
	n = console_read(world.dev, buf, sizeof(buf));
	ktap_expect(t, n == 3 && memcmp(buf, "abc", 3) == 0, "read gave %ld bytes \"%.*s\"", n, n > 0 ? (int)n : 0, buf);
}

const struct ktap_case console_serial_cases[] = {
	KTAP_CASE(serial_newline_goes_out_as_crlf),
	KTAP_CASE(serial_other_bytes_go_out_unchanged),
	KTAP_CASE(serial_programs_115200_8n1_polled_with_fifo),
	KTAP_CASE(serial_baud_tunable_sets_the_divisor),
	KTAP_CASE(serial_never_overruns_the_transmitter),
	KTAP_CASE(serial_without_fifo_sends_one_byte_per_wait),
	KTAP_CASE(serial_init_keeps_the_early_consoles_last_bytes),
	KTAP_CASE(serial_devices_are_named_after_their_port),
	KTAP_CASE(serial_port_tunable_finds_only_that_uart),
	KTAP_CASE(serial_wedged_transmitter_gives_eio),
	KTAP_CASE(serial_flush_waits_until_the_line_is_idle),
	KTAP_CASE(serial_read_returns_received_bytes_in_order),
	KTAP_CASE(serial_read_stops_at_the_buffer_length),
	KTAP_CASE(serial_read_drops_damaged_bytes),
	{ 0 },
};
