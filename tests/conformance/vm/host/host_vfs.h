/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's file double (vfs/host_vfs.c): how a test makes files to
 * map and checks that every reference the vm provider took was dropped.
 */
#ifndef TESSERA_TESTS_VM_HOST_VFS_H
#define TESSERA_TESTS_VM_HOST_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opens a file holding a copy of data[0..len) as descriptor fd (0-7);
 * readable false is a file opened O_WRONLY. st_ino is 100 + fd, st_dev 08:01. */
void host_vfs_open(int fd, const char *path, const void *data, size_t len, bool readable);
/* Closes the descriptor; the file lives on while references remain. */
void host_vfs_close(int fd);
/* Files alive (open or referenced). */
unsigned host_vfs_live_files(void);

#endif
