/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The simulated machine under the thread and sync suites (host_platform.c,
 * host_context.c): how a test makes time pass and interrupts arrive. The
 * platform side the components see is in tests/host/include/tessera/.
 */
#ifndef TESSERA_TESTS_HOST_PLATFORM_H
#define TESSERA_TESTS_HOST_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#define HOST_TICK_HZ 250u
#define HOST_TICK_NS (1000000000ull / HOST_TICK_HZ)

/*
 * host_tick() - A timer interrupt, now, in the calling thread.
 *
 * Advances the simulated clock by HOST_TICK_NS, calls the tick handler
 * and then the irq exit hook, as the platform's dispatch does: the caller
 * may be preempted inside it and return much later. A busy thread calls
 * it in its loop; that is the only way such a thread can lose the CPU.
 * Interrupts must be enabled (aborts otherwise: a test bug).
 */
void host_tick(void);

/*
 * host_interrupt() - Any other interrupt, now: handler(ctx) with
 * interrupts disabled, then the exit hook. The clock does not move.
 */
void host_interrupt(void (*handler)(void *ctx), void *ctx);

/* Called by the context switch shim on every switch: the idle loop's
 * deadlock watch counts from the last one. */
void host_platform_note_switch(void);

/*
 * host_context_set_stack_size() - Tell the switch shim how big thread
 * stacks are: they come naturally aligned from the pmm double, so a
 * saved stack pointer rounded down gives its stack's bounds.
 */
void host_context_set_stack_size(size_t bytes);

#endif
