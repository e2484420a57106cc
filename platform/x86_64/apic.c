/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The local APIC, xAPIC mode: 32-bit registers, 16 bytes apart, in a 4 KiB
 * page of physical address space (0xfee00000 unless moved) that the direct
 * map covers. The direct map is write-back in the page tables, but the
 * firmware's MTRRs make the APIC page uncached, and an APIC access never
 * reaches memory anyway. x2APIC mode (MSRs) is not used: QEMU 7.2 does not
 * offer it under TCG, so it could not be tested, and every x2APIC CPU also
 * runs in xAPIC mode. Called from irq.c and timer.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "apic.h"
#include "cpu.h"
#include "layout.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_X2APIC (1ULL << 10)
#define APIC_BASE_ENABLE (1ULL << 11)
#define APIC_BASE_ADDR_MASK 0x000ffffffffff000ULL

/* Register offsets. */
#define APIC_ID 0x020
#define APIC_VERSION 0x030
#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_ISR 0x100 /* eight registers of 32 vectors each */
#define APIC_ESR 0x280
#define APIC_ICR_LOW 0x300
#define APIC_ICR_HIGH 0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INITIAL 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0

#define APIC_SVR_ENABLE (1u << 8)
#define APIC_LVT_MASKED (1u << 16)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)
#define APIC_DELIVERY_NMI (4u << 8)
#define APIC_DELIVERY_EXTINT (7u << 8)
#define APIC_ICR_PENDING (1u << 12)
#define APIC_ICR_ASSERT (1u << 14)
#define APIC_ICR_TO_SELF (1u << 18)
#define APIC_TIMER_DIVIDE_BY_16 0x3

static volatile uint32_t *apic_regs;

static uint32_t apic_read(uint32_t reg)
{
	return apic_regs[reg / 4];
}

static void apic_write(uint32_t reg, uint32_t value)
{
	apic_regs[reg / 4] = value;
}

/* The APIC's MMIO page, enabled in xAPIC mode; NULL without an APIC. */
static volatile uint32_t *apic_map(void)
{
	uint64_t base;

	if (!(cpu_cpuid(1).edx & CPUID_1_EDX_APIC))
		return NULL;
	base = cpu_rdmsr(MSR_APIC_BASE);
	/* x2APIC to xAPIC is only allowed through the disabled state. */
	if (base & APIC_BASE_X2APIC) {
		base &= ~(APIC_BASE_X2APIC | APIC_BASE_ENABLE);
		cpu_wrmsr(MSR_APIC_BASE, base);
	}
	cpu_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	base &= APIC_BASE_ADDR_MASK;
	if (base >= DIRECT_MAP_SIZE)
		panic("apic: registers at %#lx, beyond the direct map", base);
	return (volatile uint32_t *)(uintptr_t)(DIRECT_MAP_BASE + base);
}

/**
 * apic_init() - Enable this CPU's local APIC.
 * @spurious_vector: where the APIC sends an interrupt that vanished
 *                   before the CPU took it (no EOI for those).
 * @error_vector: where it reports its own errors (bad vectors, ...).
 *
 * The 8259 PICs' output (LINT0) is masked: with an APIC, the platform
 * takes no interrupts from them. LINT1 stays the NMI input. Every other
 * local source is masked until its driver unmasks it.
 *
 * Context: once, interrupts disabled, after paging_init().
 * Return: false when the CPU has no local APIC.
 */
bool apic_init(unsigned spurious_vector, unsigned error_vector)
{
	apic_regs = apic_map();
	if (!apic_regs)
		return false;
	apic_write(APIC_TPR, 0); /* accept every priority class */
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED | APIC_DELIVERY_EXTINT);
	apic_write(APIC_LVT_LINT1, APIC_DELIVERY_NMI);
	apic_write(APIC_LVT_ERROR, error_vector);
	/* The error status latches on a write; two clear what firmware left. */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | spurious_vector);
	kprintf("apic: local APIC id %u, version %#x, registers at %#lx\n", apic_read(APIC_ID) >> 24,
		apic_read(APIC_VERSION) & 0xff, (uint64_t)(uintptr_t)apic_regs - DIRECT_MAP_BASE);
	return true;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

uint32_t apic_error_status(void)
{
	/* The register shows the errors latched by the last write to it. */
	apic_write(APIC_ESR, 0);
	return apic_read(APIC_ESR);
}

bool apic_is_in_service(unsigned vector)
{
	return apic_read(APIC_ISR + vector / 32 * 0x10) & (1u << vector % 32);
}

void apic_send_self_ipi(unsigned vector)
{
	while (apic_read(APIC_ICR_LOW) & APIC_ICR_PENDING)
		cpu_pause();
	apic_write(APIC_ICR_HIGH, 0);
	apic_write(APIC_ICR_LOW, APIC_ICR_TO_SELF | APIC_ICR_ASSERT | vector);
}

void apic_timer_start(unsigned vector, uint32_t count, bool periodic, bool masked)
{
	apic_write(APIC_TIMER_DIVIDE, APIC_TIMER_DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, vector | (periodic ? APIC_LVT_TIMER_PERIODIC : 0) |
					   (masked ? APIC_LVT_MASKED : 0));
	/* Writing the initial count starts the countdown. */
	apic_write(APIC_TIMER_INITIAL, count);
}

uint32_t apic_timer_current(void)
{
	return apic_read(APIC_TIMER_CURRENT);
}

void apic_timer_stop(void)
{
	apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
	apic_write(APIC_TIMER_INITIAL, 0);
}
