/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The table of device nodes, the chardev registry that fills it, and the
 * memory devices: null (1:3), zero (1:5) and full (1:7).
 */
#include <tessera/string.h>

#include "devfs.h"

static struct devfs_node devfs_nodes[DEVFS_NODES_MAX];
static struct kmutex devfs_nodes_lock; /* slot allocation; devfs_init initialises it */
static uint64_t devfs_next_ino = 2; /* 1 is the root */

void devfs_nodes_init(void)
{
	mutex_init(&devfs_nodes_lock);
}

struct devfs_node *devfs_node_named(const char *name)
{
	for (size_t i = 0; i < DEVFS_NODES_MAX; i++)
		if (devfs_nodes[i].name[0] && strcmp(devfs_nodes[i].name, name) == 0)
			return &devfs_nodes[i];
	return NULL;
}

struct devfs_node *devfs_node_at(size_t index)
{
	return index < DEVFS_NODES_MAX && devfs_nodes[index].name[0] ? &devfs_nodes[index] : NULL;
}

/* Registration fills a slot entirely before naming it, so lookups never
 * see half a node. */
int devfs_register(const char *name, uint32_t major, uint32_t minor, uint32_t mode, const struct chardev_ops *ops)
{
	struct devfs_node *free_slot = NULL;
	if (strlen(name) >= sizeof(free_slot->name))
		return -ENOSPC;
	mutex_lock(&devfs_nodes_lock);
	for (size_t i = 0; i < DEVFS_NODES_MAX; i++) {
		struct devfs_node *n = &devfs_nodes[i];

		if (n->name[0] && (strcmp(n->name, name) == 0 || n->inode.rdev == DEVFS_RDEV(major, minor))) {
			mutex_unlock(&devfs_nodes_lock);
			return strcmp(n->name, name) == 0 ? -EEXIST : -EBUSY;
		}
		if (!n->name[0] && !free_slot)
			free_slot = n;
	}
	if (free_slot) {
		free_slot->inode = (struct fs_inode){ .ino = devfs_next_ino++, .mode = S_IFCHR | (mode & 07777),
						      .nlink = 1, .rdev = DEVFS_RDEV(major, minor), .priv = free_slot };
		free_slot->ops = ops;
		memcpy(free_slot->name, name, strlen(name) + 1);
	}
	mutex_unlock(&devfs_nodes_lock);
	return free_slot ? 0 : -ENOSPC;
}

static long devfs_null_read(void *priv, uint32_t minor, uint8_t *buf, size_t len, int32_t flags)
{
	(void)priv;
	(void)flags;
	if (minor == 3) /* null: always at its end */
		return 0;
	memset(buf, 0, len); /* zero and full read as zeros */
	return (long)len;
}

static long devfs_null_write(void *priv, uint32_t minor, const uint8_t *buf, size_t len, int32_t flags)
{
	(void)priv;
	(void)buf;
	(void)flags;
	return minor == 7 ? -ENOSPC : (long)len; /* full is always full */
}

static const struct chardev_ops devfs_mem_ops = { .read = devfs_null_read, .write = devfs_null_write };

int devfs_add_memory_devices(void)
{
	int err = devfs_register("null", 1, 3, 0666, &devfs_mem_ops);

	if (!err)
		err = devfs_register("zero", 1, 5, 0666, &devfs_mem_ops);
	if (!err)
		err = devfs_register("full", 1, 7, 0666, &devfs_mem_ops);
	return err;
}
