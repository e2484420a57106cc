/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ramfs rename, as renameat2 defines it: replace, refuse to replace
 * (RENAME_NOREPLACE) or swap (RENAME_EXCHANGE); every check comes before
 * the first change, and the only allocation (the new entry) happens
 * before the old one is removed, so a failure changes nothing.
 */
#include <tessera/string.h>

#include "ramfs.h"

/* Whether `dir` is `n` or lies below it: moving `n` there would cut it loose. */
static bool ramfs_is_within(struct ramfs_node *dir, struct ramfs_node *n)
{
	for (;;) {
		if (dir == n)
			return true;
		if (dir->parent == dir)
			return false;
		dir = dir->parent;
	}
}

static int ramfs_check_replace(struct ramfs_node *old, struct ramfs_entry *target)
{
	struct ramfs_node *victim = target->node;

	if (ramfs_is_dir(old) && !ramfs_is_dir(victim))
		return -ENOTDIR;
	if (!ramfs_is_dir(old) && ramfs_is_dir(victim))
		return -EISDIR;
	if (ramfs_is_dir(victim) && victim->entries)
		return -ENOTEMPTY;
	return 0;
}

static void ramfs_forget(struct ramfs_node *dir, struct ramfs_entry *e)
{
	struct ramfs_node *victim = e->node;

	ramfs_drop_entry(dir, e);
	if (ramfs_is_dir(victim))
		ramfs_orphan_dir(victim);
	else
		victim->inode.nlink--;
	ramfs_node_free_if_unused(victim);
}

static int ramfs_exchange(struct ramfs_node *od, struct ramfs_entry *oe, struct ramfs_node *nd,
			  struct ramfs_entry *ne)
{
	struct ramfs_node *a = oe->node, *b = ne->node;

	if ((ramfs_is_dir(a) && ramfs_is_within(nd, a)) || (ramfs_is_dir(b) && ramfs_is_within(od, b)))
		return -EINVAL;
	oe->node = b;
	ne->node = a;
	if (ramfs_is_dir(a) != ramfs_is_dir(b)) {
		int delta = ramfs_is_dir(a) ? 1 : -1;

		nd->inode.nlink += delta;
		od->inode.nlink -= delta;
	}
	if (ramfs_is_dir(a))
		a->parent = nd;
	if (ramfs_is_dir(b))
		b->parent = od;
	ramfs_touch(&od->inode, true);
	ramfs_touch(&nd->inode, true);
	return 0;
}

int ramfs_rename(struct fs_dev *dev, struct fs_inode *olddir, const char *oldname, struct fs_inode *newdir,
		 const char *newname, uint32_t flags)
{
	struct ramfs_node *od = ramfs_node_of(olddir), *nd = ramfs_node_of(newdir);
	struct ramfs_entry *oe = ramfs_find(od, oldname), *ne = ramfs_find(nd, newname);
	struct ramfs_node *n;
	int err;

	(void)dev;
	if (!oe || nd->inode.nlink == 0)
		return -ENOENT;
	n = oe->node;
	if (flags & RENAME_EXCHANGE)
		return ne ? ramfs_exchange(od, oe, nd, ne) : -ENOENT;
	if (ne && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (ramfs_is_dir(n) && ramfs_is_within(nd, n))
		return -EINVAL;
	if (ne && ne->node == n)
		return 0; /* two names of one file: Linux does nothing */
	if (ne && (err = ramfs_check_replace(n, ne)))
		return err;
	if (ramfs_add_entry(nd, newname, n)) /* ne's name appears twice until forgotten */
		return -ENOSPC;
	if (ne)
		ramfs_forget(nd, ne);
	ramfs_drop_entry(od, oe);
	if (ramfs_is_dir(n))
		n->parent = nd;
	ramfs_touch(&n->inode, false);
	return 0;
}
