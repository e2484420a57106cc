/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the platform hands the kernel: struct boot_info, filled by the
 * x86_64 boot code (boot_info.c) from the loader's information (PVH's
 * hvm_start_info or Multiboot2's), and kmain(), which start.c calls with it.
 */
#ifndef TESSERA_BOOT_H
#define TESSERA_BOOT_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_MEM_REGIONS_MAX 64
#define BOOT_CMDLINE_MAX 2048 /* bytes, with the NUL; longer ones are cut */

/* A range of free physical memory: [base, base + length), page aligned. */
struct boot_mem_region {
	uint64_t base;
	uint64_t length;
};

/*
 * Everything here is copied out of the loader's structures into the
 * kernel image before kmain() runs, so the memory those structures used is
 * free to reuse: it is part of mem_regions.
 */
struct boot_info {
	const char *loader; /* "pvh" or "multiboot2" */

	/*
	 * Usable RAM, sorted by base, non-overlapping, page aligned: the RAM of
	 * the firmware's memory map at or above 1 MiB (below it are the BIOS
	 * data areas) and inside the direct map, minus the kernel image and
	 * the initrd.
	 */
	size_t nr_mem_regions;
	struct boot_mem_region mem_regions[BOOT_MEM_REGIONS_MAX];
	uint64_t mem_ignored; /* RAM bytes left out: beyond the direct map or
	                         past BOOT_MEM_REGIONS_MAX regions */

	/* The kernel image in physical memory, [start, end), page aligned:
	 * text, data, bss and the symbol table, boot stack and page tables. */
	uint64_t kernel_phys_start;
	uint64_t kernel_phys_end;

	/* The first boot module (QEMU -initrd), or 0 and 0. */
	uint64_t initrd_phys;
	uint64_t initrd_size;

	/* The kernel command line ("" when there is none), NUL-terminated. */
	const char *cmdline;

	/* Physical address p is readable and writable at direct_map_base + p
	 * for p < direct_map_size (non-executable). */
	uint64_t direct_map_base;
	uint64_t direct_map_size;
};

/**
 * boot_phys_to_virt() - Where the kernel sees a physical address.
 * @bi: the boot information.
 * @phys: a physical address below @bi->direct_map_size.
 *
 * Return: its address in the direct map.
 */
static inline void *boot_phys_to_virt(const struct boot_info *bi, uint64_t phys)
{
	return (void *)(uintptr_t)(bi->direct_map_base + phys);
}

/**
 * kmain() - The kernel proper, entered once the platform is up.
 * @bi: the boot information; it stays valid for the life of the kernel.
 *
 * Runs in long mode on the boot stack with interrupts off, with the
 * console, GDT/TSS, exception handlers and final page tables in place.
 * When it returns the platform powers off with TESSERA_EXIT_PASS.
 */
void kmain(const struct boot_info *bi);

#endif
