/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The system calls that open, close, read, write and seek descriptors.
 */
#include <tessera/uaccess.h>

#include "vfs.h"

#define VFS_IOV_MAX 1024 /* Linux's UIO_MAXIOV */

long vfs_sys_openat(at_fd_t dfd, const char __user *filename, open_flags_t flags, uint32_t mode)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_path start;
	struct vfs_file *f;
	char *path;
	long err;

	if ((err = vfs_user_path(filename, &path)))
		return err;
	vfs_lock_ns();
	err = vfs_start(dfd, path, &start);
	if (!err)
		err = vfs_open_path(start, path, flags, mode, t->umask, &f);
	vfs_unlock_ns();
	vfs_path_free(path);
	if (err)
		return err;
	err = vfs_fd_alloc(t, f, 0, (flags & O_CLOEXEC) != 0);
	if (err < 0)
		vfs_core_file_put(f);
	return err;
}

long vfs_sys_open(const char __user *filename, open_flags_t flags, uint32_t mode)
{
	return vfs_sys_openat(AT_FDCWD, filename, flags, mode);
}

long vfs_sys_close(int32_t fd)
{
	return vfs_fd_close(vfs_current_files(), fd);
}

static bool vfs_can_read(const struct vfs_file *f)
{
	return (f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

static bool vfs_can_write(const struct vfs_file *f)
{
	return (f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

long vfs_sys_read(int32_t fd, uint8_t __user *buf, size_t buf_len)
{
	struct vfs_file *f;
	long n;

	if ((n = vfs_fd_get(fd, &f)))
		return n;
	if (!vfs_can_read(f))
		n = -EBADF;
	else if (vfs_is_dir(f->path.inode))
		n = -EISDIR;
	else
		n = vfs_file_read_user(f, buf, buf_len, &f->pos);
	vfs_core_file_put(f);
	return n;
}

long vfs_sys_write(int32_t fd, const uint8_t __user *buf, size_t buf_len)
{
	struct vfs_file *f;
	long n;

	if ((n = vfs_fd_get(fd, &f)))
		return n;
	n = vfs_can_write(f) ? vfs_file_write_user(f, buf, buf_len, &f->pos) : -EBADF;
	vfs_core_file_put(f);
	return n;
}

static long vfs_positioned(int32_t fd, bool reading, uint8_t __user *rbuf, const uint8_t __user *wbuf, size_t len,
			   int64_t pos)
{
	struct vfs_file *f;
	uint64_t off = (uint64_t)pos;
	long n;

	if ((n = vfs_fd_get(fd, &f)))
		return n;
	if (reading ? !vfs_can_read(f) : !vfs_can_write(f))
		n = -EBADF;
	else if (f->pipe)
		n = -ESPIPE;
	else if (pos < 0)
		n = -EINVAL;
	else if (reading && vfs_is_dir(f->path.inode))
		n = -EISDIR;
	else if (reading)
		n = vfs_file_read_user(f, rbuf, len, &off);
	else if (f->flags & O_APPEND)
		n = vfs_file_write_user(f, wbuf, len, &f->pos); /* Linux appends, ignoring pos */
	else
		n = vfs_file_write_user(f, wbuf, len, &off);
	vfs_core_file_put(f);
	return n;
}

long vfs_sys_pread64(int32_t fd, uint8_t __user *buf, size_t buf_len, int64_t pos)
{
	return vfs_positioned(fd, true, buf, NULL, buf_len, pos);
}

long vfs_sys_pwrite64(int32_t fd, const uint8_t __user *buf, size_t buf_len, int64_t pos)
{
	return vfs_positioned(fd, false, NULL, buf, buf_len, pos);
}

/* Each piece in turn; stops at the first short transfer or error. */
static long vfs_vector(int32_t fd, const struct iovec __user *vec, size_t vec_len, bool reading)
{
	size_t total = 0;

	if (vec_len > VFS_IOV_MAX)
		return -EINVAL;
	for (size_t i = 0; i < vec_len; i++) {
		struct iovec v;
		long n;

		if (copy_from_user(&v, &vec[i], sizeof(v)))
			return total ? (long)total : -EFAULT;
		if ((int64_t)v.iov_len < 0)
			return -EINVAL;
		if (v.iov_len == 0)
			continue;
		n = reading ? vfs_sys_read(fd, (uint8_t __user *)(uintptr_t)v.iov_base, v.iov_len)
			    : vfs_sys_write(fd, (const uint8_t __user *)(uintptr_t)v.iov_base, v.iov_len);
		if (n < 0)
			return total ? (long)total : n;
		total += (size_t)n;
		if ((size_t)n < v.iov_len)
			break;
	}
	return (long)total;
}

long vfs_sys_readv(int32_t fd, const struct iovec __user *vec, size_t vec_len)
{
	return vfs_vector(fd, vec, vec_len, true);
}

long vfs_sys_writev(int32_t fd, const struct iovec __user *vec, size_t vec_len)
{
	return vfs_vector(fd, vec, vec_len, false);
}

long vfs_sys_lseek(int32_t fd, int64_t offset, seek_whence_t whence)
{
	struct vfs_file *f;
	int64_t base;
	long n;

	if ((n = vfs_fd_get(fd, &f)))
		return n;
	if (f->pipe) {
		vfs_core_file_put(f);
		return -ESPIPE;
	}
	vfs_lock_ns();
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)f->pos;
	else if (whence == SEEK_END)
		base = (int64_t)f->path.inode->size;
	else
		base = -1;
	if (base < 0)
		n = -EINVAL;
	else if (offset > 0 && base > INT64_MAX - offset)
		n = -EOVERFLOW;
	else if (base + offset < 0)
		n = -EINVAL;
	else
		n = (long)(f->pos = (uint64_t)(base + offset));
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return n;
}
