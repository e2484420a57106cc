/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupts on x86_64: handlers for vectors 32-255 (irq.c dispatches them
 * and sends the end-of-interrupt), the interrupted context as struct
 * trap_frame, and the CPU's interrupt flag. For drivers and the kernel.
 */
#ifndef TESSERA_IRQ_H
#define TESSERA_IRQ_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The interrupted context as trap_entry.S saves it, lowest address first:
 * its pushes, then the vector stub's, then the CPU's. A handler may change
 * it; the interrupted code resumes from what it holds.
 */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector;
	uint64_t error_code; /* 0 for vectors without one */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Vectors 0-31 are the CPU's exceptions; these are the rest. */
#define IRQ_VECTOR_FIRST 32
#define IRQ_VECTOR_LAST 255
/* The legacy 8259 PICs' lines 0-15, remapped here (line 0: the PIT). */
#define IRQ_VECTOR_LEGACY_BASE 32
#define IRQ_LEGACY_LINES 16
/* The platform's own: the local APIC's timer and error interrupts, and
 * its spurious vector (never registered, never acknowledged). */
#define IRQ_VECTOR_TIMER 0xf0
#define IRQ_VECTOR_APIC_ERROR 0xfe
#define IRQ_VECTOR_SPURIOUS 0xff

/*
 * A handler runs with interrupts disabled, after the end-of-interrupt has
 * been sent (so it may switch to another thread before returning); ctx is
 * what was registered with it.
 */
typedef void irq_handler_fn(struct trap_frame *frame, void *ctx);

/**
 * irq_register() - Have a handler called for a vector.
 * @vector: IRQ_VECTOR_FIRST..IRQ_VECTOR_LAST, not the spurious vector. A
 *          legacy line's vector (IRQ_VECTOR_LEGACY_BASE + line) also
 *          unmasks that line when the platform runs on the 8259 PICs (no
 *          local APIC); with an APIC those lines stay masked.
 * @handler: called for each interrupt on @vector.
 * @ctx: passed to @handler.
 *
 * Context: any; safe with interrupts enabled.
 * Return: 0, -EINVAL for a bad vector or no handler, or -EBUSY when the
 * vector already has a handler.
 */
int irq_register(unsigned vector, irq_handler_fn *handler, void *ctx);

/* Called after every interrupt's handler, interrupts disabled, on the way
 * back to the interrupted code: where the kernel preempts (it may switch
 * threads here, as a handler may). */
typedef void irq_exit_fn(struct trap_frame *frame);

/**
 * irq_set_exit_hook() - Have a function called as each interrupt ends.
 * @fn: the hook, or NULL for none (the default).
 *
 * It runs after the vector's handler (and its end-of-interrupt), for
 * every vector the irq layer dispatches, not for CPU exceptions.
 *
 * Context: any; takes effect from the next interrupt.
 */
void irq_set_exit_hook(irq_exit_fn *fn);

/**
 * irq_unregister() - Remove a vector's handler (and mask its legacy line).
 * @vector: a vector irq_register() accepted.
 *
 * Afterwards an interrupt on @vector panics as unexpected.
 * Return: 0, or -EINVAL when @vector has no handler.
 */
int irq_unregister(unsigned vector);

/**
 * irq_raise() - Interrupt this CPU on a vector, as a device would.
 * @vector: IRQ_VECTOR_FIRST..IRQ_VECTOR_LAST.
 *
 * A self-IPI through the local APIC: unlike an `int` instruction it waits
 * while interrupts are disabled and is acknowledged like any interrupt.
 * Return: 0, -EINVAL for a bad vector, or -ENODEV without a local APIC.
 */
int irq_raise(unsigned vector);

/**
 * irq_controller_name() - Which controller delivers interrupts.
 *
 * Return: "local APIC" or, on a CPU without one, "8259 PIC".
 */
const char *irq_controller_name(void);

#define IRQ_RFLAGS_IF (1UL << 9)

/* The "memory" clobbers keep memory accesses on their side of each
 * switch, so data shared with handlers is safe between them. */
static inline void irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline unsigned long irq_flags(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline bool irq_is_enabled(void)
{
	return irq_flags() & IRQ_RFLAGS_IF;
}

/**
 * irq_save() - Disable interrupts, returning whether they were enabled.
 *
 * Return: the flags to hand to irq_restore(); pairs nest.
 */
static inline unsigned long irq_save(void)
{
	unsigned long flags = irq_flags();

	irq_disable();
	return flags;
}

/**
 * irq_restore() - Re-enable interrupts if the matching irq_save() found
 * them enabled.
 * @flags: what irq_save() returned.
 */
static inline void irq_restore(unsigned long flags)
{
	if (flags & IRQ_RFLAGS_IF)
		irq_enable();
}

/**
 * irq_enable_and_wait() - Enable interrupts and halt until one arrives.
 *
 * `sti` takes effect after the next instruction, so an interrupt pending
 * before the call wakes the `hlt` instead of being handled just before
 * it: no wake-up is lost. Returns after the handler, interrupts enabled.
 * For idle loops.
 */
static inline void irq_enable_and_wait(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

#endif
