/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The calling thread's memory syscalls, made by number through the
 * composition's generated dispatcher, as user space makes them
 * (vm_sys.c, which alone sees the ABI header: host libc's <sys/mman.h>
 * clashes with it).
 */
#ifndef TESSERA_TESTS_VM_SYS_H
#define TESSERA_TESTS_VM_SYS_H

#include <tessera/idl_base.h>

long world_mmap(vaddr_t addr, size_t len, uint64_t prot, uint64_t flags, int fd, uint64_t off);
long world_munmap(vaddr_t addr, size_t len);
long world_mprotect(vaddr_t addr, size_t len, uint64_t prot);
vaddr_t world_brk(vaddr_t brk);

#endif
