/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GDT and the TSS. Long mode ignores segment bases and limits except
 * for the TSS, so the code and data descriptors only set type, DPL and
 * the L bit. The TSS matters for its IST stacks, on which double faults,
 * NMIs and machine checks run whatever the state of the current stack.
 */
#include <stddef.h>
#include <stdint.h>

#include "gdt.h"
#include "layout.h"

/* The 64-bit TSS, as the CPU reads it. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stacks for entry from rings 0-2 (rsp[0]: from user) */
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* past the limit: no I/O permission bitmap */
} __attribute__((packed));

#define DESC_CODE64 0x00209a0000000000 /* present, DPL 0, execute/read, L */
#define DESC_DATA 0x0000920000000000 /* present, DPL 0, read/write */
#define DESC_DPL3 0x0000600000000000
#define DESC_TSS_AVAILABLE 0x89 /* present, 64-bit TSS, not busy */

/* Read by entry.S (lgdt) before paging is on: keep it in .data, non-static. */
uint64_t gdt_table[GDT_ENTRIES] __attribute__((aligned(16))) = {
	[GDT_KERNEL_CODE / 8] = DESC_CODE64,
	[GDT_KERNEL_DATA / 8] = DESC_DATA,
	[GDT_USER_DATA / 8] = DESC_DATA | DESC_DPL3,
	[GDT_USER_CODE / 8] = DESC_CODE64 | DESC_DPL3,
};

static struct tss gdt_tss __attribute__((aligned(16)));
static uint8_t gdt_ist_stacks[IST_STACKS][IST_STACK_SIZE] __attribute__((aligned(16)));

extern char boot_stack_top[];

/* A system-segment descriptor takes two slots: the base's top half goes
 * into the second. */
static void gdt_set_tss_descriptor(uint64_t base, uint32_t limit)
{
	uint64_t low = (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) |
		       ((uint64_t)DESC_TSS_AVAILABLE << 40) | ((uint64_t)(limit >> 16 & 0xf) << 48) |
		       ((base >> 24 & 0xff) << 56);

	gdt_table[GDT_TSS / 8] = low;
	gdt_table[GDT_TSS / 8 + 1] = base >> 32;
}

/**
 * gdt_init() - Complete the TSS and load the task register.
 *
 * Context: once, on the boot stack, before any IST vector can fire.
 */
void gdt_init(void)
{
	for (int i = 0; i < IST_STACKS; i++)
		gdt_tss.ist[i] = (uint64_t)(uintptr_t)(gdt_ist_stacks[i] + IST_STACK_SIZE);
	gdt_tss.rsp[0] = (uint64_t)(uintptr_t)boot_stack_top;
	gdt_tss.iomap_base = sizeof(gdt_tss);
	gdt_set_tss_descriptor((uint64_t)(uintptr_t)&gdt_tss, sizeof(gdt_tss) - 1);
	__asm__ volatile("ltr %w0" : : "r"(GDT_TSS) : "memory");
}

/**
 * gdt_set_kernel_stack() - Set the stack traps from ring 3 start on.
 * @stack_top: the running user thread's kernel stack top, 16-byte aligned.
 *
 * Context: interrupts disabled (a trap between here and the switch to the
 * thread would land on the wrong stack); usermode.c calls it.
 */
void gdt_set_kernel_stack(uint64_t stack_top)
{
	gdt_tss.rsp[0] = stack_top;
}
