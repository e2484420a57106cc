/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The periodic tick: the local APIC's timer, calibrated against the TSC,
 * or without an APIC the PIT's channel 0 on IRQ 0. Each tick counts and
 * calls the kernel's handler (platform_set_tick_handler()) with the time.
 * timer_init() runs from start_kernel() after clock_init() and irq_init().
 *
 * The default rate is 250 Hz. Time does not come from ticks (the clock
 * reads the TSC), so the rate only sets how often the kernel can preempt
 * and how fine a timeout can be without a one-shot timer: 4 ms is plenty
 * for time slices. Each tick costs an interrupt entry, dispatch, EOI and
 * return, all emulated here: about 2-7 us under TCG, where 1000 Hz
 * already loses 1 % of its ticks (merged while QEMU catches up) and
 * 10 kHz a quarter, and far more under the nested hypervisor some of our
 * machines offer as "kvm", which emulates kernel code at ~1 us an
 * instruction (QEMU-NOTES): there a few hundred instructions a tick at
 * 1000 Hz would take a fifth of the CPU or more. Debian's Linux is
 * built for 250 Hz too. hz=N on the command line overrides it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "apic.h"
#include "clock.h"
#include "cmdline.h"
#include "error_numbers.h"
#include "cpu.h"
#include "irq.h"
#include "pit.h"
#include "timer.h"

#define TIMER_DEFAULT_HZ 250
#define TIMER_MIN_HZ 20 /* the PIT cannot go slower than 18.2 Hz */
#define TIMER_MAX_HZ 10000
/* Reading the APIC's count takes ~0.3 us under TCG, at most a few hundred
 * ppm of this (measured: within 30 ppm of QEMU's 62.5 MHz). */
#define TIMER_CALIBRATION_US 1000
#define TIMER_SAMPLE_READS 3

#define USEC_PER_SEC 1000000

/* Configuration, set once by timer_init(). */
static unsigned timer_hz;
static const char *timer_source_name = "none";
/* Written only by the tick (interrupts disabled); read anywhere. */
static volatile uint64_t timer_ticks;
static platform_tick_fn *volatile timer_tick_handler;

static void timer_tick(struct trap_frame *frame, void *ctx)
{
	platform_tick_fn *handler = timer_tick_handler;

	(void)frame;
	(void)ctx;
	timer_ticks++;
	if (handler)
		handler(platform_clock_ns());
}

static unsigned timer_parse_hz(const char *cmdline)
{
	uint64_t hz;
	int err = cmdline_get_uint(cmdline, "hz", &hz);

	if (err == -ENOENT)
		return TIMER_DEFAULT_HZ;
	if (err || hz < TIMER_MIN_HZ || hz > TIMER_MAX_HZ) {
		kprintf("timer: hz= wants a number from %u to %u; using %u\n", TIMER_MIN_HZ, TIMER_MAX_HZ,
			TIMER_DEFAULT_HZ);
		return TIMER_DEFAULT_HZ;
	}
	return (unsigned)hz;
}

/*
 * The APIC timer's count and, on the TSC, the middle of the read: the
 * narrowest of a few, since the first read under TCG includes
 * translating the code and the host may interrupt any of them.
 */
static uint32_t timer_apic_sample(uint64_t *tsc)
{
	uint64_t best = UINT64_MAX;
	uint32_t count = 0;

	for (int i = 0; i < TIMER_SAMPLE_READS; i++) {
		uint64_t before = cpu_rdtsc();
		uint32_t c = apic_timer_current();
		uint64_t width = cpu_rdtsc() - before;

		if (width < best) {
			best = width;
			count = c;
			*tsc = before + width / 2;
		}
	}
	return count;
}

/* The APIC timer's rate (bus clock / APIC_TIMER_DIVISOR) on the TSC,
 * counting down once, masked, from its largest count. */
static uint64_t timer_apic_hz(void)
{
	uint64_t tsc_hz = platform_tsc_hz(), start = 0, end = 0;
	uint32_t first, last;

	apic_timer_start(IRQ_VECTOR_TIMER, UINT32_MAX, false, true);
	first = timer_apic_sample(&start);
	while (cpu_rdtsc() - start < tsc_hz * TIMER_CALIBRATION_US / USEC_PER_SEC)
		cpu_pause();
	last = timer_apic_sample(&end);
	apic_timer_stop();
	return (uint64_t)(first - last) * tsc_hz / (end - start);
}

static void timer_start_apic(unsigned hz)
{
	uint64_t apic_hz = timer_apic_hz();
	uint64_t count = (apic_hz + hz / 2) / hz;

	if (count == 0 || count > UINT32_MAX)
		panic("timer: the APIC timer runs at %lu Hz, which cannot make %u Hz", apic_hz, hz);
	/* The PIT's channel 0 may still run from the firmware, uselessly. */
	pit_periodic_stop();
	if (irq_register(IRQ_VECTOR_TIMER, timer_tick, NULL))
		panic("timer: vector %u is taken", IRQ_VECTOR_TIMER);
	apic_timer_start(IRQ_VECTOR_TIMER, (uint32_t)count, true, false);
	timer_source_name = "local APIC";
	kprintf("timer: local APIC timer at %u Hz (vector %u): %lu.%03lu kHz, %lu counts a tick\n", hz,
		IRQ_VECTOR_TIMER, apic_hz / 1000, apic_hz % 1000, count);
}

static void timer_start_pit(unsigned hz)
{
	uint16_t divisor = (uint16_t)((PIT_HZ + hz / 2) / hz);

	if (irq_register(IRQ_VECTOR_LEGACY_BASE, timer_tick, NULL))
		panic("timer: vector %u is taken", IRQ_VECTOR_LEGACY_BASE);
	pit_periodic_start(divisor);
	timer_source_name = "PIT";
	kprintf("timer: PIT at %u Hz (IRQ 0, vector %u): divisor %u\n", hz, IRQ_VECTOR_LEGACY_BASE,
		divisor);
}

/**
 * timer_init() - Start the periodic tick at hz= (or 250 Hz).
 * @cmdline: the kernel command line.
 *
 * Context: once, from start_kernel(), interrupts disabled: the first tick
 * is delivered when the kernel enables them.
 */
void timer_init(const char *cmdline)
{
	timer_hz = timer_parse_hz(cmdline);
	if (irq_has_apic())
		timer_start_apic(timer_hz);
	else
		timer_start_pit(timer_hz);
}

const char *timer_source(void)
{
	return timer_source_name;
}

void platform_set_tick_handler(platform_tick_fn *fn)
{
	timer_tick_handler = fn;
}

uint64_t platform_ticks(void)
{
	return timer_ticks;
}

unsigned platform_tick_hz(void)
{
	return timer_hz;
}
