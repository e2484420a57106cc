/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Address-to-symbol lookup in the table tools/gen-ksyms.sh generates into
 * the .ksyms section: entries sorted by address, names in a string blob.
 * Used by the panic path (trap.c, panic.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <tessera/kprintf.h>

#include "ksyms.h"

/* The layout gen-ksyms.sh emits; keep the two in step. */
struct ksyms_entry {
	uint64_t addr;
	uint32_t size;
	uint32_t name; /* offset into ksyms_names */
};

extern const uint64_t ksyms_count;
extern const struct ksyms_entry ksyms_entries[];
extern const char ksyms_names[];

/* The last entry at or below addr, or -1. */
static long ksyms_find(uint64_t addr)
{
	long lo = 0, hi = (long)ksyms_count - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (ksyms_entries[mid].addr <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

bool ksyms_lookup(uint64_t addr, struct ksym *sym)
{
	long i = ksyms_find(addr);
	const struct ksyms_entry *e;

	if (i < 0)
		return false;
	e = &ksyms_entries[i];
	if (addr - e->addr >= e->size)
		return false;
	sym->name = ksyms_names + e->name;
	sym->start = e->addr;
	sym->size = e->size;
	return true;
}

static void ksyms_print_found(uint64_t addr, uint64_t lookup)
{
	struct ksym sym;

	if (ksyms_lookup(lookup, &sym))
		kprintf(" %s+0x%lx/0x%lx", sym.name, addr - sym.start, sym.size);
}

void ksyms_print(uint64_t addr)
{
	ksyms_print_found(addr, addr);
}

void ksyms_print_return(uint64_t ret)
{
	ksyms_print_found(ret, ret - 1);
}
