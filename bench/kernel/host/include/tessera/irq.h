/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host benchmark programs' stand-in for the platform's <tessera/irq.h>
 * (platform/x86_64/include): the kernel's benchmark code turns interrupts
 * off around its measurements, which a host process neither can nor needs
 * to do. Found first on the host programs' include path.
 */
#ifndef TESSERA_IRQ_H
#define TESSERA_IRQ_H

static inline unsigned long irq_save(void)
{
	return 0;
}

static inline void irq_restore(unsigned long flags)
{
	(void)flags;
}

#endif
