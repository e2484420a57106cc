/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel thread contexts on x86_64: preparing a new thread's stack and
 * switching from one thread's stack to another's (context.c, switch.S).
 * For the kernel's thread component; it owns the stacks and decides when
 * to switch.
 */
#ifndef TESSERA_CONTEXT_H
#define TESSERA_CONTEXT_H

/* What a new thread runs first, with interrupts disabled; it must not return. */
typedef void platform_context_start_fn(void *arg);

/* The alignment a thread's stack top should have, in bytes. */
#define PLATFORM_STACK_ALIGN 16

/**
 * platform_context_prepare() - Lay out a new thread's first frame on its stack.
 * @stack_top: one past the highest byte of the stack (rounded down to
 *             PLATFORM_STACK_ALIGN).
 * @start: what the thread runs when first switched to, with interrupts
 *         disabled; it must never return (returning traps).
 * @arg: passed to @start.
 *
 * Return: the thread's saved stack pointer, to pass as @next_sp to
 * platform_context_switch(). Uses 64 bytes below @stack_top.
 */
void *platform_context_prepare(void *stack_top, platform_context_start_fn *start, void *arg);

/**
 * platform_context_switch() - Suspend the running thread, resume another.
 * @save_sp: where to store the running thread's stack pointer.
 * @next_sp: the stack pointer the other thread was suspended with, or
 *           platform_context_prepare()'s result for a new thread.
 *
 * Returns when some thread switches back to @save_sp's value, with the
 * interrupt flag as it was at this call. The callee-saved registers and
 * the interrupt flag travel with each thread; the caller's other
 * registers are clobbered as by any call.
 *
 * Context: interrupts disabled.
 */
void platform_context_switch(void **save_sp, void *next_sp);

#endif
