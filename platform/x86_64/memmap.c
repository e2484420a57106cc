/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memmap interface on x86_64: the direct map the boot page tables set
 * up (layout.h). Linked into the kernel image, not the platform test kernel,
 * because its prototypes come from the configuration's generated headers.
 */
#include <tessera/components/platform_x86_64.h>
#include <tessera/panic.h>

#include "layout.h"

vaddr_t x86_64_phys_to_virt(paddr_t pa)
{
	if (pa >= DIRECT_MAP_SIZE)
		panic("phys_to_virt: %#lx is beyond the direct map", pa);
	return DIRECT_MAP_BASE + pa;
}

paddr_t x86_64_virt_to_phys(vaddr_t va)
{
	if (va < DIRECT_MAP_BASE || va - DIRECT_MAP_BASE >= DIRECT_MAP_SIZE)
		panic("virt_to_phys: %#lx is not in the direct map", va);
	return va - DIRECT_MAP_BASE;
}
