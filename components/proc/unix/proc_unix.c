/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The component's init (run once at boot, after the providers of heap,
 * thread, vm and vfs): hook the process layer into the platform's user
 * mode and the thread provider's context switches.
 */
#include "proc.h"

int proc_unix_init(void)
{
	futex_init();
	proc_time_init();
	thread_set_switch_hook(proc_switch_hook);
	proc_syscall_install();
	platform_set_user_fatal_handler(proc_user_fatal);
	return 0;
}
