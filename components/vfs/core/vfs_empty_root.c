/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The root of a kernel built without any file-system driver: one empty
 * directory that takes no names, so every path but "/" is ENOENT and
 * nothing can be created, while descriptors, pipes and the rest of the VFS
 * work. It is never registered, so `mount` cannot name it.
 */
#include "vfs.h"

static struct fs_inode vfs_empty_dir = { .ino = 1, .mode = S_IFDIR | 0555, .nlink = 2 };

static int vfs_empty_mount(struct fs_dev *dev, const char *source, struct fs_inode **root)
{
	(void)dev, (void)source;
	*root = &vfs_empty_dir;
	return 0;
}

static void vfs_empty_unmount(struct fs_dev *dev, struct fs_inode *root)
{
	(void)dev, (void)root;
}

static int vfs_empty_lookup(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode **child)
{
	(void)dev;
	if (name[0] == '.' && name[1] == '.' && !name[2]) {
		*child = dir;
		return 0;
	}
	return -ENOENT;
}

static int vfs_empty_create(struct fs_dev *dev, struct fs_inode *dir, const char *name, uint32_t mode,
			    uint64_t rdev, struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)mode, (void)rdev, (void)child;
	return -EPERM;
}

static int vfs_empty_symlink(struct fs_dev *dev, struct fs_inode *dir, const char *name, const char *target,
			     struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)target, (void)child;
	return -EPERM;
}

static int vfs_empty_link(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode *target)
{
	(void)dev, (void)dir, (void)name, (void)target;
	return -EPERM;
}

static int vfs_empty_remove(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	(void)dev, (void)dir, (void)name;
	return -ENOENT;
}

static int vfs_empty_rename(struct fs_dev *dev, struct fs_inode *olddir, const char *oldname,
			    struct fs_inode *newdir, const char *newname, uint32_t flags)
{
	(void)dev, (void)olddir, (void)oldname, (void)newdir, (void)newname, (void)flags;
	return -ENOENT;
}

static long vfs_empty_read(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len, uint64_t off,
			   int32_t flags)
{
	(void)dev, (void)inode, (void)buf, (void)buf_len, (void)off, (void)flags;
	return -EINVAL;
}

static long vfs_empty_write(struct fs_dev *dev, struct fs_inode *inode, const uint8_t *buf, size_t buf_len,
			    uint64_t off, int32_t flags)
{
	(void)dev, (void)inode, (void)buf, (void)buf_len, (void)off, (void)flags;
	return -EPERM;
}

static int vfs_empty_truncate(struct fs_dev *dev, struct fs_inode *inode, uint64_t size)
{
	(void)dev, (void)inode, (void)size;
	return -EPERM;
}

static long vfs_empty_readlink(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len)
{
	(void)dev, (void)inode, (void)buf, (void)buf_len;
	return -EINVAL;
}

static int64_t vfs_empty_readdir(struct fs_dev *dev, struct fs_inode *dir, uint64_t pos, struct fs_dirent *ent)
{
	(void)dev, (void)dir, (void)pos, (void)ent;
	return 0;
}

static void vfs_empty_release(struct fs_dev *dev, struct fs_inode *inode)
{
	(void)dev, (void)inode;
}

static const struct fs_ops vfs_empty_ops = {
	.mount = vfs_empty_mount,
	.unmount = vfs_empty_unmount,
	.lookup = vfs_empty_lookup,
	.create = vfs_empty_create,
	.symlink = vfs_empty_symlink,
	.link = vfs_empty_link,
	.unlink = vfs_empty_remove,
	.rmdir = vfs_empty_remove,
	.rename = vfs_empty_rename,
	.read = vfs_empty_read,
	.write = vfs_empty_write,
	.truncate = vfs_empty_truncate,
	.readlink = vfs_empty_readlink,
	.readdir = vfs_empty_readdir,
	.release = vfs_empty_release,
};

struct fs_dev vfs_empty_root_fs = { .name = "none", .ops = &vfs_empty_ops };
