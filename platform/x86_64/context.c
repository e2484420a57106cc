/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A new thread's first stack frame, laid out as platform_context_switch()
 * (switch.S) pops it, so that switching to the thread the first time runs
 * its start function. For the kernel's thread creation.
 */
#include <stdint.h>

#include <tessera/context.h>

void platform_context_trampoline(void);

/* What switch.S pushes, lowest address first, and the return address. */
struct context_frame {
	uint64_t rflags;
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t rip;
};

/* RFLAGS with only the always-one bit: interrupts off until the start
 * function turns them on, as the switch that first runs it had them. */
#define CONTEXT_RFLAGS_INITIAL 0x2

void *platform_context_prepare(void *stack_top, platform_context_start_fn *start, void *arg)
{
	/* After the first switch's `ret` the stack pointer is the aligned top,
	 * so the trampoline's call gives start() the ABI's alignment. */
	uintptr_t top = (uintptr_t)stack_top & ~(uintptr_t)15;
	struct context_frame *frame = (struct context_frame *)top - 1;

	*frame = (struct context_frame){
		.rflags = CONTEXT_RFLAGS_INITIAL,
		.r12 = (uint64_t)(uintptr_t)start,
		.r13 = (uint64_t)(uintptr_t)arg,
		.rip = (uint64_t)(uintptr_t)platform_context_trampoline,
	};
	return frame;
}
