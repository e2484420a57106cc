/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/irq.h> for the kernel log's test (klog_test.c):
 * irq_save() and irq_restore() as kprintf.c uses them, with no interrupt
 * flag to change in a user process; the test counts that they pair up.
 */
#ifndef TESSERA_IRQ_H
#define TESSERA_IRQ_H

extern int klog_test_irq_depth;

static inline unsigned long irq_save(void)
{
	return (unsigned long)klog_test_irq_depth++;
}

static inline void irq_restore(unsigned long flags)
{
	klog_test_irq_depth = (int)flags;
}

#endif
