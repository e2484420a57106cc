/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ramfs nodes: making them, freeing them when the last name and the last
 * VFS reference are gone, mounting an instance and the fs methods that
 * act on a node as a whole (release, readlink, symlink).
 */
#include <tessera/string.h>

#include <tessera/rtc.h>

#include "ramfs.h"

static uint64_t ramfs_next_ino = 1;

/* Mounted before the page allocator has memory (the VFS mounts the root
 * from its init): the first instance's root is not allocated. */
static struct ramfs_node ramfs_first_root;
static bool ramfs_first_root_used;

static struct fs_dev ramfs_dev = { .name = "ramfs", .ops = &fs_ramfs_fs_ops };

int ramfs_init(void)
{
	ramfs_first_root_used = false;
	ramfs_dev.next = NULL;
	return fs_register(&ramfs_dev);
}

void *ramfs_zalloc(size_t size)
{
	void *p;

	if (heap_alloc(size, &p) != 0)
		return NULL;
	memset(p, 0, size);
	return p;
}

static struct timespec ramfs_now(void)
{
	uint64_t ns = platform_realtime_ns();

	return (struct timespec){ .tv_sec = (int64_t)(ns / 1000000000u), .tv_nsec = (int64_t)(ns % 1000000000u) };
}

/* Stamps a change: data changes move mtime and ctime, attribute changes ctime. */
void ramfs_touch(struct fs_inode *inode, bool data)
{
	struct timespec now = ramfs_now();

	if (data)
		inode->mtime = now;
	inode->ctime = now;
}

static void ramfs_node_setup(struct ramfs_node *n, uint32_t mode)
{
	struct timespec now = ramfs_now();

	memset(n, 0, sizeof(*n));
	n->inode.ino = ramfs_next_ino++;
	n->inode.mode = mode;
	n->inode.nlink = (mode & S_IFMT) == S_IFDIR ? 2 : 1;
	n->inode.atime = n->inode.mtime = n->inode.ctime = now;
	n->inode.priv = n;
	n->next_pos = 1;
}

int ramfs_node_new(uint32_t mode, struct ramfs_node **out)
{
	struct ramfs_node *n;

	if (heap_alloc(sizeof(*n), (void **)&n) != 0)
		return -ENOSPC;
	ramfs_node_setup(n, mode);
	*out = n;
	return 0;
}

/* A node goes when no name and no VFS reference is left; a directory's
 * count of 2 (its own `.`) means only its name is gone once rmdir set 0. */
void ramfs_node_free_if_unused(struct ramfs_node *n)
{
	if (n->inode.nlink != 0 || n->inode.refs != 0)
		return;
	ramfs_free_pages(n, 0);
	heap_free(n->pages);
	heap_free(n->target);
	if (n != &ramfs_first_root)
		heap_free(n);
}

int ramfs_mount(struct fs_dev *dev, const char *source, struct fs_inode **root)
{
	struct ramfs_node *n;
	int err;

	(void)dev;
	(void)source;
	if (!ramfs_first_root_used) {
		ramfs_first_root_used = true;
		ramfs_node_setup(&ramfs_first_root, S_IFDIR | 0755);
		n = &ramfs_first_root;
	} else {
		err = ramfs_node_new(S_IFDIR | 0755, &n);
		if (err)
			return -ENOMEM;
	}
	n->parent = n;
	*root = &n->inode;
	return 0;
}

static void ramfs_free_tree(struct ramfs_node *dir)
{
	while (dir->entries) {
		struct ramfs_entry *e = dir->entries;
		struct ramfs_node *child = e->node;

		if (ramfs_is_dir(child)) {
			ramfs_free_tree(child);
			child->inode.nlink = 0;
		} else {
			child->inode.nlink--;
		}
		dir->entries = e->next;
		heap_free(e);
		ramfs_node_free_if_unused(child);
	}
}

void ramfs_unmount(struct fs_dev *dev, struct fs_inode *root)
{
	struct ramfs_node *n = ramfs_node_of(root);

	(void)dev;
	ramfs_free_tree(n);
	n->inode.nlink = 0;
	if (n == &ramfs_first_root)
		ramfs_first_root_used = false;
	ramfs_node_free_if_unused(n);
}

void ramfs_release(struct fs_dev *dev, struct fs_inode *inode)
{
	(void)dev;
	ramfs_node_free_if_unused(ramfs_node_of(inode));
}

long ramfs_readlink(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len)
{
	struct ramfs_node *n = ramfs_node_of(inode);
	size_t len;

	(void)dev;
	if ((inode->mode & S_IFMT) != S_IFLNK)
		return -EINVAL;
	len = inode->size < buf_len ? inode->size : buf_len;
	memcpy(buf, n->target, len);
	return (long)len;
}

int ramfs_symlink(struct fs_dev *dev, struct fs_inode *dir, const char *name, const char *target,
		  struct fs_inode **child)
{
	struct ramfs_node *n;
	size_t len = strlen(target);
	int err;

	(void)dev;
	if (dir->nlink == 0)
		return -ENOENT;
	if (ramfs_find(ramfs_node_of(dir), name))
		return -EEXIST;
	err = ramfs_node_new(S_IFLNK | 0777, &n);
	if (err)
		return err;
	n->target = ramfs_zalloc(len + 1);
	if (!n->target)
		goto free_node;
	memcpy(n->target, target, len);
	n->inode.size = len;
	err = ramfs_add_entry(ramfs_node_of(dir), name, n);
	if (err)
		goto free_target;
	*child = &n->inode;
	return 0;
free_target:
	heap_free(n->target);
free_node:
	heap_free(n);
	return -ENOSPC;
}
