/* SPDX-License-Identifier: Apache-2.0 */
/*
 * From a system call's arguments to a place in the namespace: copying the
 * user's path (EFAULT, ENAMETOOLONG), choosing where a relative path
 * starts (AT_FDCWD or a directory descriptor) and walking it.
 */
#include <tessera/string.h>
#include <tessera/uaccess.h>

#include "vfs.h"

void *vfs_zalloc(size_t size)
{
	void *p;

	if (heap_alloc(size, &p) != 0)
		return NULL;
	memset(p, 0, size);
	return p;
}

int vfs_user_path(const char __user *upath, char **kpath)
{
	char *buf = vfs_zalloc(VFS_PATH_MAX);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, upath, VFS_PATH_MAX);
	if (n < 0) {
		heap_free(buf);
		return (int)n;
	}
	*kpath = buf;
	return 0;
}

void vfs_path_free(char *kpath)
{
	heap_free(kpath);
}

/* Where a path relative to dfd starts; vfs_lock held. An absolute path
 * ignores dfd, as on Linux, even a bad one. */
int vfs_start(int32_t dfd, const char *path, struct vfs_path *start)
{
	struct vfs_file *f;
	int err;

	if (path[0] == '/' || dfd == AT_FDCWD) {
		*start = vfs_current_files()->cwd;
		return 0;
	}
	if ((err = vfs_fd_get(dfd, &f)))
		return err;
	*start = f->path;
	err = f->pipe || !vfs_is_dir(f->path.inode) ? -ENOTDIR : 0;
	vfs_core_file_put(f);
	return err;
}

/*
 * Walks a user path from dfd to what it names, with vfs_lock held by the
 * caller. empty_ok (AT_EMPTY_PATH): "" names dfd itself.
 */
int vfs_user_walk(int32_t dfd, const char __user *upath, int how, bool empty_ok, struct vfs_path *out)
{
	struct vfs_path start;
	char *path;
	int err;

	if ((err = vfs_user_path(upath, &path)))
		return err;
	if (path[0] == 0 && !empty_ok) {
		err = -ENOENT;
	} else if (path[0] == 0) {
		struct vfs_file *f;

		if (dfd == AT_FDCWD) {
			*out = vfs_current_files()->cwd;
		} else if (!(err = vfs_fd_get(dfd, &f))) {
			*out = f->path;
			vfs_core_file_put(f);
		}
	} else if (!(err = vfs_start(dfd, path, &start))) {
		err = vfs_walk(start, path, how, out);
	}
	vfs_path_free(path);
	return err;
}
