/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/irq.h>: a simulated interrupt flag and the irq
 * exit hook, for components under host tests (the kernel-thread provider).
 * There are no vectors: a test delivers an interrupt with host_tick() or
 * host_interrupt() (tests/conformance/thread/host/host_platform.c, which
 * defines what is declared here and host_irq_rflags), which honour the
 * flag and call the exit hook afterwards, as the platform's dispatch does.
 */
#ifndef TESSERA_IRQ_H
#define TESSERA_IRQ_H

#include <stdbool.h>
#include <stdint.h>

/* The interrupted context. The simulation fills in only rflags; the
 * layout is the platform's, so code that reads a field still compiles. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Called as each interrupt ends, interrupts disabled: where the kernel
 * preempts; it may switch threads. */
typedef void irq_exit_fn(struct trap_frame *frame);

void irq_set_exit_hook(irq_exit_fn *fn);

/* "host simulation". */
const char *irq_controller_name(void);

#define IRQ_RFLAGS_IF (1UL << 9)

/* The simulated RFLAGS: only IRQ_RFLAGS_IF is used. Clear at boot, as on
 * the machine; the context switch saves and restores it per thread. */
extern unsigned long host_irq_rflags;

/* Delivers the next tick: what halting until an interrupt comes to when
 * time is simulated (and where a test that blocked every thread for good
 * is stopped). */
void host_idle_wait(void);

static inline void irq_enable(void)
{
	host_irq_rflags |= IRQ_RFLAGS_IF;
}

static inline void irq_disable(void)
{
	host_irq_rflags &= ~IRQ_RFLAGS_IF;
}

static inline unsigned long irq_flags(void)
{
	return host_irq_rflags;
}

static inline bool irq_is_enabled(void)
{
	return (host_irq_rflags & IRQ_RFLAGS_IF) != 0;
}

static inline unsigned long irq_save(void)
{
	unsigned long flags = host_irq_rflags;

	irq_disable();
	return flags;
}

static inline void irq_restore(unsigned long flags)
{
	if (flags & IRQ_RFLAGS_IF)
		irq_enable();
}

/* The idle loop's halt: interrupts on, then the next tick arrives. */
static inline void irq_enable_and_wait(void)
{
	irq_enable();
	host_idle_wait();
}

#endif
