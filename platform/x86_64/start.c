/* SPDX-License-Identifier: Apache-2.0 */
/*
 * start_kernel(): the C half of the boot chain, entered from entry.S in
 * long mode, in the higher half, on the boot stack. It brings up what any
 * kernel code may rely on, in dependency order, then calls kmain().
 */
#include <stdint.h>

#include <tessera/boot.h>
#include <tessera/kprintf.h>
#include <tessera/poweroff.h>

#include "boot_loader.h"
#include "clock.h"
#include "gdt.h"
#include "irq.h"
#include "paging.h"
#include "serial.h"
#include "timer.h"
#include "trap.h"
#include "usermode_entry.h"

void start_kernel(uint32_t protocol, uint32_t info_phys) __attribute__((noreturn));

/**
 * start_kernel() - Bring the platform up and run kmain().
 * @protocol: how the loader entered, BOOT_PROTOCOL_* (entry.S).
 * @info_phys: the physical address of the loader's boot information.
 *
 * Context: interrupts off; the boot page tables still identity-map the
 * first GiB. Does not return. kmain() starts with interrupts still off
 * and the tick armed: the first tick comes when kmain() enables them.
 */
void start_kernel(uint32_t protocol, uint32_t info_phys)
{
	const struct boot_info *bi;

	/* Time zero for the clock and the log's timestamps. */
	clock_start();
	/* The console first, so that every later step can report. */
	serial_init();
	kprintf("tessera: x86_64 platform starting\n");
	/* The TSS before the IDT: the double-fault gate uses its IST stack. */
	gdt_init();
	trap_init();
	/* SSE for user code, SMEP/SMAP, the SYSCALL entry. */
	user_cpu_init();
	/* W^X for the image, NX for the direct map, no identity map. */
	paging_init();
	/* Copies what kmain() needs out of the loader's memory. */
	bi = boot_info_init(protocol, info_phys);
	kprintf("tessera: booted by %s, kernel at %#lx-%#lx\n", bi->loader, bi->kernel_phys_start,
		bi->kernel_phys_end);
	/* The PICs moved off the exception vectors and masked; the local APIC
	 * (through the direct map) on. */
	irq_init();
	/* The TSC against the PIT: timestamps start here. */
	clock_init();
	/* The tick against the TSC, at hz= from the command line. */
	timer_init(bi->cmdline);
	kmain(bi);
	kprintf("tessera: kmain returned; powering off\n");
	platform_poweroff(TESSERA_EXIT_PASS);
}
