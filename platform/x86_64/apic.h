/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The local APIC in xAPIC mode, through its registers in the direct map:
 * enabling it with a spurious vector (irq.c), the end-of-interrupt and
 * in-service check (irq.c), self-IPIs (irq_raise()) and its timer
 * (timer.c).
 */
#ifndef TESSERA_X86_64_APIC_H
#define TESSERA_X86_64_APIC_H

#include <stdbool.h>
#include <stdint.h>

/* The timer counts the bus clock divided by this (see timer.c). */
#define APIC_TIMER_DIVISOR 16

/* Enables the local APIC, false when the CPU has none. */
bool apic_init(unsigned spurious_vector, unsigned error_vector);
void apic_eoi(void);
/* Reads and clears the error status (the reason for an error interrupt). */
uint32_t apic_error_status(void);
/* Whether the APIC delivered vector and waits for its EOI: false for an
 * `int` instruction's vector, which the APIC never saw. */
bool apic_is_in_service(unsigned vector);
void apic_send_self_ipi(unsigned vector);

/* Starts the timer from count (divided by APIC_TIMER_DIVISOR), once or
 * reloading it at zero; the timer interrupts on vector unless masked. */
void apic_timer_start(unsigned vector, uint32_t count, bool periodic, bool masked);
uint32_t apic_timer_current(void);
void apic_timer_stop(void);

#endif
