/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kmain(): the kernel's main line, called by the platform once the CPU runs
 * in long mode with a console. It reads as the boot does, one step a line;
 * the generated tables (init order, bindings, tunables) do the rest.
 */
#include <tessera/boot.h>
#include <tessera/clock.h>
#include <tessera/components/kernel_core.h>
#include <tessera/composition.h>
#include <tessera/initramfs.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/poweroff.h>
#include <tessera/proc.h>

#include "core.h"
#include "selftest.h"

/*
 * With a process layer, run /init (or init=) once the self-tests pass and
 * power off with its status: its exit code, or 128 + the signal that
 * killed it, which poweroff reports as a failure. Returns only when there
 * is no program to run, so such kernels end as they always have.
 */
static void kmain_run_init(const struct boot_info *bi)
{
	int32_t status = 0;
	int code;

	/* The boot module (-initrd) becomes the root's contents; what a
	 * damaged archive leaves is still used, as Linux does. */
	if (initramfs_is_bound() && bi->initrd_size)
		status = initramfs_unpack(boot_phys_to_virt(bi, bi->initrd_phys), bi->initrd_size);
	if (status < 0)
		kprintf("tessera: initramfs unpacking stopped (%d); running what it left\n", status);
	status = proc_run_init(bi->cmdline);
	if (status == -ENOENT) {
		kprintf("tessera: no init program: ending with the self-tests' verdict\n");
		return;
	}
	if (status < 0) {
		kprintf("tessera: init could not start (%d)\n", status);
		platform_poweroff(TESSERA_EXIT_FAIL);
	}
	code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
	kprintf("tessera: init exited with status %d\n", code);
	platform_poweroff(code);
}

void kmain(const struct boot_info *bi)
{
	int failed, err;

	kprintf("tessera: booting (%s), command line \"%s\"\n", bi->loader, bi->cmdline);
	/* Tunables first: init functions read them. */
	core_apply_tunables(bi->cmdline);
	/* Dependencies first, so pmm is ready before the RAM is handed to it. */
	core_run_inits();
	core_add_memory(bi);
	core_print_composition();
	core_console_start(); /* the log from the early UART to every console */
	kprintf("tessera: this configuration runs: self-tests %s (%zu cases), %s (%zu cases) and %s "
		"(%zu cases), benchmarks if bench= says so, then %s\n",
		selftest_memory.name, selftest_memory.ncases, selftest_console.name,
		selftest_console.ncases, selftest_threads.name, selftest_threads.ncases,
		proc_is_bound() ? "runs init if there is one, else powers off" : "powers off (no user space yet)");
	core_selftest_begin(3);
	failed = core_selftest_run(&selftest_memory);
	failed += core_selftest_run(&selftest_console);
	/* The policy benchmark drives sched directly: before threads use it. */
	failed += core_benchmark(bi->cmdline); /* only with bench= on the command line */
	err = thread_start();
	if (err)
		panic("thread_start failed: %d", err);
	failed += core_selftest_run(&selftest_threads);
	failed += core_bench_threads(bi->cmdline);
	uint64_t us = platform_clock_ns() / 1000;
	kprintf("tessera: boot %s in %lu.%06lu s\n", failed ? "FAILED" : "complete", us / 1000000, us % 1000000);
	/* User space, when this kernel has a process layer and a program. */
	if (proc_is_bound() && !failed)
		kmain_run_init(bi);
	/* Otherwise the run ends with the tests' verdict. */
	platform_poweroff(failed ? TESSERA_EXIT_FAIL : TESSERA_EXIT_PASS);
}
