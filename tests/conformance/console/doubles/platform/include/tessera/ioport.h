/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/ioport.h>: the same functions as
 * platform/x86_64's, but each port access goes to the machine model of
 * port_model.c (a 16550 UART and a VGA's registers) instead of an
 * instruction. Console drivers under the conformance suite include it.
 */
#ifndef TESSERA_IOPORT_H
#define TESSERA_IOPORT_H

#include <stdint.h>

uint8_t port_model_in8(uint16_t port);
void port_model_out8(uint16_t port, uint8_t value);

static inline uint8_t ioport_inb(uint16_t port)
{
	return port_model_in8(port);
}

static inline void ioport_outb(uint16_t port, uint8_t value)
{
	port_model_out8(port, value);
}

/* Wider accesses reach the byte registers one after another, low byte
 * first, as an 8-bit ISA device sees them. */
static inline uint16_t ioport_inw(uint16_t port)
{
	return (uint16_t)(port_model_in8(port) | port_model_in8((uint16_t)(port + 1)) << 8);
}

static inline void ioport_outw(uint16_t port, uint16_t value)
{
	port_model_out8(port, (uint8_t)value);
	port_model_out8((uint16_t)(port + 1), (uint8_t)(value >> 8));
}

static inline uint32_t ioport_inl(uint16_t port)
{
	return ioport_inw(port) | (uint32_t)ioport_inw((uint16_t)(port + 2)) << 16;
}

static inline void ioport_outl(uint16_t port, uint32_t value)
{
	ioport_outw(port, (uint16_t)value);
	ioport_outw((uint16_t)(port + 2), (uint16_t)(value >> 16));
}

#endif
