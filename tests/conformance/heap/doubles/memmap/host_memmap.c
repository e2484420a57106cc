/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memmap double of the heap conformance suite: the "direct map" of the
 * fake RAM in ../host_ram.h is one host buffer, at a fixed offset from its
 * physical addresses. The heap under test calls it through tessera/memmap.h.
 */
#include <tessera/components/heap_double_memmap.h>
#include <tessera/errno.h>

#include <stdlib.h>

#include "../host_ram.h"

/* Allocated once and kept across resets: it is the machine's RAM. */
static uint8_t *host_ram;

/**
 * host_memmap_init() - Allocate the fake RAM, once.
 *
 * Return: 0, or -ENOMEM if the host has no 32 MiB to spare.
 */
int host_memmap_init(void)
{
	if (!host_ram)
		host_ram = aligned_alloc(HOST_RAM_ALIGN, HOST_RAM_BYTES);
	return host_ram ? 0 : -ENOMEM;
}

/**
 * host_memmap_phys_to_virt() - Where a fake physical address is in the host buffer.
 * @pa: an address in [HOST_RAM_PHYS_BASE, + HOST_RAM_BYTES).
 *
 * Return: its host address. Integer arithmetic, so an address outside the
 * buffer gives a wild value, not undefined behaviour here.
 */
vaddr_t host_memmap_phys_to_virt(paddr_t pa)
{
	return (vaddr_t)(uintptr_t)host_ram + (pa - HOST_RAM_PHYS_BASE);
}

/**
 * host_memmap_virt_to_phys() - The fake physical address of a host address in the buffer.
 * @va: a host address in the buffer.
 *
 * Return: its fake physical address.
 */
paddr_t host_memmap_virt_to_phys(vaddr_t va)
{
	return va - (vaddr_t)(uintptr_t)host_ram + HOST_RAM_PHYS_BASE;
}
