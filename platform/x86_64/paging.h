/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Page-table entry bits (shared with entry.S, which builds the boot tables)
 * and the C side of paging: paging_init() remaps the kernel image with
 * per-section permissions and drops the boot identity map (start.c calls it).
 */
#ifndef TESSERA_X86_64_PAGING_H
#define TESSERA_X86_64_PAGING_H

#define PTE_PRESENT (1 << 0)
#define PTE_WRITE (1 << 1)
#define PTE_USER (1 << 2)
#define PTE_LARGE (1 << 7) /* 2 MiB page in a page directory */
#define PTE_GLOBAL (1 << 8)

#define PT_ENTRIES 512

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"

#define PTE_NX (1ULL << 63) /* needs EFER.NXE, which entry.S sets */
#define PTE_ADDR_MASK 0x000ffffffffff000ULL

/* Built by entry.S in .bss; paging.c rewires them in place. */
extern uint64_t boot_pml4[PT_ENTRIES];
extern uint64_t boot_pdpt_kernel[PT_ENTRIES];
extern uint64_t boot_pd[DIRECT_MAP_PDS * PT_ENTRIES]; /* contiguous directories */

void paging_init(void);

/* Whether reading addr cannot fault: it lies in the direct map or in the
 * mapped part of the kernel image. The panic path checks frame pointers
 * with it before following them. */
bool paging_is_readable(uint64_t addr, uint64_t len);

#endif /* !__ASSEMBLER__ */

#endif
