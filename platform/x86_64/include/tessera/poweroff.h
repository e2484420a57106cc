/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ending a run: platform_poweroff() stops the machine and, under QEMU with
 * isa-debug-exit, makes QEMU exit with a status qemu-run.sh maps back.
 * Called by kmain() when it is done, by panic() and by test kernels.
 */
#ifndef TESSERA_POWEROFF_H
#define TESSERA_POWEROFF_H

/* Guest statuses, as qemu-run.sh reports them (0..111 are possible). */
#define TESSERA_EXIT_PASS 0 /* the run did what it should */
#define TESSERA_EXIT_FAIL 1 /* a test failed */
#define TESSERA_EXIT_PANIC 2 /* a CPU exception or a broken invariant */

#ifndef __ASSEMBLER__

/**
 * platform_poweroff() - Power the machine off, reporting a status.
 * @status: TESSERA_EXIT_* or another value in 0..111 (larger ones are
 *          reported as 111).
 *
 * Writes status + 16 to isa-debug-exit (port 0xf4), so QEMU exits with
 * ((status + 16) << 1) | 1 = 33 + 2 * status. Without that device (another
 * VMM, a real machine) the CPU halts with interrupts off.
 */
void platform_poweroff(int status) __attribute__((noreturn));

#endif

#endif
