/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading PVH's struct hvm_start_info (Xen's arch-x86/hvm/start_info.h,
 * which QEMU's pvh.bin and qboot build): the memory map, the command line
 * and the modules (QEMU's -initrd). Called by boot_info.c.
 */
#include <stdint.h>

#include <tessera/panic.h>

#include "boot_loader.h"

#define HVM_START_MAGIC 0x336ec578 /* "xEn3" */
#define HVM_MEMMAP_TYPE_RAM 1

struct hvm_start_info {
	uint32_t magic;
	uint32_t version; /* the memory map fields need version 1 */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

static void pvh_parse_memmap(const struct hvm_start_info *si, struct boot_loader_info *out)
{
	const struct hvm_memmap_entry *map;

	if (si->version < 1 || si->memmap_entries == 0)
		panic("PVH: the start info (version %u) has no memory map", si->version);
	map = boot_loader_map(si->memmap_paddr, (uint64_t)si->memmap_entries * sizeof(*map));
	for (uint32_t i = 0; i < si->memmap_entries; i++) {
		if (map[i].type == HVM_MEMMAP_TYPE_RAM)
			boot_loader_add_ram(out, map[i].addr, map[i].size);
	}
}

void boot_parse_pvh(uint64_t info_phys, struct boot_loader_info *out)
{
	const struct hvm_start_info *si = boot_loader_map(info_phys, sizeof(*si));

	if (si->magic != HVM_START_MAGIC)
		panic("PVH: bad start info magic %#x at %#lx", si->magic, info_phys);
	out->loader = "pvh";
	pvh_parse_memmap(si, out);
	if (si->cmdline_paddr != 0)
		out->cmdline = boot_loader_map(si->cmdline_paddr, 1);
	if (si->nr_modules > 0) {
		const struct hvm_modlist_entry *mod = boot_loader_map(si->modlist_paddr, sizeof(*mod));

		out->initrd_phys = mod->paddr;
		out->initrd_size = mod->size;
	}
}
