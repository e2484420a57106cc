/* SPDX-License-Identifier: Apache-2.0 */
/*
 * struct boot_info from the loader's information (pvh.c, multiboot2.c):
 * the usable RAM (the firmware's RAM, sorted and merged, clipped to the
 * direct map, minus the low 1 MiB, the kernel image and the initrd) and a
 * copy of the command line. start.c calls boot_info_init() once paging is
 * final, before kmain().
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/boot.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "boot_loader.h"
#include "layout.h"

#define BOOT_LOW_MEMORY 0x100000 /* BIOS data, EBDA, option ROMs: left alone */

extern char __kernel_start[], __kernel_end[];

static struct boot_info boot_info;
static char boot_cmdline[BOOT_CMDLINE_MAX];
/* Too big for the boot stack. */
static struct boot_loader_info boot_loader;

const void *boot_loader_map(uint64_t phys, uint64_t len)
{
	if (phys >= DIRECT_MAP_SIZE || len > DIRECT_MAP_SIZE - phys)
		panic("boot: loader data at %#lx (%lu bytes) is beyond the direct map", phys, len);
	return (const void *)(uintptr_t)(DIRECT_MAP_BASE + phys);
}

void boot_loader_add_ram(struct boot_loader_info *out, uint64_t base, uint64_t length)
{
	if (out->nr_ram == BOOT_RAM_RANGES_MAX) {
		out->ram_ignored += length;
		return;
	}
	out->ram[out->nr_ram++] = (struct boot_mem_region){ .base = base, .length = length };
}

static uint64_t boot_align_down(uint64_t v)
{
	return v & ~(uint64_t)(PAGE_SIZE - 1);
}

static uint64_t boot_align_up(uint64_t v)
{
	return boot_align_down(v + PAGE_SIZE - 1);
}

/* Firmware maps need not be sorted; a handful of entries, so insertion
 * sort. */
static void boot_sort_ram(struct boot_loader_info *li)
{
	for (size_t i = 1; i < li->nr_ram; i++) {
		struct boot_mem_region r = li->ram[i];
		size_t j = i;

		for (; j > 0 && li->ram[j - 1].base > r.base; j--)
			li->ram[j] = li->ram[j - 1];
		li->ram[j] = r;
	}
}

/* Appends [base, end) to the sorted region list, merging it into the last
 * region when they touch or overlap. */
static void boot_append_region(struct boot_info *bi, uint64_t base, uint64_t end)
{
	struct boot_mem_region *last = bi->nr_mem_regions ? &bi->mem_regions[bi->nr_mem_regions - 1] : NULL;

	if (last && base <= last->base + last->length) {
		if (end > last->base + last->length)
			last->length = end - last->base;
		return;
	}
	if (bi->nr_mem_regions == BOOT_MEM_REGIONS_MAX) {
		bi->mem_ignored += end - base;
		return;
	}
	bi->mem_regions[bi->nr_mem_regions++] = (struct boot_mem_region){ base, end - base };
}

static void boot_collect_ram(struct boot_info *bi, struct boot_loader_info *li)
{
	boot_sort_ram(li);
	bi->mem_ignored = li->ram_ignored;
	for (size_t i = 0; i < li->nr_ram; i++) {
		uint64_t base = li->ram[i].base, end = base + li->ram[i].length;

		if (end < base) /* wraps: a broken entry */
			continue;
		if (end > DIRECT_MAP_SIZE) {
			bi->mem_ignored += end - (base > DIRECT_MAP_SIZE ? base : DIRECT_MAP_SIZE);
			end = DIRECT_MAP_SIZE;
		}
		base = boot_align_up(base < BOOT_LOW_MEMORY ? BOOT_LOW_MEMORY : base);
		end = boot_align_down(end);
		if (base < end)
			boot_append_region(bi, base, end);
	}
}

static void boot_remove_region_at(struct boot_info *bi, size_t i)
{
	for (size_t j = i + 1; j < bi->nr_mem_regions; j++)
		bi->mem_regions[j - 1] = bi->mem_regions[j];
	bi->nr_mem_regions--;
}

/* Splits region i around the hole [base, end) it strictly contains. */
static void boot_split_region(struct boot_info *bi, size_t i, uint64_t base, uint64_t end)
{
	struct boot_mem_region *r = &bi->mem_regions[i];
	uint64_t r_end = r->base + r->length;

	if (bi->nr_mem_regions == BOOT_MEM_REGIONS_MAX) {
		/* No slot for the upper part: keep the lower one. */
		bi->mem_ignored += r_end - end;
		r->length = base - r->base;
		return;
	}
	for (size_t j = bi->nr_mem_regions; j > i + 1; j--)
		bi->mem_regions[j] = bi->mem_regions[j - 1];
	bi->nr_mem_regions++;
	bi->mem_regions[i + 1] = (struct boot_mem_region){ end, r_end - end };
	r->length = base - r->base;
}

/* Takes [base, end) out of the usable regions. */
static void boot_reserve(struct boot_info *bi, uint64_t base, uint64_t end)
{
	base = boot_align_down(base);
	end = boot_align_up(end);
	for (size_t i = 0; i < bi->nr_mem_regions; i++) {
		struct boot_mem_region *r = &bi->mem_regions[i];
		uint64_t r_end = r->base + r->length;

		if (end <= r->base || base >= r_end)
			continue;
		if (base > r->base && end < r_end) {
			boot_split_region(bi, i, base, end);
			return; /* regions do not overlap: nothing further is affected */
		}
		if (base <= r->base && end >= r_end) {
			boot_remove_region_at(bi, i--);
			continue;
		}
		if (base <= r->base) {
			r->length = r_end - end;
			r->base = end;
		} else {
			r->length = base - r->base;
		}
	}
}

/* The loader's copy may be reused as free memory: keep our own. */
static const char *boot_copy_cmdline(const char *cmdline)
{
	size_t n = 0;

	if (!cmdline)
		return "";
	for (; cmdline[n] && n < BOOT_CMDLINE_MAX - 1; n++)
		boot_cmdline[n] = cmdline[n];
	boot_cmdline[n] = '\0';
	if (cmdline[n])
		kprintf("boot: command line cut to %d bytes\n", BOOT_CMDLINE_MAX - 1);
	return boot_cmdline;
}

static void boot_parse(unsigned protocol, uint64_t info_phys, struct boot_loader_info *li)
{
	switch (protocol) {
	case BOOT_PROTOCOL_PVH:
		boot_parse_pvh(info_phys, li);
		return;
	case BOOT_PROTOCOL_MULTIBOOT2:
		boot_parse_multiboot2(info_phys, li);
		return;
	default:
		panic("boot: unknown boot protocol %u", protocol);
	}
}

/**
 * boot_info_init() - Build the boot information kmain() receives.
 * @protocol: how entry.S was entered, BOOT_PROTOCOL_*.
 * @info_phys: the physical address of the loader's information.
 *
 * Context: once, with the direct map in place.
 * Return: the boot information, valid for the life of the kernel.
 */
const struct boot_info *boot_info_init(unsigned protocol, uint64_t info_phys)
{
	struct boot_info *bi = &boot_info;
	struct boot_loader_info *li = &boot_loader;

	boot_parse(protocol, info_phys, li);
	bi->loader = li->loader;
	bi->cmdline = boot_copy_cmdline(li->cmdline);
	bi->kernel_phys_start = (uint64_t)(uintptr_t)__kernel_start - KERNEL_VIRT_BASE;
	bi->kernel_phys_end = (uint64_t)(uintptr_t)__kernel_end - KERNEL_VIRT_BASE;
	bi->initrd_phys = li->initrd_phys;
	bi->initrd_size = li->initrd_size;
	bi->direct_map_base = DIRECT_MAP_BASE;
	bi->direct_map_size = DIRECT_MAP_SIZE;
	boot_collect_ram(bi, li);
	boot_reserve(bi, bi->kernel_phys_start, bi->kernel_phys_end);
	if (bi->initrd_size != 0)
		boot_reserve(bi, bi->initrd_phys, bi->initrd_phys + bi->initrd_size);
	return bi;
}
