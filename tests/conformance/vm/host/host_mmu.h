/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's simulated MMU (host_mmu.c) and user accesses
 * (host_usermode.c): what a test sees of the page tables and how a
 * "user program" touches memory, faulting as the CPU would.
 */
#ifndef TESSERA_TESTS_VM_HOST_MMU_H
#define TESSERA_TESTS_VM_HOST_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/mmu.h>

/* Page-table pages all spaces hold now (root and leaf tables). */
size_t host_mmu_tables(void);
/* Spaces made by mmu_space_init and not released. */
size_t host_mmu_spaces(void);
/* The root of the active space, 0 for the kernel's tables. */
uint64_t host_mmu_active_root(void);

/* Faults the last user access took (reset by each call below). */
extern unsigned host_user_faults;

/*
 * A user-mode read, write or execution of one byte in the active space:
 * the access goes through the model's mappings; a missing page or a
 * missing right calls the registered page-fault handler, then retries
 * once. Returns 0, or the handler's error (the SIGSEGV case).
 */
int host_user_read(uint64_t va, uint8_t *value);
int host_user_write(uint64_t va, uint8_t value);
int host_user_exec(uint64_t va);

#endif
