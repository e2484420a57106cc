/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Directory system calls: reading entries (getdents64), making and
 * removing directories, the working directory (chdir, fchdir, getcwd).
 */
#include <tessera/string.h>

#include <tessera/uaccess.h>

#include "vfs.h"

#define VFS_DIRENT_HEAD 19 /* d_ino, d_off, d_reclen, d_type */

/* Copies one record to the user buffer at *used; 1 when it does not fit. */
static int vfs_emit_dirent(uint8_t __user *buf, size_t size, size_t *used, uint64_t ino, int64_t next,
			   uint8_t type, const char *name)
{
	uint8_t rec[VFS_DIRENT_HEAD + FS_NAME_MAX + 1 + 8];
	size_t len = strlen(name);
	uint16_t reclen = (uint16_t)((VFS_DIRENT_HEAD + len + 1 + 7) & ~7u);

	if (*used + reclen > size)
		return 1;
	memset(rec, 0, reclen);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &next, 8);
	memcpy(rec + 16, &reclen, 2);
	rec[18] = type;
	memcpy(rec + VFS_DIRENT_HEAD, name, len);
	if (copy_to_user(buf + *used, rec, reclen))
		return -EFAULT;
	*used += reclen;
	return 0;
}

/* f->pos: 0 is ".", 1 "..", p >= 2 the driver's position p - 1. */
static long vfs_getdents(struct vfs_file *f, uint8_t __user *buf, size_t size)
{
	struct fs_dirent ent;
	size_t used = 0;
	int err = 0;

	while (!err) {
		uint64_t pos = f->pos;
		int64_t next;

		if (pos < 2) {
			struct vfs_path p = pos == 0 ? f->path : vfs_parent(f->path);

			err = vfs_emit_dirent(buf, size, &used, p.inode->ino, (int64_t)pos + 1, DT_DIR,
					      pos == 0 ? "." : "..");
			next = (int64_t)pos + 1;
		} else {
			next = fs_readdir(f->path.mnt->fs, f->path.inode, pos - 1, &ent);
			if (next <= 0)
				break;
			next += 1;
			err = vfs_emit_dirent(buf, size, &used, ent.ino, next, ent.type, (const char *)ent.name);
		}
		if (!err)
			f->pos = (uint64_t)next;
	}
	if (err < 0)
		return err;
	if (err > 0 && used == 0)
		return -EINVAL;
	return (long)used;
}

long vfs_sys_getdents64(int32_t fd, uint8_t __user *dirent, size_t dirent_len)
{
	struct vfs_file *f;
	long n;

	if ((n = vfs_fd_get(fd, &f)))
		return n;
	if (f->pipe || !vfs_is_dir(f->path.inode)) {
		vfs_core_file_put(f);
		return -ENOTDIR;
	}
	vfs_lock_ns();
	n = vfs_getdents(f, dirent, dirent_len);
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return n;
}

long vfs_sys_mkdirat(at_fd_t dfd, const char __user *pathname, uint32_t mode)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_path start, dir, existing;
	struct fs_inode *child;
	char *path;
	long err;

	if ((err = vfs_user_path(pathname, &path)))
		return err;
	vfs_lock_ns();
	if (!(err = vfs_start(dfd, path, &start)) && (err = vfs_walk_parent(start, path, &dir, last)) >= 0) {
		if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || !vfs_lookup_in(dir, last, &existing))
			err = -EEXIST;
		else
			err = fs_create(dir.mnt->fs, dir.inode, last,
					S_IFDIR | (mode & 07777 & ~vfs_current_files()->umask), 0, &child);
	}
	vfs_unlock_ns();
	vfs_path_free(path);
	return err;
}

long vfs_sys_mkdir(const char __user *pathname, uint32_t mode)
{
	return vfs_sys_mkdirat(AT_FDCWD, pathname, mode);
}

/* rmdir's checks and call, vfs_lock held. */
long vfs_rmdir_at(int32_t dfd, const char *path)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_path start, dir, victim;
	long err;

	if ((err = vfs_start(dfd, path, &start)) || (err = vfs_walk_parent(start, path, &dir, last)) < 0)
		return err;
	if (strcmp(last, ".") == 0)
		return -EINVAL;
	if (strcmp(last, "..") == 0)
		return -ENOTEMPTY;
	if ((err = vfs_lookup_in(dir, last, &victim)))
		return err;
	if (!vfs_is_dir(victim.inode))
		return -ENOTDIR;
	if (victim.mnt != dir.mnt)
		return -EBUSY; /* a mount point */
	return fs_rmdir(dir.mnt->fs, dir.inode, last);
}

long vfs_sys_rmdir(const char __user *pathname)
{
	char *path;
	long err;

	if ((err = vfs_user_path(pathname, &path)))
		return err;
	vfs_lock_ns();
	err = vfs_rmdir_at(AT_FDCWD, path);
	vfs_unlock_ns();
	vfs_path_free(path);
	return err;
}

static void vfs_set_cwd(struct vfs_path p)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path old = t->cwd;

	vfs_path_get(p);
	t->cwd = p;
	vfs_path_put(old);
}

long vfs_sys_chdir(const char __user *filename)
{
	struct vfs_path p;
	long err;

	vfs_lock_ns();
	err = vfs_user_walk(AT_FDCWD, filename, VFS_WALK_FOLLOW | VFS_WALK_DIR, false, &p);
	if (!err && !vfs_is_dir(p.inode))
		err = -ENOTDIR;
	if (!err)
		vfs_set_cwd(p);
	vfs_unlock_ns();
	return err;
}

long vfs_sys_fchdir(int32_t fd)
{
	struct vfs_file *f;
	long err;

	if ((err = vfs_fd_get(fd, &f)))
		return err;
	vfs_lock_ns();
	if (f->pipe || !vfs_is_dir(f->path.inode))
		err = -ENOTDIR;
	else
		vfs_set_cwd(f->path);
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return err;
}

long vfs_sys_getcwd(uint8_t __user *buf, size_t buf_len)
{
	char *name = vfs_zalloc(VFS_PATH_MAX);
	long n;

	if (!name)
		return -ENOMEM;
	vfs_lock_ns();
	n = vfs_path_name(vfs_current_files()->cwd, name, VFS_PATH_MAX);
	vfs_unlock_ns();
	if (n >= 0 && (size_t)n + 1 > buf_len)
		n = -ERANGE;
	else if (n >= 0 && copy_to_user(buf, name, (size_t)n + 1))
		n = -EFAULT;
	else if (n >= 0)
		n += 1;
	heap_free(name);
	return n;
}
