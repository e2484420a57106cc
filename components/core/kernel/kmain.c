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
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/poweroff.h>

#include "core.h"
#include "selftest.h"

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
		"(%zu cases), benchmarks if bench= says so, then powers off (no user space yet)\n",
		selftest_memory.name, selftest_memory.ncases, selftest_console.name,
		selftest_console.ncases, selftest_threads.name, selftest_threads.ncases);
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
	/* No user space yet (issue #4): end the run with the tests' verdict. */
	platform_poweroff(failed ? TESSERA_EXIT_FAIL : TESSERA_EXIT_PASS);
}
