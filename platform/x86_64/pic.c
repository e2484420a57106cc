/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 8259A pair. Firmware leaves its lines at vectors 8-15, on top of
 * the CPU's exceptions (the PIT's IRQ 0 would pose as a double fault), so
 * pic_init() reprograms both chips before interrupts are ever enabled,
 * then masks every line: with a local APIC they are never used; without
 * one, irq.c unmasks the lines that get handlers. Called only from irq.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "pic.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

#define ICW1_INIT_WITH_ICW4 0x11 /* edge triggered, cascaded, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_ISR 0x0b

#define PIC_CASCADE_LINE 2 /* the second PIC's output enters the first here */
#define PIC_LINES_PER_CHIP 8

/* Each chip's mask register, as last written (reads are port accesses). */
static uint8_t pic_masks[2] = { 0xff, 0xff };

static uint16_t pic_data_port(unsigned line)
{
	return line < PIC_LINES_PER_CHIP ? PIC1_DATA : PIC2_DATA;
}

static void pic_write_masks(void)
{
	ioport_outb(PIC1_DATA, pic_masks[0]);
	ioport_outb(PIC2_DATA, pic_masks[1]);
}

/* The initialisation sequence: ICW1 on the command port, then ICW2
 * (vector base), ICW3 (cascade wiring) and ICW4 on the data port, with the
 * customary delay after each write for old chips. */
static void pic_init_chip(uint16_t cmd, uint16_t data, uint8_t base, uint8_t cascade)
{
	ioport_outb(cmd, ICW1_INIT_WITH_ICW4);
	cpu_io_wait();
	ioport_outb(data, base);
	cpu_io_wait();
	ioport_outb(data, cascade);
	cpu_io_wait();
	ioport_outb(data, ICW4_8086);
	cpu_io_wait();
}

/**
 * pic_init() - Move both PICs' lines to vector_base..vector_base + 15 and
 * mask them all.
 * @vector_base: the first PIC's line 0; a multiple of 8.
 *
 * Context: once, interrupts disabled.
 */
void pic_init(unsigned vector_base)
{
	pic_init_chip(PIC1_CMD, PIC1_DATA, (uint8_t)vector_base, 1 << PIC_CASCADE_LINE);
	pic_init_chip(PIC2_CMD, PIC2_DATA, (uint8_t)(vector_base + PIC_LINES_PER_CHIP), PIC_CASCADE_LINE);
	pic_masks[0] = pic_masks[1] = 0xff;
	pic_write_masks();
}

void pic_unmask(unsigned line)
{
	pic_masks[line / PIC_LINES_PER_CHIP] &= (uint8_t)~(1u << line % PIC_LINES_PER_CHIP);
	/* A line on the second chip reaches the CPU through the cascade. */
	if (line >= PIC_LINES_PER_CHIP)
		pic_masks[0] &= (uint8_t)~(1u << PIC_CASCADE_LINE);
	ioport_outb(pic_data_port(line), pic_masks[line / PIC_LINES_PER_CHIP]);
	ioport_outb(PIC1_DATA, pic_masks[0]);
}

void pic_mask(unsigned line)
{
	pic_masks[line / PIC_LINES_PER_CHIP] |= (uint8_t)(1u << line % PIC_LINES_PER_CHIP);
	ioport_outb(pic_data_port(line), pic_masks[line / PIC_LINES_PER_CHIP]);
}

void pic_eoi(unsigned line)
{
	if (line >= PIC_LINES_PER_CHIP)
		ioport_outb(PIC2_CMD, OCW2_EOI);
	ioport_outb(PIC1_CMD, OCW2_EOI);
}

static uint8_t pic_in_service(uint16_t cmd)
{
	ioport_outb(cmd, OCW3_READ_ISR);
	return ioport_inb(cmd);
}

bool pic_is_spurious(unsigned line)
{
	if (line == 7)
		return !(pic_in_service(PIC1_CMD) & 0x80);
	if (line != 15 || pic_in_service(PIC2_CMD) & 0x80)
		return false;
	/* The first chip did see a request, on the cascade line. */
	ioport_outb(PIC1_CMD, OCW2_EOI);
	return true;
}
