/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vfs conformance suite's shared helpers and case lists. Cases call
 * the system calls as a user program would (the host's memory stands in
 * for user memory, see tests/host/include/tessera/uaccess.h), each in a
 * fresh directory so they do not see each other's files.
 */
#ifndef TESSERA_TESTS_VFS_CASES_H
#define TESSERA_TESTS_VFS_CASES_H

#include <stdint.h>
#include <stdio.h>
/* stdio.h's SEEK_* are Linux's numbers too; the generated header spells them 0U... */
#undef SEEK_SET
#undef SEEK_CUR
#undef SEEK_END

#include <tessera/components/vfs_core.h>

#include "ktap.h"

/* A kernel address: any user-pointer argument given one must get -EFAULT. */
#define VFS_KERNEL_PTR ((void *)0xffff800000001000ull)

/* Makes /case<N> and changes into it; returns its path. */
const char *vfs_case_dir(struct ktap *t);

/* Writes a whole file (created 0644, truncated); returns 0 or -errno. */
long vfs_put_file(const char *path, const void *data, size_t len);

extern const struct ktap_case vfs_open_cases[], vfs_io_cases[], vfs_fd_cases[], vfs_name_cases[],
	vfs_dir_cases[], vfs_attr_cases[], vfs_pipe_cases[], vfs_poll_cases[], vfs_mount_cases[], vfs_kernel_cases[];

#endif
