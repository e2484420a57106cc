/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Path walks, Linux's way: component by component from the root or a
 * starting directory, `.` and `..` (never above the root), mount points
 * crossed both ways, symbolic links followed (the last one only when
 * asked) up to VFS_SYMLINK_MAX per walk, a trailing slash demanding a
 * directory. A link's target is spliced in front of the rest of the path
 * in one heap buffer, so the walk needs no recursion. vfs_lock is held.
 */
#include <tessera/string.h>

#include "vfs.h"

struct vfs_walker {
	char *rest; /* what is left to walk, in buf */
	char *buf; /* VFS_PATH_MAX bytes */
	int links;
	struct vfs_path cur;
};

int vfs_lookup_in(struct vfs_path dir, const char *name, struct vfs_path *out)
{
	struct fs_inode *child;
	int err;

	if (strcmp(name, "..") == 0) {
		*out = vfs_parent(dir);
		return 0;
	}
	err = fs_lookup(dir.mnt->fs, dir.inode, name, &child);
	if (err)
		return err == -ENOMEM ? -ENOMEM : -ENOENT;
	*out = vfs_cross_down((struct vfs_path){ .mnt = dir.mnt, .inode = child });
	return 0;
}

/* Cuts the next component off w->rest into name; returns its length, 0 at the end. */
static int vfs_next_name(struct vfs_walker *w, char *name)
{
	size_t len = 0;

	while (*w->rest == '/')
		w->rest++;
	while (w->rest[len] && w->rest[len] != '/')
		len++;
	if (len > FS_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, w->rest, len);
	name[len] = 0;
	w->rest += len;
	return (int)len;
}

static bool vfs_at_end(const struct vfs_walker *w)
{
	const char *p = w->rest;

	while (*p == '/')
		p++;
	return *p == 0;
}

/* Puts the link's target in front of what is left of the path. */
static int vfs_splice_link(struct vfs_walker *w, struct vfs_path link)
{
	size_t rest_len = strlen(w->rest), target_len = link.inode->size;
	long n;

	if (++w->links > VFS_SYMLINK_MAX)
		return -ELOOP;
	if (target_len + rest_len + 2 > VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memmove(w->buf + target_len + 1, w->rest, rest_len + 1);
	n = fs_readlink(link.mnt->fs, link.inode, (uint8_t *)w->buf, target_len);
	if (n < 0)
		return -EINVAL;
	w->buf[target_len] = '/';
	if (rest_len == 0)
		w->buf[target_len] = 0; /* no trailing slash to invent */
	w->rest = w->buf;
	if (w->buf[0] == '/')
		w->cur = vfs_root();
	return 0;
}

/*
 * Walks w->rest from w->cur. With `parent`, stops before the last
 * component and leaves it in `last` ("." when the path has none).
 */
static int vfs_walk_steps(struct vfs_walker *w, int how, bool parent, char *last)
{
	char name[FS_NAME_MAX + 1];
	struct vfs_path next;
	int len, err;

	for (;;) {
		bool trailing, final;

		if ((len = vfs_next_name(w, name)) < 0)
			return len;
		if (len == 0) {
			if (parent)
				strcpy(last, ".");
			return 0;
		}
		if (!vfs_is_dir(w->cur.inode))
			return -ENOTDIR;
		final = vfs_at_end(w);
		trailing = final && *w->rest == '/';
		if (final && parent) {
			strcpy(last, name);
			return trailing ? 1 : 0;
		}
		if (strcmp(name, ".") == 0)
			continue;
		if ((err = vfs_lookup_in(w->cur, name, &next)))
			return err;
		if (vfs_file_type(next.inode) == S_IFLNK && (!final || trailing || (how & VFS_WALK_FOLLOW))) {
			if ((err = vfs_splice_link(w, next)))
				return err;
			continue;
		}
		w->cur = next;
		if (final && (trailing || (how & VFS_WALK_DIR)) && !vfs_is_dir(next.inode))
			return -ENOTDIR;
	}
}

static int vfs_walker_init(struct vfs_walker *w, struct vfs_path start, const char *path)
{
	size_t len = strlen(path);

	if (len == 0)
		return -ENOENT;
	if (len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	w->buf = vfs_zalloc(VFS_PATH_MAX);
	if (!w->buf)
		return -ENOMEM;
	memcpy(w->buf, path, len + 1);
	w->rest = w->buf;
	w->links = 0;
	w->cur = path[0] == '/' ? vfs_root() : start;
	return 0;
}

/**
 * vfs_walk() - Find what a path names.
 * @start: where a relative path starts.
 * @path: the path.
 * @how: VFS_WALK_FOLLOW, VFS_WALK_DIR.
 * @out: set to the result, without a reference.
 *
 * Return: 0, -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG, -ENOMEM.
 */
int vfs_walk(struct vfs_path start, const char *path, int how, struct vfs_path *out)
{
	struct vfs_walker w;
	int err = vfs_walker_init(&w, start, path);

	if (err)
		return err;
	err = vfs_walk_steps(&w, how, false, NULL);
	if (!err)
		*out = w.cur;
	heap_free(w.buf);
	return err;
}

/**
 * vfs_walk_parent() - Find the directory a path's last component is in.
 * @start: where a relative path starts.
 * @path: the path.
 * @dir: set to the directory, without a reference.
 * @last: FS_NAME_MAX + 1 bytes; set to the last component ("." for "/").
 *
 * Return: 1 when the path ends in a slash, 0 when not, or a walk's error.
 */
int vfs_walk_parent(struct vfs_path start, const char *path, struct vfs_path *dir, char *last)
{
	struct vfs_walker w;
	int err = vfs_walker_init(&w, start, path);

	if (err)
		return err;
	err = vfs_walk_steps(&w, 0, true, last);
	if (err >= 0)
		*dir = w.cur;
	heap_free(w.buf);
	return err;
}
