/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform's side of <tessera/irq.h>: irq_init() (start.c) picks the
 * interrupt controller, irq_dispatch() (trap.c) runs a vector's handler.
 */
#ifndef TESSERA_X86_64_IRQ_H
#define TESSERA_X86_64_IRQ_H

#include <stdbool.h>

#include <tessera/irq.h>

void irq_init(void);
void irq_dispatch(struct trap_frame *frame);
/* Whether interrupts come through the local APIC (else the 8259 PICs). */
bool irq_has_apic(void);

#endif
