/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interrupt vectors 32-255: the table of handlers behind <tessera/irq.h>,
 * and irq_dispatch(), which trap.c calls for each of those vectors. The
 * controller is the local APIC (apic.c) or, on a CPU without one, the
 * 8259 PICs (pic.c); irq_init() (from start.c) sets up one or the other.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "apic.h"
#include "error_numbers.h"
#include "irq.h"
#include "pic.h"
#include "trap.h"

struct irq_slot {
	irq_handler_fn *handler;
	void *ctx;
};

/* Written with interrupts disabled (one CPU), so dispatch never sees a
 * handler with another's ctx. */
static struct irq_slot irq_slots[TRAP_VECTORS];
static bool irq_apic; /* set once by irq_init() */
static irq_exit_fn *volatile irq_exit_hook;

static bool irq_is_legacy(unsigned vector)
{
	return vector >= IRQ_VECTOR_LEGACY_BASE && vector < IRQ_VECTOR_LEGACY_BASE + IRQ_LEGACY_LINES;
}

static bool irq_is_valid(unsigned vector)
{
	return vector >= IRQ_VECTOR_FIRST && vector <= IRQ_VECTOR_LAST && vector != IRQ_VECTOR_SPURIOUS;
}

static void irq_apic_error(struct trap_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	kprintf("apic: error interrupt, status %#x\n", apic_error_status());
}

/**
 * irq_init() - Set up the interrupt controller; interrupts stay disabled.
 *
 * The 8259 PICs are always reprogrammed away from the exception vectors
 * and masked, since firmware may have left them enabled. The local APIC,
 * if the CPU has one, then takes over.
 *
 * Context: once, from start_kernel(), after paging_init().
 */
void irq_init(void)
{
	pic_init(IRQ_VECTOR_LEGACY_BASE);
	irq_apic = apic_init(IRQ_VECTOR_SPURIOUS, IRQ_VECTOR_APIC_ERROR);
	if (irq_apic)
		irq_register(IRQ_VECTOR_APIC_ERROR, irq_apic_error, NULL);
	kprintf("irq: %s; 8259 PICs at vectors %u-%u%s\n", irq_controller_name(), IRQ_VECTOR_LEGACY_BASE,
		IRQ_VECTOR_LEGACY_BASE + IRQ_LEGACY_LINES - 1, irq_apic ? ", masked" : "");
}

bool irq_has_apic(void)
{
	return irq_apic;
}

const char *irq_controller_name(void)
{
	return irq_apic ? "local APIC" : "8259 PIC";
}

int irq_register(unsigned vector, irq_handler_fn *handler, void *ctx)
{
	unsigned long flags;

	if (!irq_is_valid(vector) || !handler)
		return -EINVAL;
	flags = irq_save();
	if (irq_slots[vector].handler) {
		irq_restore(flags);
		return -EBUSY;
	}
	irq_slots[vector] = (struct irq_slot){ .handler = handler, .ctx = ctx };
	if (!irq_apic && irq_is_legacy(vector))
		pic_unmask(vector - IRQ_VECTOR_LEGACY_BASE);
	irq_restore(flags);
	return 0;
}

int irq_unregister(unsigned vector)
{
	unsigned long flags;

	if (!irq_is_valid(vector))
		return -EINVAL;
	flags = irq_save();
	if (!irq_slots[vector].handler) {
		irq_restore(flags);
		return -EINVAL;
	}
	if (!irq_apic && irq_is_legacy(vector))
		pic_mask(vector - IRQ_VECTOR_LEGACY_BASE);
	irq_slots[vector] = (struct irq_slot){ 0 };
	irq_restore(flags);
	return 0;
}

int irq_raise(unsigned vector)
{
	if (!irq_is_valid(vector))
		return -EINVAL;
	if (!irq_apic)
		return -ENODEV;
	apic_send_self_ipi(vector);
	return 0;
}

/* A spurious interrupt has no handler and must not be acknowledged: the
 * controller has nothing in service for it. */
static bool irq_is_spurious(unsigned vector)
{
	if (vector == IRQ_VECTOR_SPURIOUS)
		return true;
	return !irq_apic && irq_is_legacy(vector) && pic_is_spurious(vector - IRQ_VECTOR_LEGACY_BASE);
}

/*
 * Only what the controller delivered is acknowledged: an `int` instruction
 * on a vector sets nothing in service, and an EOI then would end another
 * interrupt's service instead.
 */
static void irq_acknowledge(unsigned vector)
{
	if (irq_apic) {
		if (apic_is_in_service(vector))
			apic_eoi();
	} else if (irq_is_legacy(vector)) {
		pic_eoi(vector - IRQ_VECTOR_LEGACY_BASE);
	}
}

/**
 * irq_dispatch() - Handle an interrupt; trap_dispatch() calls it for
 * vectors 32-255.
 * @frame: the interrupted context.
 *
 * The EOI goes out before the handler runs: a handler that switches
 * threads must not leave its vector (and all lower-priority ones) blocked
 * until the thread it left runs again. Interrupts stay disabled meanwhile,
 * so the handler is not re-entered. A vector without a handler panics.
 */
void irq_dispatch(struct trap_frame *frame)
{
	unsigned vector = (unsigned)frame->vector;
	irq_exit_fn *hook;
	struct irq_slot slot;

	if (irq_is_spurious(vector))
		return;
	slot = irq_slots[vector];
	if (!slot.handler)
		trap_report(frame);
	irq_acknowledge(vector);
	slot.handler(frame, slot.ctx);
	hook = irq_exit_hook;
	if (hook)
		hook(frame);
}

void irq_set_exit_hook(irq_exit_fn *fn)
{
	irq_exit_hook = fn;
}
