/* SPDX-License-Identifier: Apache-2.0 */
/*
 * devfs as a file system: one root directory listing the nodes; reads,
 * writes and ioctls go to the node's driver. Every instance mounted shows
 * the same nodes. Names are made by drivers, never by users (EPERM).
 */
#include <tessera/string.h>

#include "devfs.h"

struct fs_inode devfs_root = { .ino = 1, .mode = S_IFDIR | 0755, .nlink = 2 };

static struct fs_dev devfs_dev = { .name = "devfs", .ops = &fs_devfs_fs_ops };

int devfs_init(void)
{
	int err;

	devfs_dev.next = NULL;
	devfs_nodes_init();
	devfs_random_seed();
	err = devfs_add_memory_devices();
	if (!err)
		err = devfs_add_random_devices();
	if (!err)
		err = devfs_add_terminals();
	if (!err)
		err = fs_register(&devfs_dev);
	return err == -EEXIST ? 0 : err; /* host tests run init again */
}

int devfs_mount(struct fs_dev *dev, const char *source, struct fs_inode **root)
{
	(void)dev;
	(void)source;
	*root = &devfs_root;
	return 0;
}

void devfs_unmount(struct fs_dev *dev, struct fs_inode *root)
{
	(void)dev;
	(void)root;
}

int devfs_lookup(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode **child)
{
	struct devfs_node *n;

	(void)dev;
	(void)dir;
	if (strcmp(name, "..") == 0) {
		*child = &devfs_root;
		return 0;
	}
	if (!(n = devfs_node_named(name)))
		return -ENOENT;
	*child = &n->inode;
	return 0;
}

int devfs_create(struct fs_dev *dev, struct fs_inode *dir, const char *name, uint32_t mode, uint64_t rdev,
		 struct fs_inode **child)
{
	(void)dev;
	(void)dir;
	(void)mode;
	(void)rdev;
	(void)child;
	return devfs_node_named(name) ? -EEXIST : -EPERM;
}

int devfs_symlink(struct fs_dev *dev, struct fs_inode *dir, const char *name, const char *target,
		  struct fs_inode **child)
{
	(void)dev;
	(void)dir;
	(void)target;
	(void)child;
	return devfs_node_named(name) ? -EEXIST : -EPERM;
}

int devfs_link(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode *target)
{
	(void)dev;
	(void)dir;
	(void)target;
	return devfs_node_named(name) ? -EEXIST : -EPERM;
}

int devfs_unlink(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	(void)dev;
	(void)dir;
	return devfs_node_named(name) ? -EPERM : -ENOENT;
}

int devfs_rmdir(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	(void)dev;
	(void)dir;
	return devfs_node_named(name) ? -ENOTDIR : -ENOENT;
}

int devfs_rename(struct fs_dev *dev, struct fs_inode *olddir, const char *oldname, struct fs_inode *newdir,
		 const char *newname, uint32_t flags)
{
	(void)dev;
	(void)olddir;
	(void)newdir;
	(void)newname;
	(void)flags;
	return devfs_node_named(oldname) ? -EPERM : -ENOENT;
}

static struct devfs_node *devfs_node_of(struct fs_inode *inode)
{
	return inode == &devfs_root ? NULL : (struct devfs_node *)inode->priv;
}

long devfs_read(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len, uint64_t off, int32_t flags)
{
	struct devfs_node *n = devfs_node_of(inode);
	long r;

	(void)dev;
	(void)off;
	if (!n || !n->ops->read)
		return -EINVAL;
	r = n->ops->read(n->ops->priv, (uint32_t)(inode->rdev & 0xff), buf, buf_len, flags);
	return r >= 0 || r == -EAGAIN ? r : -EIO;
}

long devfs_write(struct fs_dev *dev, struct fs_inode *inode, const uint8_t *buf, size_t buf_len, uint64_t off,
		 int32_t flags)
{
	struct devfs_node *n = devfs_node_of(inode);
	long r;

	(void)dev;
	(void)off;
	if (!n || !n->ops->write)
		return -EINVAL;
	r = n->ops->write(n->ops->priv, (uint32_t)(inode->rdev & 0xff), buf, buf_len, flags);
	return r >= 0 || r == -EAGAIN || r == -ENOSPC ? r : -EIO;
}

int devfs_truncate(struct fs_dev *dev, struct fs_inode *inode, uint64_t size)
{
	(void)dev;
	(void)inode;
	(void)size;
	return 0; /* O_TRUNC on a device does nothing, as on Linux */
}

long devfs_readlink(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len)
{
	(void)dev;
	(void)inode;
	(void)buf;
	(void)buf_len;
	return -EINVAL;
}

int64_t devfs_readdir(struct fs_dev *dev, struct fs_inode *dir, uint64_t pos, struct fs_dirent *ent)
{
	(void)dev;
	if (dir != &devfs_root)
		return -ENOTDIR;
	for (size_t i = pos ? pos - 1 : 0; i < DEVFS_NODES_MAX; i++) {
		struct devfs_node *n = devfs_node_at(i);

		if (!n)
			continue;
		ent->ino = n->inode.ino;
		ent->type = DT_CHR;
		memcpy(ent->name, n->name, strlen(n->name) + 1);
		return (int64_t)i + 2;
	}
	return 0;
}

int32_t devfs_ioctl(struct fs_dev *dev, struct fs_inode *inode, uint32_t cmd, uint64_t arg)
{
	(void)dev;
	if ((inode->rdev >> 8) == 5 || (inode->rdev >> 8) == 4) /* tty, console */
		return devfs_tty_ioctl(cmd, arg);
	return -ENOTTY;
}

void devfs_release(struct fs_dev *dev, struct fs_inode *inode)
{
	(void)dev;
	(void)inode;
}
