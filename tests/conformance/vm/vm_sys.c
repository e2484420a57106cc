/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's syscalls (vm_sys.h): each goes through
 * syscall_dispatch() with its Linux number and argument registers.
 */
#include <tessera/errno.h>
#include <tessera/syscall_nr.h>
#include <tessera/syscall_table.h>

#include "vm_sys.h"

/* A number the composition does not implement: the case sees -ENOSYS. */
long syscall_unimplemented(unsigned long nr, const struct syscall_args *args)
{
	(void)nr;
	(void)args;
	return -ENOSYS;
}

static long world_syscall(unsigned long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			  uint64_t a5)
{
	struct syscall_args args = { { a0, a1, a2, a3, a4, a5 } };

	return syscall_dispatch(nr, &args);
}

long world_mmap(vaddr_t addr, size_t len, uint64_t prot, uint64_t flags, int fd, uint64_t off)
{
	return world_syscall(__NR_mmap, addr, len, prot, flags, (uint64_t)(int64_t)fd, off);
}

long world_munmap(vaddr_t addr, size_t len)
{
	return world_syscall(__NR_munmap, addr, len, 0, 0, 0, 0);
}

long world_mprotect(vaddr_t addr, size_t len, uint64_t prot)
{
	return world_syscall(__NR_mprotect, addr, len, prot, 0, 0, 0);
}

vaddr_t world_brk(vaddr_t brk)
{
	return (vaddr_t)world_syscall(__NR_brk, brk, 0, 0, 0, 0, 0);
}
