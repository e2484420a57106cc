/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupts and exceptions: struct trap_frame, as trap_entry.S saves it,
 * the IDT (trap_init(), called from start.c) and trap_dispatch(), where
 * every vector lands. For now every vector ends in a panic report.
 */
#ifndef TESSERA_X86_64_TRAP_H
#define TESSERA_X86_64_TRAP_H

#include <stdint.h>

/* Lowest address first: the pushes of trap_common, then the stub's, then
 * the CPU's. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code; /* 0 for vectors without one */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_VECTORS 256
#define TRAP_EXCEPTIONS 32 /* vectors 0-31 are the CPU's */

void trap_init(void);
void trap_dispatch(struct trap_frame *frame);

#endif
