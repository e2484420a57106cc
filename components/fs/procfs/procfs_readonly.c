/* SPDX-License-Identifier: Apache-2.0 */
/*
 * /proc cannot be changed: every call that would create, remove, rename or
 * write a file is refused with -EPERM.
 */
#include "procfs.h"

int procfs_create(struct fs_dev *dev, struct fs_inode *dir, const char *name, uint32_t mode, uint64_t rdev,
		  struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)mode, (void)rdev, (void)child;
	return -EPERM;
}

int procfs_symlink(struct fs_dev *dev, struct fs_inode *dir, const char *name, const char *target,
		   struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)target, (void)child;
	return -EPERM;
}

int procfs_link(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode *target)
{
	(void)dev, (void)dir, (void)name, (void)target;
	return -EPERM;
}

int procfs_unlink(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	(void)dev, (void)dir, (void)name;
	return -EPERM;
}

int procfs_rmdir(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	(void)dev, (void)dir, (void)name;
	return -EPERM;
}

int procfs_rename(struct fs_dev *dev, struct fs_inode *olddir, const char *oldname, struct fs_inode *newdir,
		  const char *newname, uint32_t flags)
{
	(void)dev, (void)olddir, (void)oldname, (void)newdir, (void)newname, (void)flags;
	return -EPERM;
}

long procfs_write(struct fs_dev *dev, struct fs_inode *inode, const uint8_t *buf, size_t buf_len, uint64_t off,
		  int32_t flags)
{
	(void)dev, (void)inode, (void)buf, (void)buf_len, (void)off, (void)flags;
	return -EPERM;
}

int procfs_truncate(struct fs_dev *dev, struct fs_inode *inode, uint64_t size)
{
	(void)dev, (void)inode, (void)size;
	return -EPERM;
}
