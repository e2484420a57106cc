/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the generated syscall dispatcher (syscall_table.c) calls for a number
 * this configuration does not implement: -ENOSYS, as Linux answers, and one
 * log line per number naming the call, so a program's missing needs show up
 * once instead of flooding the console.
 */
#include <tessera/components/kernel_core.h>
#include <tessera/kprintf.h>
#include <tessera/syscall_desc.h>
#include <tessera/syscall_table.h>

static uint64_t syscall_reported[(SYSCALL_NR_MAX + 63) / 64];

long syscall_unimplemented(unsigned long nr, const struct syscall_args *args)
{
	(void)args;
	if (nr < SYSCALL_NR_MAX) {
		uint64_t bit = 1ull << (nr % 64);

		if (!(syscall_reported[nr / 64] & bit)) {
			const char *name = syscall_descs[nr].name;

			syscall_reported[nr / 64] |= bit;
			kprintf("syscall: %s (%lu) is not implemented: -ENOSYS\n", name ? name : "unknown", nr);
		}
	}
	return -ENOSYS;
}
