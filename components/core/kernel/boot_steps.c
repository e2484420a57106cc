/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The boot steps kmain() runs: init functions in dependency order, RAM to
 * the page allocator, and the composition printed from the bindings table.
 */
#include <tessera/boot.h>
#include <tessera/components/kernel_core.h>
#include <tessera/composition.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "core.h"

void core_run_inits(void)
{
	for (size_t i = 0; i < tessera_ninit; i++) {
		const struct tessera_init *in = &tessera_init_table[i];
		int err = in->fn();

		if (err)
			panic("init of %s failed: %d", in->component, err);
	}
}

/* Regions too small for the allocator's metadata are skipped: -ENOMEM from
 * add_region is expected for slivers, anything else is a platform bug. */
void core_add_memory(const struct boot_info *bi)
{
	uint64_t pages = 0;

	for (size_t i = 0; i < bi->nr_mem_regions; i++) {
		const struct boot_mem_region *r = &bi->mem_regions[i];
		int err = pmm_add_region(r->base, r->length / PAGE_SIZE, boot_phys_to_virt(bi, r->base));

		if (err == -ENOMEM) {
			kprintf("memory: skipped %#lx+%#lx: too small\n", r->base, r->length);
			continue;
		}
		if (err)
			panic("pmm_add_region(%#lx, %lu) failed: %d", r->base, r->length / PAGE_SIZE, err);
		pages += r->length / PAGE_SIZE;
	}
	kprintf("memory: %lu KiB in %zu regions\n", pages * (PAGE_SIZE / 1024), bi->nr_mem_regions);
}

void core_print_composition(void)
{
	for (size_t i = 0; i < tessera_nbindings; i++) {
		const struct tessera_binding *b = &tessera_bindings[i];

		/* Consoles are listed per registered device by core_console_start(),
		 * which knows whether the hardware was found. */
		if (b->is_multi && core_str_eq(b->interface, "console"))
			continue;
		kprintf("bind %s -> %s%s\n", b->interface, b->component, b->is_multi ? " (provider)" : "");
	}
}

bool core_str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

size_t core_str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
