/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vfs interface's calls for the rest of the kernel (the process
 * layer's execve and /proc, the initramfs, the boot's mounts), and
 * vfs_init, which mounts ramfs at the root.
 */
#include <tessera/string.h>

#include <tessera/kprintf.h>

#include "vfs.h"

/* The root is ramfs when the kernel has it; otherwise the first driver
 * registered (the manifest guarantees one), so that any composition boots. */
int vfs_init(void)
{
	struct fs_dev *root_fs = vfs_fs_find("ramfs");
	int err;

	mutex_init(&vfs_lock);
	if (!root_fs && (root_fs = fs_dev_first()))
		kprintf("vfs: no ramfs; %s is the root file system\n", root_fs->name);
	if (!root_fs) {
		kprintf("vfs: no file-system driver; the root is an empty read-only directory\n");
		root_fs = &vfs_empty_root_fs;
	}
	vfs_lock_ns();
	err = vfs_mount_at(root_fs, "rootfs", (struct vfs_path){ 0 });
	if (!err)
		err = vfs_files_init_kernel();
	vfs_unlock_ns();
	return err;
}

int vfs_core_open_file(const char *path, int32_t flags, uint32_t mode, struct vfs_file **file)
{
	struct vfs_files *t = vfs_current_files();
	int err;

	vfs_lock_ns();
	err = vfs_open_path(t->cwd, path, flags, mode, t->umask, file);
	vfs_unlock_ns();
	return err;
}

long vfs_core_kernel_read(struct vfs_file *file, uint8_t *buf, size_t buf_len, uint64_t off)
{
	long n;

	if (file->pipe)
		return -EINVAL;
	n = vfs_file_read(file, buf, buf_len, &off);
	return n >= 0 || n == -EISDIR || n == -EINVAL ? n : -EIO;
}

long vfs_core_user_read(struct vfs_file *file, vaddr_t addr, size_t len, uint64_t off)
{
	long n;

	if (file->pipe)
		return -EINVAL;
	if (vfs_is_dir(file->path.inode))
		return -EISDIR;
	n = vfs_file_read_user(file, (uint8_t __user *)(uintptr_t)addr, len, &off);
	return n >= 0 || n == -EFAULT || n == -EINVAL ? n : -EIO;
}

int vfs_core_file_stat(struct vfs_file *file, struct linux_stat *st)
{
	vfs_lock_ns();
	vfs_fill_stat(file->path, st);
	vfs_unlock_ns();
	return 0;
}

long vfs_core_file_path(struct vfs_file *file, uint8_t *buf, size_t buf_len)
{
	size_t len = strlen(file->name);

	if (len + 1 > buf_len)
		return -ENAMETOOLONG;
	memcpy(buf, file->name, len + 1);
	return (long)len;
}

int vfs_core_kernel_mkdir(const char *path, uint32_t mode)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path dir;
	struct fs_inode *child;
	char last[FS_NAME_MAX + 1];
	int err;

	vfs_lock_ns();
	err = vfs_walk_parent(t->cwd, path, &dir, last);
	if (err >= 0)
		err = strcmp(last, ".") == 0 || strcmp(last, "..") == 0 ? -EEXIST
		      : fs_create(dir.mnt->fs, dir.inode, last, S_IFDIR | (mode & 07777 & ~t->umask), 0, &child);
	vfs_unlock_ns();
	return err == -ENOTDIR || err == -ENOENT || err == -EEXIST || err == -ENOMEM || err >= 0 ? err : -ENOSPC;
}

int vfs_core_kernel_symlink(const char *target, const char *path)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path dir;
	struct fs_inode *child;
	char last[FS_NAME_MAX + 1];
	int err;

	vfs_lock_ns();
	err = vfs_walk_parent(t->cwd, path, &dir, last);
	if (err >= 0)
		err = strcmp(last, ".") == 0 || strcmp(last, "..") == 0 ? -EEXIST
		      : fs_symlink(dir.mnt->fs, dir.inode, last, target, &child);
	vfs_unlock_ns();
	return err == -ENOTDIR || err == -ENOENT || err == -EEXIST || err == -ENOMEM || err >= 0 ? err : -ENOSPC;
}

int vfs_core_kernel_mount(const char *source, const char *target, const char *fstype)
{
	struct vfs_files *t = vfs_current_files();
	struct fs_dev *fs = vfs_fs_find(fstype);
	struct vfs_path at;
	int err;

	if (!fs)
		return -ENODEV;
	vfs_lock_ns();
	err = vfs_walk(t->cwd, target, VFS_WALK_FOLLOW | VFS_WALK_DIR, &at);
	if (!err)
		err = vfs_mount_at(fs, source, at);
	vfs_unlock_ns();
	return err == -ELOOP || err == -ENAMETOOLONG ? -ENOENT : err;
}

long vfs_core_kernel_write(struct vfs_file *file, const uint8_t *buf, size_t buf_len, uint64_t off)
{
	long n;

	if (file->pipe)
		return -EINVAL;
	if ((file->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (vfs_is_dir(file->path.inode))
		return -EISDIR;
	n = vfs_file_write(file, buf, buf_len, &off);
	return n >= 0 || n == -EFBIG || n == -ENOSPC || n == -EINVAL ? n : -EIO;
}

int vfs_core_kernel_link(const char *target, const char *path)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path src, dir, existing;
	char last[FS_NAME_MAX + 1];
	int err;

	vfs_lock_ns();
	if (!(err = vfs_walk(t->cwd, target, 0, &src)) && (err = vfs_walk_parent(t->cwd, path, &dir, last)) >= 0) {
		if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || !vfs_lookup_in(dir, last, &existing))
			err = -EEXIST;
		else if (dir.mnt != src.mnt)
			err = -EXDEV;
		else
			err = fs_link(dir.mnt->fs, dir.inode, last, src.inode);
	}
	vfs_unlock_ns();
	if (err == -ELOOP || err == -ENAMETOOLONG)
		return -ENOENT;
	return err == -EMLINK ? -ENOSPC : err;
}

int vfs_core_kernel_chmod(const char *path, uint32_t mode)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path p;
	int err;

	vfs_lock_ns();
	err = vfs_walk(t->cwd, path, VFS_WALK_FOLLOW, &p);
	if (!err)
		p.inode->mode = (p.inode->mode & S_IFMT) | (mode & 07777);
	vfs_unlock_ns();
	return err == -ELOOP || err == -ENAMETOOLONG ? -ENOENT : err;
}
