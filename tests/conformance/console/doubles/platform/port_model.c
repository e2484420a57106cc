/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The port I/O bus of the console suite's machine (port_model.h): each
 * access goes to the device that decodes the port; nothing answers
 * elsewhere, and an empty port reads 0xff as on a PC.
 */
#include <tessera/ioport.h>

#include "port_model.h"

struct port_model_options port_model_defaults(void)
{
	return (struct port_model_options){ .uart_base = 0x3f8, .uart_has_fifo = true, .vga = true };
}

void port_model_reset(const struct port_model_options *opt)
{
	uart_model_reset(opt);
	vga_model_reset(opt);
}

uint8_t port_model_in8(uint16_t port)
{
	uint8_t value;

	if (uart_model_in(port, &value) || vga_model_in(port, &value))
		return value;
	return 0xff;
}

void port_model_out8(uint16_t port, uint8_t value)
{
	if (!uart_model_out(port, value))
		vga_model_out(port, value);
}
