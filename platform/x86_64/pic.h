/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The two legacy 8259 interrupt controllers, cascaded: pic_init() (from
 * irq.c) moves their 16 lines to vectors 32-47 and masks them all; without
 * a local APIC irq.c unmasks, acknowledges and filters lines through here.
 */
#ifndef TESSERA_X86_64_PIC_H
#define TESSERA_X86_64_PIC_H

#include <stdbool.h>

void pic_init(unsigned vector_base);
void pic_unmask(unsigned line);
void pic_mask(unsigned line);
/* Acknowledges the line's interrupt (and the cascade's, for the second PIC). */
void pic_eoi(unsigned line);
/* Whether an interrupt on line 7 or 15 is a spurious one (a request that
 * went away before the CPU acknowledged it), which needs no handler and,
 * on line 7, no EOI. Acknowledges the cascade for a spurious line 15. */
bool pic_is_spurious(unsigned line);

#endif
