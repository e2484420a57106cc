/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memmap double of the host benchmarks: the "direct map" of the fake
 * RAM in ../bench_ram.h is one host buffer at a fixed offset from its
 * physical addresses. pmm and the heap reach it through tessera/memmap.h.
 */
#include <tessera/components/bench_memmap.h>
#include <tessera/errno.h>

#include <stdlib.h>
#include <string.h>

#include "../bench_ram.h"

/* Allocated once: it is the machine's RAM. */
static uint8_t *bench_ram;

/**
 * bench_memmap_init() - Allocate the fake RAM once and touch every page of it.
 *
 * Return: 0, or -ENOMEM if the host has no 128 MiB to spare.
 */
int bench_memmap_init(void)
{
	if (!bench_ram) {
		bench_ram = aligned_alloc(BENCH_RAM_ALIGN, BENCH_RAM_BYTES);
		if (!bench_ram)
			return -ENOMEM;
		memset(bench_ram, 0, BENCH_RAM_BYTES);
	}
	return 0;
}

/**
 * bench_memmap_phys_to_virt() - Where a fake physical address is in the host buffer.
 * @pa: an address in [BENCH_RAM_PHYS_BASE, + BENCH_RAM_BYTES).
 *
 * Return: its host address.
 */
vaddr_t bench_memmap_phys_to_virt(paddr_t pa)
{
	return (vaddr_t)(uintptr_t)bench_ram + (pa - BENCH_RAM_PHYS_BASE);
}

/**
 * bench_memmap_virt_to_phys() - The fake physical address of a host address in the buffer.
 * @va: a host address in the buffer.
 *
 * Return: its fake physical address.
 */
paddr_t bench_memmap_virt_to_phys(vaddr_t va)
{
	return va - (vaddr_t)(uintptr_t)bench_ram + BENCH_RAM_PHYS_BASE;
}
