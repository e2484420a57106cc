/* SPDX-License-Identifier: Apache-2.0 */
/*
 * System calls on attributes: permission bits, times, sizes, the umask
 * and access checks. Everyone is root, so access checks look only at
 * whether the file exists and, for X_OK, has an execute bit.
 */
#include <tessera/rtc.h>
#include <tessera/uaccess.h>

#include "vfs.h"

#define VFS_UTIME_NOW ((1l << 30) - 1)
#define VFS_UTIME_OMIT ((1l << 30) - 2)

static void vfs_set_mode(struct fs_inode *inode, uint32_t mode)
{
	uint64_t ns = platform_realtime_ns();

	inode->mode = (inode->mode & S_IFMT) | (mode & 07777);
	inode->ctime = (struct timespec){ .tv_sec = (int64_t)(ns / 1000000000u), .tv_nsec = (int64_t)(ns % 1000000000u) };
}

long vfs_sys_fchmodat(at_fd_t dfd, const char __user *filename, uint32_t mode)
{
	struct vfs_path p;
	long err;

	vfs_lock_ns();
	err = vfs_user_walk(dfd, filename, VFS_WALK_FOLLOW, false, &p);
	if (!err)
		vfs_set_mode(p.inode, mode);
	vfs_unlock_ns();
	return err;
}

long vfs_sys_chmod(const char __user *filename, uint32_t mode)
{
	return vfs_sys_fchmodat(AT_FDCWD, filename, mode);
}

long vfs_sys_fchmod(int32_t fd, uint32_t mode)
{
	struct vfs_file *f;
	long err;

	if ((err = vfs_fd_get(fd, &f)))
		return err;
	vfs_lock_ns();
	vfs_set_mode(f->path.inode, mode);
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return 0;
}

static int vfs_check_time(const struct timespec *t)
{
	if (t->tv_nsec == VFS_UTIME_NOW || t->tv_nsec == VFS_UTIME_OMIT)
		return 0;
	return t->tv_nsec < 0 || t->tv_nsec > 999999999 ? -EINVAL : 0;
}

static void vfs_apply_time(struct timespec *field, const struct timespec *t, struct timespec now)
{
	if (t->tv_nsec == VFS_UTIME_OMIT)
		return;
	*field = t->tv_nsec == VFS_UTIME_NOW ? now : *t;
}

long vfs_sys_utimensat(at_fd_t dfd, const char __user *filename, const struct timespec __user *utimes,
		       at_flags_t flags)
{
	uint64_t ns = platform_realtime_ns();
	struct timespec now = { .tv_sec = (int64_t)(ns / 1000000000u), .tv_nsec = (int64_t)(ns % 1000000000u) };
	struct timespec t[2] = { { .tv_nsec = VFS_UTIME_NOW }, { .tv_nsec = VFS_UTIME_NOW } };
	struct vfs_path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	if (vfs_check_time(&t[0]) || vfs_check_time(&t[1]))
		return -EINVAL;
	vfs_lock_ns();
	if (!filename) { /* futimens: dfd itself */
		struct vfs_file *f;

		if (dfd == AT_FDCWD)
			err = -EFAULT;
		else if (!(err = vfs_fd_get(dfd, &f))) {
			p = f->path;
			vfs_core_file_put(f);
		}
	} else {
		err = vfs_user_walk(dfd, filename, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW,
				    (flags & AT_EMPTY_PATH) != 0, &p);
	}
	if (!err) {
		vfs_apply_time(&p.inode->atime, &t[0], now);
		vfs_apply_time(&p.inode->mtime, &t[1], now);
		p.inode->ctime = now;
	}
	vfs_unlock_ns();
	return err;
}

static long vfs_truncate_inode(struct vfs_path p, int64_t length)
{
	long err;

	if (length < 0)
		return -EINVAL;
	if (vfs_is_dir(p.inode))
		return -EISDIR;
	if (vfs_file_type(p.inode) != S_IFREG)
		return -EINVAL;
	err = fs_truncate(p.mnt->fs, p.inode, (uint64_t)length);
	return err == -ENOSPC ? -EFBIG : err;
}

long vfs_sys_truncate(const char __user *path, int64_t length)
{
	struct vfs_path p;
	long err;

	vfs_lock_ns();
	err = vfs_user_walk(AT_FDCWD, path, VFS_WALK_FOLLOW, false, &p);
	if (!err)
		err = vfs_truncate_inode(p, length);
	vfs_unlock_ns();
	return err;
}

long vfs_sys_ftruncate(int32_t fd, int64_t length)
{
	struct vfs_file *f;
	long err;

	if ((err = vfs_fd_get(fd, &f)))
		return err;
	if (f->pipe || (f->flags & O_ACCMODE) == O_RDONLY) {
		vfs_core_file_put(f);
		return -EINVAL; /* Linux: EINVAL, not EBADF, for a read-only descriptor */
	}
	vfs_lock_ns();
	err = vfs_truncate_inode(f->path, length);
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return err;
}

long vfs_sys_umask(uint32_t mask)
{
	struct vfs_files *t = vfs_current_files();

	return (long)__atomic_exchange_n(&t->umask, mask & 0777, __ATOMIC_RELAXED);
}

long vfs_sys_faccessat(at_fd_t dfd, const char __user *filename, access_mode_t mode)
{
	struct vfs_path p;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	vfs_lock_ns();
	err = vfs_user_walk(dfd, filename, VFS_WALK_FOLLOW, false, &p);
	if (!err && (mode & X_OK) && !vfs_is_dir(p.inode) && !(p.inode->mode & 0111))
		err = -EACCES;
	vfs_unlock_ns();
	return err;
}

long vfs_sys_access(const char __user *filename, access_mode_t mode)
{
	return vfs_sys_faccessat(AT_FDCWD, filename, mode);
}
