/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86 port I/O (the in and out instructions) for drivers: the 16550 UART
 * and the VGA CRT controller in components/console/. The instructions stay
 * in the platform; host tests give drivers a model instead of this header
 * (tests/conformance/console/doubles/platform/).
 */
#ifndef TESSERA_IOPORT_H
#define TESSERA_IOPORT_H

#include <stdint.h>

/*
 * No "memory" clobber: port accesses are ordered among themselves by the
 * volatile asm, and drivers do not share memory with a device through
 * ports. "Nd": ports below 256 encode as an immediate, others go in dx.
 */

static inline uint8_t ioport_inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void ioport_outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint16_t ioport_inw(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void ioport_outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint32_t ioport_inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void ioport_outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

#endif
