/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs's private view. Every file is a node of one kind, for one process
 * (pid) and, under fd/, one descriptor. The VFS walks paths without taking
 * references on the inodes it passes through, relying on a driver to keep
 * an inode alive while it has a name; procfs files are made up on lookup,
 * so procfs keeps each node it made in a cache and returns the same one for
 * the same name. A node is freed only when the VFS holds no reference
 * (refs == 0), its process is gone, and the cache has grown past
 * PROCFS_CACHE_HIGH nodes: then no walk in progress can still hold it, since
 * a walk that reached it would have looked up in it (or its process) long
 * before that many new nodes were made. The cache is guarded by the VFS's
 * namespace lock, which every fs method runs under (idl/fs.idl).
 */
#ifndef PROCFS_H
#define PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/components/fs_procfs.h>

#define PROCFS_CACHE_HIGH 512
#define PROCFS_TEXT_MAX 65536 /* bytes of one file's text; longer text is cut */

enum procfs_kind {
	PROCFS_ROOT,
	PROCFS_SELF,
	PROCFS_MEMINFO,
	PROCFS_UPTIME,
	PROCFS_MOUNTS,
	PROCFS_CPUINFO,
	PROCFS_BUDDYINFO,
	PROCFS_SLABINFO,
	PROCFS_TESSERA,
	PROCFS_COMPONENTS,
	PROCFS_PID,
	PROCFS_PID_STAT,
	PROCFS_PID_STATUS,
	PROCFS_PID_CMDLINE,
	PROCFS_PID_MAPS,
	PROCFS_PID_EXE,
	PROCFS_PID_FD,
	PROCFS_PID_FD_LINK,
	PROCFS_KINDS
};

struct procfs_node {
	struct fs_inode inode; /* first: the VFS's handle is the node */
	enum procfs_kind kind;
	int32_t pid; /* 0 for the kernel's files */
	int32_t fd; /* PROCFS_PID_FD_LINK only */
	struct procfs_node *parent;
	struct procfs_node *next; /* the cache */
};

/* One name in a directory of fixed entries. */
struct procfs_entry {
	const char *name;
	enum procfs_kind kind;
	uint32_t mode; /* type and permissions */
};

static inline struct procfs_node *procfs_node_of(struct fs_inode *inode)
{
	return (struct procfs_node *)inode;
}

/* procfs_node.c */
struct procfs_node *procfs_node_get(struct procfs_node *parent, enum procfs_kind kind, int32_t pid, int32_t fd);
bool procfs_pid_alive(int32_t pid);
const struct procfs_entry *procfs_entries(enum procfs_kind dir, size_t *count);

/* procfs_pid.c: a process's files; return the text's length or -errno. */
long procfs_show_pid(const struct procfs_node *n, char *buf, size_t size);
long procfs_pid_link(const struct procfs_node *n, char *buf, size_t size);

/* procfs_sys.c: the kernel's files. */
long procfs_show_sys(const struct procfs_node *n, char *buf, size_t size);
bool procfs_has_slabinfo(void);

/* procfs_text.c: appending formatted text, counting what did not fit. */
struct procfs_text {
	char *buf;
	size_t size, len;
};
__attribute__((format(printf, 2, 3))) void procfs_printf(struct procfs_text *t, const char *fmt, ...);

#endif
