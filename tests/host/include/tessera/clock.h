/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/clock.h>: simulated time for components under
 * host tests (the kernel-thread provider's tick and timeouts). Time stands
 * still until a test delivers a tick (host_tick() in the thread tests'
 * host_platform.c, which defines these), so every run sees the same times.
 */
#ifndef TESSERA_CLOCK_H
#define TESSERA_CLOCK_H

#include <stdint.h>

/* Nanoseconds since the simulated boot; advances only with the ticks. */
uint64_t platform_clock_ns(void);

/* Called on every tick, interrupts disabled, with the time of that tick. */
typedef void platform_tick_fn(uint64_t now_ns);

/* Have a function called on every tick (NULL for none). */
void platform_set_tick_handler(platform_tick_fn *fn);

/* Ticks delivered so far. */
uint64_t platform_ticks(void);

/* The simulated tick rate: 250 Hz, the kernel's default. */
unsigned platform_tick_hz(void);

#endif
