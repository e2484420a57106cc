/* SPDX-License-Identifier: Apache-2.0 */
/*
 * System calls on names: unlink, rename, hard and symbolic links,
 * readlink, each in its plain and its *at form.
 */
#include <tessera/string.h>

#include <tessera/uaccess.h>

#include "vfs.h"

/* Resolves a user path to its directory and last name; vfs_lock held. */
static long vfs_user_parent(int32_t dfd, const char *path, struct vfs_path *dir, char *last)
{
	struct vfs_path start;
	long err;

	if ((err = vfs_start(dfd, path, &start)))
		return err;
	return vfs_walk_parent(start, path, dir, last);
}

static long vfs_unlink_at(int32_t dfd, const char *path)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_path dir, victim;
	long trailing, err;

	if ((trailing = vfs_user_parent(dfd, path, &dir, last)) < 0)
		return trailing;
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return -EISDIR;
	if ((err = vfs_lookup_in(dir, last, &victim)))
		return err;
	if (vfs_is_dir(victim.inode))
		return -EISDIR;
	if (trailing)
		return -ENOTDIR;
	return fs_unlink(dir.mnt->fs, dir.inode, last);
}

long vfs_sys_unlinkat(at_fd_t dfd, const char __user *pathname, at_flags_t flags)
{
	char *path;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if ((err = vfs_user_path(pathname, &path)))
		return err;
	vfs_lock_ns();
	err = (flags & AT_REMOVEDIR) ? vfs_rmdir_at(dfd, path) : vfs_unlink_at(dfd, path);
	vfs_unlock_ns();
	vfs_path_free(path);
	return err;
}

long vfs_sys_unlink(const char __user *pathname)
{
	return vfs_sys_unlinkat(AT_FDCWD, pathname, 0);
}

struct vfs_two_paths {
	char *old, *new;
};

static long vfs_two_user_paths(const char __user *a, const char __user *b, struct vfs_two_paths *p)
{
	long err;

	if ((err = vfs_user_path(a, &p->old)))
		return err;
	if ((err = vfs_user_path(b, &p->new)))
		vfs_path_free(p->old);
	return err;
}

static void vfs_two_paths_free(struct vfs_two_paths *p)
{
	vfs_path_free(p->old);
	vfs_path_free(p->new);
}

static long vfs_rename_locked(int32_t olddfd, const char *oldpath, int32_t newdfd, const char *newpath,
			      uint32_t flags)
{
	char oldlast[FS_NAME_MAX + 1], newlast[FS_NAME_MAX + 1];
	struct vfs_path od, nd, src, dst;
	long err;

	if ((err = vfs_user_parent(olddfd, oldpath, &od, oldlast)) < 0 ||
	    (err = vfs_user_parent(newdfd, newpath, &nd, newlast)) < 0)
		return err;
	if (strcmp(oldlast, ".") == 0 || strcmp(oldlast, "..") == 0 || strcmp(newlast, ".") == 0 ||
	    strcmp(newlast, "..") == 0)
		return -EBUSY;
	if ((err = vfs_lookup_in(od, oldlast, &src)))
		return err;
	if (od.mnt != nd.mnt)
		return -EXDEV;
	if (src.mnt != od.mnt)
		return -EBUSY; /* a mount point */
	if (!vfs_lookup_in(nd, newlast, &dst) && dst.mnt != nd.mnt)
		return -EBUSY;
	return fs_rename(od.mnt->fs, od.inode, oldlast, nd.inode, newlast, flags);
}

long vfs_sys_renameat2(at_fd_t olddfd, const char __user *oldname, at_fd_t newdfd, const char __user *newname,
		       renameat2_flags_t flags)
{
	struct vfs_two_paths p;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_WHITEOUT) || ((flags & RENAME_EXCHANGE) && (flags & RENAME_NOREPLACE)))
		return -EINVAL;
	if ((err = vfs_two_user_paths(oldname, newname, &p)))
		return err;
	vfs_lock_ns();
	err = vfs_rename_locked(olddfd, p.old, newdfd, p.new, flags);
	vfs_unlock_ns();
	vfs_two_paths_free(&p);
	return err;
}

long vfs_sys_renameat(at_fd_t olddfd, const char __user *oldname, at_fd_t newdfd, const char __user *newname)
{
	return vfs_sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

long vfs_sys_rename(const char __user *oldname, const char __user *newname)
{
	return vfs_sys_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

static long vfs_link_locked(int32_t olddfd, const char *oldpath, int32_t newdfd, const char *newpath, int32_t flags)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_path start, src, dir, existing;
	long err;

	if ((err = vfs_start(olddfd, oldpath, &start)) ||
	    (err = vfs_walk(start, oldpath, (flags & AT_SYMLINK_FOLLOW) ? VFS_WALK_FOLLOW : 0, &src)))
		return err;
	if (vfs_is_dir(src.inode))
		return -EPERM;
	if ((err = vfs_user_parent(newdfd, newpath, &dir, last)) < 0)
		return err;
	if (err > 0 || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
		return err > 0 ? -ENOENT : -EEXIST;
	if (!vfs_lookup_in(dir, last, &existing))
		return -EEXIST;
	if (dir.mnt != src.mnt)
		return -EXDEV;
	return fs_link(dir.mnt->fs, dir.inode, last, src.inode);
}

long vfs_sys_linkat(at_fd_t olddfd, const char __user *oldname, at_fd_t newdfd, const char __user *newname,
		    at_flags_t flags)
{
	struct vfs_two_paths p;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((err = vfs_two_user_paths(oldname, newname, &p)))
		return err;
	vfs_lock_ns();
	err = vfs_link_locked(olddfd, p.old, newdfd, p.new, flags);
	vfs_unlock_ns();
	vfs_two_paths_free(&p);
	return err;
}

long vfs_sys_link(const char __user *oldname, const char __user *newname)
{
	return vfs_sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

long vfs_sys_symlinkat(const char __user *oldname, at_fd_t newdfd, const char __user *newname)
{
	char last[FS_NAME_MAX + 1];
	struct vfs_two_paths p;
	struct vfs_path dir, existing;
	struct fs_inode *child;
	long err;

	if ((err = vfs_two_user_paths(oldname, newname, &p)))
		return err;
	vfs_lock_ns();
	if (p.old[0] == 0)
		err = -ENOENT;
	else if ((err = vfs_user_parent(newdfd, p.new, &dir, last)) >= 0) {
		if (err > 0 || strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || !vfs_lookup_in(dir, last, &existing))
			err = -EEXIST;
		else
			err = fs_symlink(dir.mnt->fs, dir.inode, last, p.old, &child);
	}
	vfs_unlock_ns();
	vfs_two_paths_free(&p);
	return err;
}

long vfs_sys_symlink(const char __user *oldname, const char __user *newname)
{
	return vfs_sys_symlinkat(oldname, AT_FDCWD, newname);
}

long vfs_sys_readlinkat(at_fd_t dfd, const char __user *pathname, uint8_t __user *buf, size_t buf_len)
{
	uint8_t *target = NULL;
	struct vfs_path p;
	long n;

	if ((int64_t)buf_len <= 0)
		return -EINVAL;
	vfs_lock_ns();
	n = vfs_user_walk(dfd, pathname, 0, false, &p);
	if (!n && vfs_file_type(p.inode) != S_IFLNK)
		n = -EINVAL;
	if (!n && !(target = vfs_zalloc(VFS_PATH_MAX)))
		n = -ENOMEM;
	if (!n)
		n = fs_readlink(p.mnt->fs, p.inode, target, buf_len < VFS_PATH_MAX ? buf_len : VFS_PATH_MAX);
	vfs_unlock_ns();
	if (n > 0 && copy_to_user(buf, target, (size_t)n))
		n = -EFAULT;
	heap_free(target);
	return n;
}

long vfs_sys_readlink(const char __user *path, uint8_t __user *buf, size_t buf_len)
{
	return vfs_sys_readlinkat(AT_FDCWD, path, buf, buf_len);
}
