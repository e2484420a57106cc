/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's side of <tessera/usermode.h>: the page-fault hook the vm
 * provider registers, and simulated user accesses that take faults as the
 * CPU does (host_mmu.h) in the active space (the vm interface's activate).
 */
#include <tessera/errno.h>
#include <tessera/memmap.h>
#include <tessera/usermode.h>

#include "host_mmu.h"

static platform_page_fault_fn *host_fault_handler;
unsigned host_user_faults;

void platform_set_page_fault_handler(platform_page_fault_fn *fn)
{
	host_fault_handler = fn;
}

/* The byte behind a user address, when the mapping allows the access. */
static uint8_t *host_user_byte(const struct mmu_space *space, uint64_t va, const struct user_fault *f)
{
	uint64_t phys;
	unsigned prot;

	if (!mmu_query(space, va, &phys, &prot))
		return NULL;
	if ((f->write && !(prot & MMU_WRITE)) || (f->exec && !(prot & MMU_EXEC)))
		return NULL;
	return (uint8_t *)(uintptr_t)memmap_phys_to_virt(phys + va % MMU_PAGE_SIZE);
}

static int host_user_access(struct user_fault *f, uint8_t **byte)
{
	struct mmu_space active = { .root_phys = host_mmu_active_root() };
	const struct mmu_space *space = &active;
	int err;

	host_user_faults = 0;
	if (!active.root_phys)
		return -EFAULT;
	*byte = host_user_byte(space, f->addr, f);
	if (*byte)
		return 0;
	if (!host_fault_handler)
		return -EFAULT;
	f->present = mmu_query(space, f->addr, NULL, NULL);
	host_user_faults++;
	err = host_fault_handler(f);
	if (err)
		return err;
	*byte = host_user_byte(space, f->addr, f);
	return *byte ? 0 : -EFAULT; /* the handler said fixed, but it was not */
}

int host_user_read(uint64_t va, uint8_t *value)
{
	struct user_fault f = { .addr = va, .user_mode = true };
	uint8_t *byte;
	int err = host_user_access(&f, &byte);

	if (!err)
		*value = *byte;
	return err;
}

int host_user_write(uint64_t va, uint8_t value)
{
	struct user_fault f = { .addr = va, .write = true, .user_mode = true };
	uint8_t *byte;
	int err = host_user_access(&f, &byte);

	if (!err)
		*byte = value;
	return err;
}

int host_user_exec(uint64_t va)
{
	struct user_fault f = { .addr = va, .exec = true, .user_mode = true };
	uint8_t *byte;

	return host_user_access(&f, &byte);
}
