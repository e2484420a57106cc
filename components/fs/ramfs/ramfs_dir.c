/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ramfs directories: names as a list in creation order, and the fs
 * methods that add, remove, move and list them. Link counts follow
 * Linux's: a directory has 2 plus one per subdirectory.
 */
#include <tessera/string.h>

#include "ramfs.h"

struct ramfs_entry *ramfs_find(struct ramfs_node *dir, const char *name)
{
	for (struct ramfs_entry *e = dir->entries; e; e = e->next)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

/* Appends, so the list stays in pos order. */
int ramfs_add_entry(struct ramfs_node *dir, const char *name, struct ramfs_node *node)
{
	size_t len = strlen(name);
	struct ramfs_entry *e = ramfs_zalloc(sizeof(*e) + len + 1);
	struct ramfs_entry **tail = &dir->entries;

	if (!e)
		return -ENOSPC;
	memcpy(e->name, name, len);
	e->node = node;
	e->pos = dir->next_pos++;
	while (*tail)
		tail = &(*tail)->next;
	*tail = e;
	if (ramfs_is_dir(node)) {
		node->parent = dir;
		dir->inode.nlink++;
	}
	ramfs_touch(&dir->inode, true);
	return 0;
}

/* Unhooks and frees the entry; the caller handles the node's counts. */
void ramfs_drop_entry(struct ramfs_node *dir, struct ramfs_entry *e)
{
	struct ramfs_entry **p = &dir->entries;

	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	if (ramfs_is_dir(e->node))
		dir->inode.nlink--;
	ramfs_touch(&dir->inode, true);
	heap_free(e);
}

int ramfs_lookup(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode **child)
{
	struct ramfs_entry *e;

	(void)dev;
	if (strcmp(name, "..") == 0) {
		*child = &ramfs_node_of(dir)->parent->inode;
		return 0;
	}
	e = ramfs_find(ramfs_node_of(dir), name);
	if (!e)
		return -ENOENT;
	*child = &e->node->inode;
	return 0;
}

int ramfs_create(struct fs_dev *dev, struct fs_inode *dir, const char *name, uint32_t mode, uint64_t rdev,
		 struct fs_inode **child)
{
	uint32_t type = mode & S_IFMT;
	struct ramfs_node *n;

	(void)dev;
	if (type != S_IFREG && type != S_IFDIR && type != S_IFCHR && type != S_IFIFO)
		return -EPERM;
	if (dir->nlink == 0)
		return -ENOENT;
	if (ramfs_find(ramfs_node_of(dir), name))
		return -EEXIST;
	if (ramfs_node_new(mode, &n))
		return -ENOSPC;
	n->inode.rdev = rdev;
	if (ramfs_add_entry(ramfs_node_of(dir), name, n)) {
		heap_free(n);
		return -ENOSPC;
	}
	*child = &n->inode;
	return 0;
}

int ramfs_link(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode *target)
{
	struct ramfs_node *n = ramfs_node_of(target);

	(void)dev;
	if (ramfs_is_dir(n))
		return -EPERM;
	if (dir->nlink == 0)
		return -ENOENT;
	if (ramfs_find(ramfs_node_of(dir), name))
		return -EEXIST;
	if (target->nlink == UINT32_MAX)
		return -EMLINK;
	if (ramfs_add_entry(ramfs_node_of(dir), name, n))
		return -ENOSPC;
	target->nlink++;
	ramfs_touch(target, false);
	return 0;
}

int ramfs_unlink(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	struct ramfs_entry *e = ramfs_find(ramfs_node_of(dir), name);
	struct ramfs_node *n;

	(void)dev;
	if (!e)
		return -ENOENT;
	n = e->node;
	if (ramfs_is_dir(n))
		return -EISDIR;
	ramfs_drop_entry(ramfs_node_of(dir), e);
	n->inode.nlink--;
	ramfs_touch(&n->inode, false);
	ramfs_node_free_if_unused(n);
	return 0;
}

int ramfs_rmdir(struct fs_dev *dev, struct fs_inode *dir, const char *name)
{
	struct ramfs_entry *e = ramfs_find(ramfs_node_of(dir), name);
	struct ramfs_node *n;

	(void)dev;
	if (!e)
		return -ENOENT;
	n = e->node;
	if (!ramfs_is_dir(n))
		return -ENOTDIR;
	if (n->entries)
		return -ENOTEMPTY;
	ramfs_drop_entry(ramfs_node_of(dir), e);
	ramfs_orphan_dir(n);
	ramfs_node_free_if_unused(n);
	return 0;
}

int64_t ramfs_readdir(struct fs_dev *dev, struct fs_inode *dir, uint64_t pos, struct fs_dirent *ent)
{
	static const uint8_t types[16] = { [S_IFREG >> 12] = DT_REG, [S_IFDIR >> 12] = DT_DIR,
					   [S_IFLNK >> 12] = DT_LNK, [S_IFCHR >> 12] = DT_CHR,
					   [S_IFIFO >> 12] = DT_FIFO };
	struct ramfs_node *d = ramfs_node_of(dir);

	(void)dev;
	if (!ramfs_is_dir(d))
		return -ENOTDIR;
	for (struct ramfs_entry *e = d->entries; e; e = e->next) {
		if (e->pos < pos)
			continue;
		ent->ino = e->node->inode.ino;
		ent->type = types[(e->node->inode.mode & S_IFMT) >> 12];
		strncpy((char *)ent->name, e->name, sizeof(ent->name) - 1);
		ent->name[sizeof(ent->name) - 1] = 0;
		return (int64_t)e->pos + 1;
	}
	return 0;
}
