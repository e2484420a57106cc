/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The status words wait4 stores, as Linux builds them (see wait(2)'s
 * WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG), and the test of which
 * children a wait4 pid argument selects. Pure functions: the process
 * layer and the host tests use them.
 */
#ifndef PROC_UNIX_WAIT_STATUS_H
#define PROC_UNIX_WAIT_STATUS_H

#include <stdbool.h>
#include <stdint.h>

/* exit(code): the low byte of the code in bits 8..15. */
static inline int32_t wait_status_exited(int32_t code)
{
	return (code & 0xff) << 8;
}

/* Killed by signal signo (no core dump): the signal in bits 0..6. */
static inline int32_t wait_status_signaled(int32_t signo)
{
	return signo & 0x7f;
}

/* What kmain reports for init's end: the exit code, or 128 + the signal as a shell does. */
static inline int32_t wait_status_shell_code(int32_t status)
{
	if ((status & 0x7f) == 0)
		return (status >> 8) & 0xff;
	return 128 + (status & 0x7f);
}

/*
 * Whether wait4(upid, ...) by a process in group caller_pgid selects a
 * child with pid and pgid: upid > 0 that pid, -1 any child, 0 the
 * caller's group, below -1 group -upid.
 */
static inline bool wait_selects(int32_t upid, int32_t caller_pgid, int32_t pid, int32_t pgid)
{
	if (upid > 0)
		return pid == upid;
	if (upid == -1)
		return true;
	if (upid == 0)
		return pgid == caller_pgid;
	return pgid == -upid;
}

#endif
