/* SPDX-License-Identifier: Apache-2.0 */
/*
 * devfs's private types: a flat directory of nodes, one per registered
 * character device. devfs_fs.c answers the VFS, devfs_nodes.c keeps the
 * table and the memory devices, devfs_tty.c the console devices,
 * devfs_random.c the ChaCha20 generator and getrandom.
 */
#ifndef TESSERA_DEVFS_H
#define TESSERA_DEVFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/components/fs_devfs.h>

#define DEVFS_NODES_MAX 64
#define DEVFS_RDEV(major, minor) (((uint64_t)(major) << 8) | (minor))

struct devfs_node {
	struct fs_inode inode; /* first: the VFS sees only this */
	char name[32]; /* "" for a free slot */
	const struct chardev_ops *ops;
};

extern struct fs_inode devfs_root;

/* devfs_nodes.c */
void devfs_nodes_init(void);
struct devfs_node *devfs_node_named(const char *name);
struct devfs_node *devfs_node_at(size_t index);
int devfs_add_memory_devices(void);

/* devfs_tty.c */
int devfs_add_terminals(void);
int32_t devfs_tty_ioctl(uint32_t cmd, uint64_t arg);

/* devfs_random.c */
void devfs_random_seed(void);
void devfs_random_fill(uint8_t *buf, size_t len);
int devfs_add_random_devices(void);

#endif
