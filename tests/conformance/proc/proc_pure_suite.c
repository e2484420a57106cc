/* SPDX-License-Identifier: Apache-2.0 */
/*
 * proc_unix_pure: the process layer's pure functions on the host, one
 * KTAP suite per area; exits non-zero when any case fails.
 */
#include "proc_cases.h"

int main(void)
{
	int failed = 0;

	failed += ktap_run_suite("proc_strace_format", strace_cases, NULL, NULL);
	failed += ktap_run_suite("proc_elf_parse", elf_cases, NULL, NULL);
	failed += ktap_run_suite("proc_exec_stack", exec_stack_cases, NULL, NULL);
	failed += ktap_run_suite("proc_wait_futex_cmdline", misc_cases, NULL, NULL);
	return failed ? 1 : 0;
}
