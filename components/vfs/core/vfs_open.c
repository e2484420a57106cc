/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Opening by path, for open/openat and the kernel's open_file: the walk
 * to the last component, creating it (O_CREAT, O_EXCL), following or
 * refusing a final symbolic link (O_NOFOLLOW), the type checks (EISDIR,
 * O_DIRECTORY's ENOTDIR), O_TRUNC, and the absolute name kept for
 * /proc/<pid>/exe.
 */
#include <tessera/string.h>

#include "vfs.h"

static bool vfs_wants_write(int32_t flags)
{
	return (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;
}

/* Looks up or creates the last component; *made says it was created. */
static int vfs_open_last(struct vfs_path start, const char *path, struct vfs_path dir, const char *last,
			 int trailing, int32_t flags, uint32_t mode, struct vfs_path *out)
{
	struct fs_inode *child;
	int err;

	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return (flags & O_CREAT) ? -EISDIR : vfs_walk(start, path, VFS_WALK_FOLLOW, out);
	err = vfs_lookup_in(dir, last, out);
	if (err == -ENOENT && (flags & O_CREAT)) {
		if (trailing)
			return -EISDIR;
		err = fs_create(dir.mnt->fs, dir.inode, last, S_IFREG | (mode & 07777), 0, &child);
		if (err)
			return err == -EEXIST || err == -EPERM || err == -ENOENT ? err : -ENOSPC;
		*out = (struct vfs_path){ .mnt = dir.mnt, .inode = child };
		return 0;
	}
	if (err)
		return err;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (vfs_file_type(out->inode) == S_IFLNK) {
		if ((flags & O_NOFOLLOW) && !trailing)
			return -ELOOP;
		return vfs_walk(start, path, VFS_WALK_FOLLOW | (trailing ? VFS_WALK_DIR : 0), out);
	}
	if (trailing && !vfs_is_dir(out->inode))
		return -ENOTDIR;
	return 0;
}

static int vfs_open_check(struct vfs_path p, int32_t flags)
{
	if ((flags & O_DIRECTORY) && !vfs_is_dir(p.inode))
		return -ENOTDIR;
	if (vfs_is_dir(p.inode) && (vfs_wants_write(flags) || (flags & O_TRUNC) || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_TRUNC) && vfs_wants_write(flags) && vfs_file_type(p.inode) == S_IFREG) {
		int err = fs_truncate(p.mnt->fs, p.inode, 0);

		if (err)
			return err == -EPERM ? -EPERM : -ENOSPC;
	}
	return 0;
}

/* The absolute name: the directory's path and the last component. */
static int vfs_open_name(struct vfs_path dir, struct vfs_path p, const char *last, char *name)
{
	long n;

	if (vfs_is_dir(p.inode) || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		n = vfs_path_name(p, name, VFS_PATH_MAX);
	else
		n = vfs_path_name(dir, name, VFS_PATH_MAX);
	if (n < 0)
		return (int)n;
	if (vfs_is_dir(p.inode) || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return 0;
	if ((size_t)n + strlen(last) + 2 > VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n > 1)
		name[n++] = '/';
	strcpy(name + n, last);
	return 0;
}

/* vfs_lock held. */
int vfs_open_path(struct vfs_path start, const char *path, int32_t flags, uint32_t mode, uint32_t umask,
		  struct vfs_file **out)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_path dir, p;
	char *name = NULL;
	int trailing, err;

	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	trailing = vfs_walk_parent(start, path, &dir, last);
	if (trailing < 0)
		return trailing;
	err = vfs_open_last(start, path, dir, last, trailing, flags, mode & ~umask, &p);
	if (err)
		return err;
	vfs_path_get(p); /* a new file has no reference until now */
	if ((err = vfs_open_check(p, flags)))
		goto put;
	if (!(name = vfs_zalloc(VFS_PATH_MAX))) {
		err = -ENOMEM;
		goto put;
	}
	if (vfs_open_name(dir, p, last, name))
		strcpy(name, last); /* unreachable directory: keep what is known */
	err = vfs_file_new(p, flags, name, out);
put:
	heap_free(name);
	vfs_path_put(p);
	return err;
}
