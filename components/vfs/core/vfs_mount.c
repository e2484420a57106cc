/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The mount table: a fixed array (the root is mounted from vfs_init,
 * before the heap has memory), crossing mount points down (a walk reaching
 * a covered directory continues at the mounted root) and up (`..` at a
 * mounted root goes to the covered directory's parent), inode references
 * and the names of directories for getcwd. Called with vfs_lock held.
 */
#include <tessera/string.h>

#include "vfs.h"

static struct vfs_mount vfs_mounts[VFS_MOUNTS_MAX];
static uint32_t vfs_next_mount_id = 1;

struct vfs_path vfs_root(void)
{
	return (struct vfs_path){ .mnt = &vfs_mounts[0], .inode = vfs_mounts[0].root };
}

struct fs_dev *vfs_fs_find(const char *name)
{
	for (struct fs_dev *fs = fs_dev_first(); fs; fs = fs_dev_next(fs))
		if (strcmp(fs->name, name) == 0)
			return fs;
	return NULL;
}

void vfs_path_get(struct vfs_path p)
{
	p.inode->refs++;
	p.mnt->users++;
}

void vfs_path_put(struct vfs_path p)
{
	p.mnt->users--;
	if (--p.inode->refs == 0)
		fs_release(p.mnt->fs, p.inode);
}

/* The mount whose root covers p, if any: the newest, for stacked mounts. */
static struct vfs_mount *vfs_mount_on(struct vfs_path p)
{
	struct vfs_mount *found = NULL;

	for (size_t i = 1; i < VFS_MOUNTS_MAX; i++) {
		struct vfs_mount *m = &vfs_mounts[i];

		if (m->fs && m->parent == p.mnt && m->mountpoint == p.inode && (!found || m->id > found->id))
			found = m;
	}
	return found;
}

bool vfs_is_mountpoint(struct vfs_path p)
{
	return vfs_mount_on(p) != NULL;
}

struct vfs_path vfs_cross_down(struct vfs_path p)
{
	struct vfs_mount *m;

	while ((m = vfs_mount_on(p)))
		p = (struct vfs_path){ .mnt = m, .inode = m->root };
	return p;
}

/* `..`: the root's parent is the root; a mounted root's is its mount point's. */
struct vfs_path vfs_parent(struct vfs_path p)
{
	struct fs_inode *up;

	while (p.inode == p.mnt->root && p.mnt->parent)
		p = (struct vfs_path){ .mnt = p.mnt->parent, .inode = p.mnt->mountpoint };
	if (fs_lookup(p.mnt->fs, p.inode, "..", &up) == 0)
		p.inode = up;
	return vfs_cross_down(p);
}

/* Slot i of the mount table (fs NULL when free), for /proc/mounts. */
const struct vfs_mount *vfs_mount_slot(size_t i)
{
	return &vfs_mounts[i];
}

int vfs_mount_at(struct fs_dev *fs, const char *source, struct vfs_path at)
{
	struct vfs_mount *m = NULL;
	struct fs_inode *root;
	int err;

	for (size_t i = at.mnt ? 1 : 0; i < VFS_MOUNTS_MAX && !m; i++)
		if (!vfs_mounts[i].fs)
			m = &vfs_mounts[i];
	if (!m)
		return -ENOMEM;
	err = fs_mount(fs, source, &root);
	if (err)
		return err == -EBUSY ? -EBUSY : err == -ENODEV ? -ENODEV : -ENOMEM;
	*m = (struct vfs_mount){ .fs = fs, .root = root, .parent = at.mnt, .mountpoint = at.inode,
				 .id = vfs_next_mount_id++ };
	strncpy(m->source, source, sizeof(m->source) - 1);
	root->refs++;
	if (at.inode)
		vfs_path_get(at);
	return 0;
}

/* Mounts on it count among its users too. */
static bool vfs_mount_busy(const struct vfs_mount *m)
{
	return m->users != 0;
}

/* at: the root of the mount to detach. */
int vfs_umount_at(struct vfs_path at)
{
	struct vfs_mount *m = at.mnt;

	if (at.inode != m->root)
		return -EINVAL;
	if (!m->parent)
		return -EBUSY;
	if (vfs_mount_busy(m))
		return -EBUSY;
	m->root->refs = 0;
	fs_unmount(m->fs, m->root);
	vfs_path_put((struct vfs_path){ .mnt = m->parent, .inode = m->mountpoint });
	m->fs = NULL;
	return 0;
}

/* Finds the name under which dir lists the inode number ino. */
static int vfs_name_in(struct vfs_path dir, uint64_t ino, struct fs_dirent *ent)
{
	for (int64_t pos = 1; pos > 0;) {
		pos = fs_readdir(dir.mnt->fs, dir.inode, (uint64_t)pos, ent);
		if (pos > 0 && ent->ino == ino)
			return 0;
	}
	return -ENOENT;
}

/* Puts "/name" in front of buf[*start...], which is built from the end. */
static long vfs_prepend(char *buf, size_t *start, const char *name)
{
	size_t len = strlen(name);

	if (len + 1 > *start)
		return -ENAMETOOLONG;
	*start -= len;
	memcpy(buf + *start, name, len);
	buf[--*start] = '/';
	return 0;
}

/* Writes the absolute path of directory p, NUL-terminated; returns its length. */
long vfs_path_name(struct vfs_path p, char *buf, size_t size)
{
	struct fs_dirent *ent = vfs_zalloc(sizeof(*ent));
	size_t start = size - 1;
	long err = 0;

	if (!ent)
		return -ENOMEM;
	buf[start] = 0;
	for (;;) {
		while (p.inode == p.mnt->root && p.mnt->parent)
			p = (struct vfs_path){ .mnt = p.mnt->parent, .inode = p.mnt->mountpoint };
		if (p.inode == p.mnt->root)
			break;
		struct vfs_path up = vfs_parent(p);

		if (up.inode == p.inode || vfs_name_in(up, p.inode->ino, ent)) {
			err = -ENOENT; /* removed: Linux says "(unreachable)" */
			break;
		}
		if ((err = vfs_prepend(buf, &start, (const char *)ent->name)))
			break;
		p = up;
	}
	heap_free(ent);
	if (err)
		return err;
	if (start == size - 1)
		buf[--start] = '/';
	memmove(buf, buf + start, size - start);
	return (long)(size - 1 - start);
}
