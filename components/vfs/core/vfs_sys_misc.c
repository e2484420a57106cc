/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes, mounts and syncing: pipe, pipe2, mount, umount2, sync, fsync.
 * RAM holds everything, so there is nothing to sync.
 */
#include <tessera/string.h>

#include <tessera/uaccess.h>

#include "vfs.h"

long vfs_sys_pipe2(int32_t __user *fildes, open_flags_t flags)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_file *rd, *wr;
	int32_t fds[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if (!user_range_ok((uint64_t)(uintptr_t)fildes, sizeof(fds)))
		return -EFAULT;
	if ((err = vfs_pipe_create(flags, &rd, &wr)))
		return err == -ENOMEM ? -ENFILE : err;
	fds[0] = vfs_fd_alloc(t, rd, 0, (flags & O_CLOEXEC) != 0);
	if (fds[0] < 0) {
		vfs_core_file_put(rd);
		vfs_core_file_put(wr);
		return -EMFILE;
	}
	fds[1] = vfs_fd_alloc(t, wr, 0, (flags & O_CLOEXEC) != 0);
	if (fds[1] < 0) {
		vfs_fd_close(t, fds[0]);
		vfs_core_file_put(wr);
		return -EMFILE;
	}
	if (copy_to_user(fildes, fds, sizeof(fds))) {
		vfs_fd_close(t, fds[0]);
		vfs_fd_close(t, fds[1]);
		return -EFAULT;
	}
	return 0;
}

long vfs_sys_pipe(int32_t __user *fildes)
{
	return vfs_sys_pipe2(fildes, 0);
}

long vfs_sys_mount(const char __user *dev_name, const char __user *dir_name, const char __user *type,
		   mount_flags_t flags, const void __user *data)
{
	char source[32] = "none", fstype[32];
	struct fs_dev *fs;
	struct vfs_path at;
	long n;

	(void)data;
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL; /* only new mounts */
	if (!type)
		return -EINVAL;
	if ((n = strncpy_from_user(fstype, type, sizeof(fstype))) < 0)
		return n == -ENAMETOOLONG ? -ENODEV : n;
	if (dev_name && (n = strncpy_from_user(source, dev_name, sizeof(source))) < 0)
		return n;
	if (!(fs = vfs_fs_find(fstype)))
		return -ENODEV;
	vfs_lock_ns();
	n = vfs_user_walk(AT_FDCWD, dir_name, VFS_WALK_FOLLOW | VFS_WALK_DIR, false, &at);
	if (!n)
		n = vfs_mount_at(fs, source, at);
	vfs_unlock_ns();
	return n;
}

long vfs_sys_umount2(const char __user *name, umount_flags_t flags)
{
	struct vfs_path at;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	vfs_lock_ns();
	err = vfs_user_walk(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : VFS_WALK_FOLLOW, false, &at);
	if (!err)
		err = vfs_umount_at(at);
	vfs_unlock_ns();
	return err;
}

long vfs_sys_sync(void)
{
	return 0;
}

long vfs_sys_fsync(int32_t fd)
{
	struct vfs_file *f;
	long err;

	if ((err = vfs_fd_get(fd, &f)))
		return err;
	err = f->pipe ? -EINVAL : 0;
	vfs_core_file_put(f);
	return err;
}
