/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupts and exceptions: the IDT (trap_init(), called from start.c)
 * and trap_dispatch(), where trap_entry.S delivers every vector taken in
 * ring 0: CPU exceptions end in a panic report (but for faults inside a
 * uaccess copy), vectors 32-255 go to irq.c. Ring 3's go to user_trap.c.
 */
#ifndef TESSERA_X86_64_TRAP_H
#define TESSERA_X86_64_TRAP_H

#include <stdint.h>

#include <tessera/irq.h> /* struct trap_frame */

#define TRAP_VECTORS 256
#define TRAP_EXCEPTIONS 32 /* vectors 0-31 are the CPU's */

void trap_init(void);
void trap_dispatch(struct trap_frame *frame);

/* The panic report for a trap nobody handles: an exception, or an
 * interrupt on a vector without a handler (irq.c). */
void trap_report(const struct trap_frame *frame) __attribute__((noreturn));

#endif
