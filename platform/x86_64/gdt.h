/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The GDT (kernel and user segments, the TSS) and the TSS's interrupt
 * stacks. entry.S loads the GDT; gdt_init() (from start.c) completes the
 * TSS descriptor and loads the task register. trap.c picks IST slots.
 */
#ifndef TESSERA_X86_64_GDT_H
#define TESSERA_X86_64_GDT_H

#include <stdint.h>

#include "layout.h"

/* Interrupt Stack Table slots (1-based, as IDT gates name them): vectors
 * that must not run on a possibly broken stack. */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3
#define IST_STACKS 3
#define IST_STACK_SIZE 16384

extern uint64_t gdt_table[GDT_ENTRIES];

void gdt_init(void);
/* Where the CPU switches stacks on a trap from user mode (TSS.RSP0). */
void gdt_set_kernel_stack(uint64_t stack_top);

#endif
