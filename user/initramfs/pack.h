/* SPDX-License-Identifier: Apache-2.0 */
/* The initramfs packer's sources: a directory walked recursively, or a
 * cpio list file in Linux's gen_init_cpio format. Each appends its entries
 * to the archive and records the host paths it read for the depfile.
 * gen_initramfs.c calls them, one per CONFIG_INITRAMFS_SOURCE word. */
#ifndef TESSERA_USER_PACK_H
#define TESSERA_USER_PACK_H

#include "cpio_newc.h"

#include <stddef.h>

/* The host paths the archive depends on (files, list files, directories:
 * a directory's mtime changes when an entry is added or removed). */
struct pack_deps {
	char **paths;
	size_t count, capacity;
};

int pack_deps_add(struct pack_deps *deps, const char *path);
int pack_deps_write(const struct pack_deps *deps, const char *depfile, const char *target);
void pack_deps_free(struct pack_deps *deps);

/* Archive-side names never start with '/': "/bin/sh" becomes "bin/sh". */
const char *pack_archive_name(const char *name);

/* A regular file read from host_path, under each of the names (more than
 * one: hard links sharing one inode, the data on the last, as Linux). */
int pack_file(struct cpio_writer *w, struct pack_deps *deps, const char *const *names,
	      size_t name_count, const char *host_path, const struct cpio_entry *attrs);

int pack_directory(struct cpio_writer *w, struct pack_deps *deps, const char *dir);
int pack_list_file(struct cpio_writer *w, struct pack_deps *deps, const char *list);

#endif
