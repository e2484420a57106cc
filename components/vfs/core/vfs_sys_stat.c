/* SPDX-License-Identifier: Apache-2.0 */
/*
 * stat and its relatives: by descriptor, by path (following a final link
 * or not), relative to a directory (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW),
 * and statx.
 */
#include <tessera/string.h>

#include <tessera/uaccess.h>

#include "vfs.h"

static long vfs_stat_to_user(struct vfs_path p, struct linux_stat __user *statbuf)
{
	struct linux_stat st;

	vfs_fill_stat(p, &st);
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long vfs_sys_fstat(int32_t fd, struct linux_stat __user *statbuf)
{
	struct vfs_file *f;
	long err;

	if ((err = vfs_fd_get(fd, &f)))
		return err;
	vfs_lock_ns();
	err = vfs_stat_to_user(f->path, statbuf);
	vfs_unlock_ns();
	vfs_core_file_put(f);
	return err;
}

/* Walks to the file and copies its stat out; vfs_lock taken here. */
static long vfs_stat_at(int32_t dfd, const char __user *filename, int32_t flags, struct linux_stat __user *statbuf)
{
	struct vfs_path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	vfs_lock_ns();
	err = vfs_user_walk(dfd, filename, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW,
			    (flags & AT_EMPTY_PATH) != 0, &p);
	if (!err)
		err = vfs_stat_to_user(p, statbuf);
	vfs_unlock_ns();
	return err;
}

long vfs_sys_stat(const char __user *filename, struct linux_stat __user *statbuf)
{
	return vfs_stat_at(AT_FDCWD, filename, 0, statbuf);
}

long vfs_sys_lstat(const char __user *filename, struct linux_stat __user *statbuf)
{
	return vfs_stat_at(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, statbuf);
}

long vfs_sys_newfstatat(at_fd_t dfd, const char __user *filename, struct linux_stat __user *statbuf,
			at_flags_t flags)
{
	return vfs_stat_at(dfd, filename, flags, statbuf);
}

static struct statx_timestamp vfs_statx_time(uint64_t sec, uint64_t nsec)
{
	return (struct statx_timestamp){ .tv_sec = (int64_t)sec, .tv_nsec = (uint32_t)nsec };
}

static void vfs_fill_statx(struct vfs_path p, struct linux_statx *sx)
{
	struct linux_stat st;

	vfs_fill_stat(p, &st);
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_GID | STATX_ATIME |
		       STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE | STATX_BLOCKS | STATX_MNT_ID;
	sx->stx_blksize = (uint32_t)st.st_blksize;
	sx->stx_nlink = (uint32_t)st.st_nlink;
	sx->stx_mode = (uint16_t)st.st_mode;
	sx->stx_ino = st.st_ino;
	sx->stx_size = (uint64_t)st.st_size;
	sx->stx_blocks = (uint64_t)st.st_blocks;
	sx->stx_atime = vfs_statx_time(st.st_atime, st.st_atime_nsec);
	sx->stx_mtime = vfs_statx_time(st.st_mtime, st.st_mtime_nsec);
	sx->stx_ctime = vfs_statx_time(st.st_ctime, st.st_ctime_nsec);
	sx->stx_rdev_major = (uint32_t)(st.st_rdev >> 8);
	sx->stx_rdev_minor = (uint32_t)(st.st_rdev & 0xff);
	sx->stx_dev_minor = (uint32_t)st.st_dev;
	sx->stx_mnt_id = st.st_dev;
}

long vfs_sys_statx(at_fd_t dfd, const char __user *filename, at_flags_t flags, statx_mask_t mask,
		   struct linux_statx __user *statxbuf)
{
	struct linux_statx sx;
	struct vfs_path p;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_FORCE_SYNC |
		      AT_STATX_DONT_SYNC))
		return -EINVAL;
	if ((flags & AT_STATX_FORCE_SYNC) && (flags & AT_STATX_DONT_SYNC))
		return -EINVAL;
	if (mask & 0x80000000u) /* STATX__RESERVED */
		return -EINVAL;
	vfs_lock_ns();
	err = vfs_user_walk(dfd, filename, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW,
			    (flags & AT_EMPTY_PATH) != 0, &p);
	if (!err)
		vfs_fill_statx(p, &sx);
	vfs_unlock_ns();
	if (!err && copy_to_user(statxbuf, &sx, sizeof(sx)))
		err = -EFAULT;
	return err;
}
