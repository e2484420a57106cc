/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memmap double of the console suite: the "direct map" is one host
 * buffer standing for the VGA text buffer at physical 0xb8000. The VGA
 * console reaches it through tessera/memmap.h, the suite too.
 */
#include <tessera/components/console_double_memmap.h>

#include <stdio.h>
#include <stdlib.h>

#define HOST_VGA_PHYS 0xb8000
#define HOST_VGA_BYTES 0x8000

static uint16_t host_vga_buffer[HOST_VGA_BYTES / sizeof(uint16_t)];

/**
 * host_vga_phys_to_virt() - The host address of a text buffer address.
 * @pa: an address in [0xb8000, 0xc0000).
 *
 * Return: its place in the host buffer; aborts for any other address.
 */
vaddr_t host_vga_phys_to_virt(paddr_t pa)
{
	if (pa < HOST_VGA_PHYS || pa >= HOST_VGA_PHYS + HOST_VGA_BYTES) {
		fprintf(stderr, "memmap double: phys_to_virt(%#lx) is not the VGA text buffer\n", (unsigned long)pa);
		abort();
	}
	return (vaddr_t)(uintptr_t)host_vga_buffer + (pa - HOST_VGA_PHYS);
}

/**
 * host_vga_virt_to_phys() - The physical address of a place in the host buffer.
 * @va: a host address in the buffer.
 *
 * Return: its physical address; aborts for any other address.
 */
paddr_t host_vga_virt_to_phys(vaddr_t va)
{
	vaddr_t base = (vaddr_t)(uintptr_t)host_vga_buffer;

	if (va < base || va >= base + HOST_VGA_BYTES) {
		fprintf(stderr, "memmap double: virt_to_phys(%#lx) is not in the VGA text buffer\n", (unsigned long)va);
		abort();
	}
	return va - base + HOST_VGA_PHYS;
}
