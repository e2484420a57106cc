/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host benchmark programs bench_host_<config> (bench/CMakeLists.txt):
 * run the kernel's own benchmark code (components/core/kernel/bench.c)
 * against host builds of one configuration's components, over the fake RAM
 * of bench_ram.h, so kernel and host tables come from the same code.
 *
 * Usage: bench_host_<config> [bench=all|pmm,heap,sched[,quick]]
 * Without arguments: bench=all,quick, the smoke run ctest does (bench-smoke).
 */
#include <tessera/composition.h>
#include <tessera/memmap.h>
#include <tessera/pmm.h>

#include <stdio.h>

#include "bench_ram.h"
#include "core.h"

/* What kmain() does before the benchmarks: inits, then the RAM to pmm. */
static int host_boot(void)
{
	int err;

	for (size_t i = 0; i < tessera_ninit; i++) {
		err = tessera_init_table[i].fn();
		if (err) {
			fprintf(stderr, "init of %s failed: %d\n", tessera_init_table[i].component, err);
			return err;
		}
	}
	err = pmm_add_region(BENCH_RAM_PHYS_BASE, BENCH_RAM_PAGES,
			     (void *)(uintptr_t)memmap_phys_to_virt(BENCH_RAM_PHYS_BASE));
	if (err)
		fprintf(stderr, "pmm_add_region(%lu pages) failed: %d\n", BENCH_RAM_PAGES, err);
	return err;
}

int main(int argc, char **argv)
{
	char cmdline[1024] = "bench=all,quick";
	size_t used = 0;

	if (argc < 2)
		printf("(no arguments: a quick smoke run; pass bench=all for the full one)\n");
	/* The arguments are the words of a kernel command line. */
	for (int i = 1; i < argc && used < sizeof(cmdline); i++)
		used += (size_t)snprintf(cmdline + used, sizeof(cmdline) - used, "%s ", argv[i]);
	if (used >= sizeof(cmdline)) {
		fprintf(stderr, "command line too long\n");
		return 2;
	}
	if (host_boot())
		return 2;
	for (size_t i = 0; i < tessera_nbindings; i++)
		printf("bind %s -> %s\n", tessera_bindings[i].interface, tessera_bindings[i].component);
	return core_benchmark(cmdline) ? 1 : 0;
}
