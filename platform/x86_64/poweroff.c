/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Powering off with a status: QEMU's isa-debug-exit device (on -M pc and
 * -M microvm alike, given -device isa-debug-exit,iobase=0xf4,iosize=0x04).
 * Called at the end of a run and by panic().
 */
#include <tessera/poweroff.h>

#include "cpu.h"
#include "layout.h"

void platform_poweroff(int status)
{
	if (status < 0 || status > DEBUG_EXIT_MAX_STATUS)
		status = DEBUG_EXIT_MAX_STATUS;
	/* QEMU exits at once here; elsewhere the write goes nowhere. */
	ioport_outl(DEBUG_EXIT_PORT, (uint32_t)status + DEBUG_EXIT_BIAS);
	cpu_halt_forever();
}
