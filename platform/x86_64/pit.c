/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 8254 PIT. Channel 2's gate and output are wired to port 0x61 rather
 * than to an interrupt, which makes it the classic free-running reference
 * for calibrating the TSC (clock.c); channel 0 drives IRQ 0, the tick
 * when there is no local APIC (timer.c).
 */
#include <stdint.h>

#include "cpu.h"
#include "pit.h"

#define PIT_CHANNEL0 0x40
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_PORT_B 0x61 /* the keyboard controller's port B */

#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02

/* Command bits: channel (7-6), access (5-4), mode (3-1), binary (0). */
#define PIT_SELECT_CHANNEL0 0x00
#define PIT_SELECT_CHANNEL2 0x80
#define PIT_ACCESS_LATCH 0x00
#define PIT_ACCESS_LOW_HIGH 0x30
#define PIT_MODE_TERMINAL_COUNT 0x00 /* mode 0: count down once (and wrap) */
#define PIT_MODE_RATE 0x04 /* mode 2: reload at 1, one pulse per period */

static void pit_load(uint16_t port, uint16_t count)
{
	ioport_outb(port, count & 0xff);
	ioport_outb(port, count >> 8);
}

void pit_counter_start(void)
{
	uint8_t port_b = ioport_inb(PIT_PORT_B);

	/* Gate on, speaker off: the channel counts without a sound. */
	ioport_outb(PIT_PORT_B, (uint8_t)((port_b & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	ioport_outb(PIT_COMMAND, PIT_SELECT_CHANNEL2 | PIT_ACCESS_LOW_HIGH | PIT_MODE_TERMINAL_COUNT);
	pit_load(PIT_CHANNEL2, 0xffff);
}

/* The latch command freezes the count for the two reads that follow. */
uint16_t pit_counter_read(void)
{
	uint8_t low, high;

	ioport_outb(PIT_COMMAND, PIT_SELECT_CHANNEL2 | PIT_ACCESS_LATCH);
	low = ioport_inb(PIT_CHANNEL2);
	high = ioport_inb(PIT_CHANNEL2);
	return (uint16_t)(high << 8 | low);
}

void pit_counter_stop(void)
{
	ioport_outb(PIT_PORT_B, ioport_inb(PIT_PORT_B) & ~(PORT_B_GATE2 | PORT_B_SPEAKER));
}

void pit_periodic_start(uint16_t divisor)
{
	ioport_outb(PIT_COMMAND, PIT_SELECT_CHANNEL0 | PIT_ACCESS_LOW_HIGH | PIT_MODE_RATE);
	pit_load(PIT_CHANNEL0, divisor);
}

void pit_periodic_stop(void)
{
	ioport_outb(PIT_COMMAND, PIT_SELECT_CHANNEL0 | PIT_ACCESS_LOW_HIGH | PIT_MODE_TERMINAL_COUNT);
}
