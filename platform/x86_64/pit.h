/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The 8254 programmable interval timer: channel 2 as the reference clock.c
 * calibrates the TSC against, channel 0 as the tick (IRQ 0) on CPUs
 * without a local APIC (timer.c).
 */
#ifndef TESSERA_X86_64_PIT_H
#define TESSERA_X86_64_PIT_H

#include <stdint.h>

/* The input clock: 14.31818 MHz / 12, rounded as QEMU and Linux round it. */
#define PIT_HZ 1193182

/* Channel 2 counts down from 0xffff, once per PIT_HZ, wrapping at zero. */
void pit_counter_start(void);
uint16_t pit_counter_read(void);
void pit_counter_stop(void);

/* Channel 0 interrupts periodically at PIT_HZ / divisor (divisor 2-65535). */
void pit_periodic_start(uint16_t divisor);
/* Channel 0 stops interrupting (it waits for a count that never comes). */
void pit_periodic_stop(void);

#endif
