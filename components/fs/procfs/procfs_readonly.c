/* SPDX-License-Identifier: Apache-2.0 */
/*
 * /proc cannot be changed, and refuses as Linux's does (checked against
 * Linux by user/tests/procfs.c): a new name (a file, a directory, a link,
 * a rename's target) is -ENOENT, removing a name is -EPERM, and writing a
 * file is -EIO.
 */
#include "procfs.h"

int procfs_create(struct fs_dev *dev, struct fs_inode *dir, const char *name, uint32_t mode, uint64_t rdev,
		  struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)mode, (void)rdev, (void)child;
	return -ENOENT;
}

int procfs_symlink(struct fs_dev *dev, struct fs_inode *dir, const char *name, const char *target,
		   struct fs_inode **child)
{
	(void)dev, (void)dir, (void)name, (void)target, (void)child;
	return -ENOENT;
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
	return -ENOENT;
}

long procfs_write(struct fs_dev *dev, struct fs_inode *inode, const uint8_t *buf, size_t buf_len, uint64_t off,
		  int32_t flags)
{
	(void)dev, (void)inode, (void)buf, (void)buf_len, (void)off, (void)flags;
	return -EIO;
}

int procfs_truncate(struct fs_dev *dev, struct fs_inode *inode, uint64_t size)
{
	(void)dev, (void)inode, (void)size;
	return -EPERM;
}
