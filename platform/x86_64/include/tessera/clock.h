/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time on x86_64: a monotonic clock from the TSC (clock.c, calibrated
 * against the PIT at boot) and the periodic tick (timer.c: the local
 * APIC's timer, or the PIT without an APIC). For the kernel's scheduler,
 * timeouts and log; start_kernel() sets both up before kmain().
 */
#ifndef TESSERA_CLOCK_H
#define TESSERA_CLOCK_H

#include <stdint.h>

/**
 * platform_clock_ns() - Nanoseconds since boot.
 *
 * Boot is start_kernel()'s first instruction. Monotonic, and never
 * affected by lost or late ticks: it reads the TSC. Cheap (rdtsc, a
 * multiplication, a shift).
 *
 * Context: any.
 * Return: the time, or 0 until the clock is calibrated (before kmain()).
 */
uint64_t platform_clock_ns(void);

/**
 * platform_tsc_hz() - The TSC's frequency, as calibrated at boot.
 *
 * Return: ticks of the TSC per second, or 0 before the calibration.
 */
uint64_t platform_tsc_hz(void);

/**
 * platform_cycles() - The CPU's cycle counter (the TSC), read after every
 * earlier instruction has completed (lfence), for timing short stretches of
 * code; convert with platform_tsc_hz().
 */
static inline uint64_t platform_cycles(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Called on every tick, in interrupt context (interrupts disabled), with
 * platform_clock_ns() read at that tick. */
typedef void platform_tick_fn(uint64_t now_ns);

/**
 * platform_set_tick_handler() - Have a function called on every tick.
 * @fn: the handler, or NULL for none (the default).
 *
 * Ticks start arriving once the kernel enables interrupts; the count in
 * platform_ticks() advances whether a handler is set or not. Time a
 * handler by @now_ns, not by counting ticks: a tick that arrives while an
 * earlier one is still pending (interrupts disabled for longer than a
 * period, a busy host) is merged into it.
 *
 * Context: any; takes effect from the next tick.
 */
void platform_set_tick_handler(platform_tick_fn *fn);

/**
 * platform_ticks() - Ticks handled since interrupts were first enabled.
 */
uint64_t platform_ticks(void);

/**
 * platform_tick_hz() - The tick rate: 250 Hz unless the command line
 * says hz=N (20 <= N <= 10000).
 */
unsigned platform_tick_hz(void);

#endif
