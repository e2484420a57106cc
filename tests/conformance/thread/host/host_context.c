/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Thread contexts in the host process: the platform's own context.c and
 * switch.S do the work (compiled with their two entry points renamed to
 * host_raw_context_*, see thread_world.cmake), and this shim wraps them to
 * keep AddressSanitizer and the simulated interrupt flag right.
 *
 * AddressSanitizer believes the process's one thread runs on the stack it
 * was started on. Threads here run on stacks from the pmm double (heap
 * memory); without help ASan prints "ignoring requested
 * __asan_handle_no_return ... False positive error reports may follow"
 * when the first thread ends (the exit is noreturn, and ASan then clears
 * the poison of what it takes for the current stack: here, from the heap
 * to the process stack, so it declines), and it cannot keep one fake stack
 * per thread for detect_stack_use_after_return=1. The fiber annotations
 * below tell it about every switch: __sanitizer_start_switch_fiber()
 * right before it, with the bounds of the stack switched to, and
 * __sanitizer_finish_switch_fiber() right after, on the new stack
 * (including a new thread's first run, hence the wrapped prepare). With
 * them the suites run clean with and without detect_stack_use_after_return.
 */
#include <tessera/context.h>
#include <tessera/irq.h>
#include <tessera/panic.h>

#include <sanitizer/common_interface_defs.h>
#include <stdint.h>

#include "host_platform.h"

/* platform/x86_64/switch.S and context.c, renamed. */
void host_raw_context_switch(void **save_sp, void *next_sp);
void *host_raw_context_prepare(void *stack_top, platform_context_start_fn *start, void *arg);

static struct {
	size_t stack_size; /* of every thread stack: a power of two */
	const void *boot_bottom; /* the process's own stack: the boot thread's */
	size_t boot_size;
} host_ctx;

/* What a new thread runs first, kept just below its stack top. */
struct host_first_run {
	platform_context_start_fn *start;
	void *arg;
};

void host_context_set_stack_size(size_t bytes)
{
	host_ctx.stack_size = bytes;
}

static bool host_is_boot_stack(uintptr_t sp)
{
	uintptr_t bottom = (uintptr_t)host_ctx.boot_bottom;

	return host_ctx.boot_size && sp >= bottom && sp - bottom < host_ctx.boot_size;
}

/* The bounds of the stack a saved stack pointer is on. The boot stack's
 * are learnt at the first switch, which is always away from it. */
static const void *host_stack_bottom(void *sp, size_t *size)
{
	uintptr_t p = (uintptr_t)sp;

	if (host_is_boot_stack(p)) {
		*size = host_ctx.boot_size;
		return host_ctx.boot_bottom;
	}
	if (!host_ctx.stack_size)
		panic("host: thread stack size unknown (host_context_set_stack_size)");
	*size = host_ctx.stack_size;
	return (const void *)(p & ~(uintptr_t)(host_ctx.stack_size - 1));
}

/* Runs on the stack just switched to: completes the annotation, which
 * reports where the switch came from: the first time, the boot stack. */
static void host_arrived(void *fake_stack)
{
	const void *from_bottom;
	size_t from_size;

	__sanitizer_finish_switch_fiber(fake_stack, &from_bottom, &from_size);
	if (!host_ctx.boot_size) {
		host_ctx.boot_bottom = from_bottom;
		host_ctx.boot_size = from_size;
	}
	host_platform_note_switch();
}

static void host_context_first_run(void *arg)
{
	struct host_first_run first = *(struct host_first_run *)arg;

	host_arrived(NULL);
	host_irq_rflags = 0; /* a new thread starts with interrupts off */
	first.start(first.arg);
	panic("host: a thread's start function returned");
}

void *platform_context_prepare(void *stack_top, platform_context_start_fn *start, void *arg)
{
	uintptr_t top = (uintptr_t)stack_top & ~(uintptr_t)(PLATFORM_STACK_ALIGN - 1);
	struct host_first_run *first = (struct host_first_run *)top - 1;

	first->start = start;
	first->arg = arg;
	return host_raw_context_prepare(first, host_context_first_run, first);
}

/* A thread that exits leaves for good, where ASan would like NULL instead
 * of &fake_stack so that it frees the thread's fake stack; the switch
 * cannot tell, so with detect_stack_use_after_return=1 each ended thread
 * leaks one (off by default, and a few KiB each). */
void platform_context_switch(void **save_sp, void *next_sp)
{
	/* The interrupt flag travels with each thread, as RFLAGS does in
	 * switch.S (whose popfq cannot change IF in a user process). */
	unsigned long rflags = host_irq_rflags;
	void *fake_stack = NULL;
	const void *bottom;
	size_t size;

	bottom = host_stack_bottom(next_sp, &size);
	__sanitizer_start_switch_fiber(&fake_stack, bottom, size);
	host_raw_context_switch(save_sp, next_sp);
	host_arrived(fake_stack);
	host_irq_rflags = rflags;
}
