/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ramfs's private types: a node wraps the shared struct fs_inode with what
 * its type needs (a directory's entries, a file's pages, a link's target).
 * ramfs_node.c makes and frees nodes, ramfs_dir.c changes directories,
 * ramfs_data.c holds file data. The VFS's namespace lock serialises every
 * call, so nothing here takes a lock of its own.
 */
#ifndef TESSERA_RAMFS_H
#define TESSERA_RAMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/components/fs_ramfs.h>

#define RAMFS_PAGE_SIZE 4096u

struct ramfs_node;

/* One name in a directory; `pos` orders entries for readdir and never
 * changes, so a directory read while names come and go skips none. */
struct ramfs_entry {
	struct ramfs_entry *next;
	struct ramfs_node *node;
	uint64_t pos;
	char name[];
};

struct ramfs_node {
	struct fs_inode inode; /* first: the VFS sees only this */
	struct ramfs_node *parent; /* directories: the one holding it */
	struct ramfs_entry *entries; /* directories: in pos order */
	uint64_t next_pos; /* directories: pos of the next entry added */
	void **pages; /* regular files: page i holds bytes [i*4096, i*4096+4096) */
	size_t npages; /* slots in pages[] */
	char *target; /* symbolic links */
};

static inline struct ramfs_node *ramfs_node_of(struct fs_inode *inode)
{
	return (struct ramfs_node *)inode;
}

static inline bool ramfs_is_dir(const struct ramfs_node *n)
{
	return (n->inode.mode & S_IFMT) == S_IFDIR;
}

/* ramfs_node.c */
int ramfs_node_new(uint32_t mode, struct ramfs_node **out);
void ramfs_node_free_if_unused(struct ramfs_node *n);
void ramfs_touch(struct fs_inode *inode, bool data);
void *ramfs_zalloc(size_t size);

/* A directory whose name is gone, still someone's working directory or
 * open: it takes no new names, and its `..` is itself, as its parent may
 * go too. */
static inline void ramfs_orphan_dir(struct ramfs_node *n)
{
	n->inode.nlink = 0;
	n->parent = n;
}

/* ramfs_dir.c */
struct ramfs_entry *ramfs_find(struct ramfs_node *dir, const char *name);
int ramfs_add_entry(struct ramfs_node *dir, const char *name, struct ramfs_node *node);
void ramfs_drop_entry(struct ramfs_node *dir, struct ramfs_entry *e);

/* ramfs_data.c */
void ramfs_free_pages(struct ramfs_node *n, size_t from);

#endif
