/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Descriptor system calls: dup, dup2, dup3, fcntl and ioctl.
 */
#include <tessera/uaccess.h>

#include "vfs.h"

long vfs_sys_dup(int32_t fildes)
{
	struct vfs_file *f;
	long fd;

	if ((fd = vfs_fd_get(fildes, &f)))
		return fd;
	fd = vfs_fd_alloc(vfs_current_files(), f, 0, false);
	if (fd < 0)
		vfs_core_file_put(f);
	return fd;
}

long vfs_sys_dup3(int32_t oldfd, int32_t newfd, open_flags_t flags)
{
	struct vfs_file *f;
	long err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if ((err = vfs_fd_get(oldfd, &f)))
		return err;
	if (newfd < 0 || newfd >= VFS_FDS_MAX) {
		vfs_core_file_put(f);
		return -EBADF;
	}
	return vfs_fd_replace(vfs_current_files(), newfd, f, (flags & O_CLOEXEC) != 0);
}

long vfs_sys_dup2(int32_t oldfd, int32_t newfd)
{
	struct vfs_file *f;
	long err;

	if (oldfd != newfd)
		return vfs_sys_dup3(oldfd, newfd, 0);
	if ((err = vfs_fd_get(oldfd, &f)))
		return err;
	vfs_core_file_put(f);
	return newfd;
}

static long vfs_fcntl_fd(struct vfs_files *t, int32_t fd, fcntl_cmd_t cmd, uint64_t arg)
{
	long r;

	mutex_lock(&t->lock);
	if (cmd == F_GETFD) {
		r = t->cloexec[fd] ? 1 : 0;
	} else {
		t->cloexec[fd] = (arg & 1) != 0; /* FD_CLOEXEC */
		r = 0;
	}
	mutex_unlock(&t->lock);
	return r;
}

static long vfs_fcntl_fl(struct vfs_file *f, fcntl_cmd_t cmd, uint64_t arg)
{
	const int32_t settable = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC;
	long r = 0;

	vfs_lock_ns();
	if (cmd == F_GETFL)
		r = f->flags | O_LARGEFILE;
	else
		f->flags = (f->flags & ~settable) | ((int32_t)arg & settable);
	vfs_unlock_ns();
	return r;
}

long vfs_sys_fcntl(int32_t fd, fcntl_cmd_t cmd, uint64_t arg)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_file *f;
	long r;

	if ((r = vfs_fd_get(fd, &f)))
		return r;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= VFS_FDS_MAX) {
			r = -EINVAL;
			break;
		}
		vfs_core_file_get(f);
		r = vfs_fd_alloc(t, f, (int32_t)arg, cmd == F_DUPFD_CLOEXEC);
		if (r < 0)
			vfs_core_file_put(f);
		break;
	case F_GETFD:
	case F_SETFD:
		r = vfs_fcntl_fd(t, fd, cmd, arg);
		break;
	case F_GETFL:
	case F_SETFL:
		r = vfs_fcntl_fl(f, cmd, arg);
		break;
	default:
		r = -EINVAL;
	}
	vfs_core_file_put(f);
	return r;
}

static long vfs_ioctl_generic(struct vfs_file *f, ioctl_cmd_t cmd, uint64_t arg)
{
	int32_t on;

	switch (cmd) {
	case FIONBIO:
		if (copy_from_user(&on, (const void __user *)(uintptr_t)arg, sizeof(on)))
			return -EFAULT;
		vfs_lock_ns();
		f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
		vfs_unlock_ns();
		return 0;
	case FIONREAD:
		if (!f->pipe)
			return -ENOTTY;
		on = (int32_t)vfs_pipe_readable(f);
		return copy_to_user((void __user *)(uintptr_t)arg, &on, sizeof(on)) ? -EFAULT : 0;
	default:
		return 1; /* not a generic request */
	}
}

long vfs_sys_ioctl(int32_t fd, ioctl_cmd_t cmd, uint64_t arg)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_file *f;
	long r;

	if ((r = vfs_fd_get(fd, &f)))
		return r;
	if (cmd == FIOCLEX || cmd == FIONCLEX) {
		mutex_lock(&t->lock);
		t->cloexec[fd] = cmd == FIOCLEX;
		mutex_unlock(&t->lock);
		r = 0;
	} else if ((r = vfs_ioctl_generic(f, cmd, arg)) == 1) {
		r = f->pipe ? -ENOTTY : fs_ioctl(f->path.mnt->fs, f->path.inode, cmd, arg);
		if (r == -EOPNOTSUPP)
			r = -ENOTTY;
	}
	vfs_core_file_put(f);
	return r;
}
