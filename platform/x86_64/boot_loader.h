/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the loader-specific parsers (pvh.c, multiboot2.c) extract from the
 * loader's structures, for boot_info.c to turn into struct boot_info, and
 * the entry point start.c calls.
 */
#ifndef TESSERA_X86_64_BOOT_LOADER_H
#define TESSERA_X86_64_BOOT_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include <tessera/boot.h>

#define BOOT_RAM_RANGES_MAX 128

/* Pointers point into the loader's memory, through the direct map. */
struct boot_loader_info {
	const char *loader;
	size_t nr_ram;
	struct boot_mem_region ram[BOOT_RAM_RANGES_MAX]; /* as the firmware lists it */
	uint64_t ram_ignored; /* bytes in ranges past BOOT_RAM_RANGES_MAX */
	const char *cmdline; /* NULL when there is none */
	uint64_t initrd_phys;
	uint64_t initrd_size;
};

/* Fills out from struct hvm_start_info at info_phys; panics if it is not
 * one or has no memory map. */
void boot_parse_pvh(uint64_t info_phys, struct boot_loader_info *out);
/* Fills out from the Multiboot2 information at info_phys. */
void boot_parse_multiboot2(uint64_t info_phys, struct boot_loader_info *out);

/* Records a RAM range, counting it as ignored once the table is full. */
void boot_loader_add_ram(struct boot_loader_info *out, uint64_t base, uint64_t length);

/* The direct-map address of [phys, phys + len); panics when it is not
 * mapped, since loader data out of reach cannot be parsed. */
const void *boot_loader_map(uint64_t phys, uint64_t len);

/* Builds the boot information from what the loader (a BOOT_PROTOCOL_*)
 * left at info_phys. */
const struct boot_info *boot_info_init(unsigned protocol, uint64_t info_phys);

#endif
