/* SPDX-License-Identifier: Apache-2.0 */
/* A directory source: everything under it, walked depth first with each
 * directory's entries sorted by name (byte order), so the same tree always
 * packs to the same bytes. Owners become root (uid/gid 0); modes, symlink
 * targets and device numbers are kept. gen_initramfs.c calls it. */
#include "pack.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int pack_dir_walk(struct cpio_writer *w, struct pack_deps *deps, const char *host,
			 const char *prefix);

static int pack_dir_compare(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int pack_dir_skip_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

static int pack_dir_symlink(struct cpio_writer *w, const char *host, struct cpio_entry *e)
{
	char target[PATH_MAX];
	ssize_t len = readlink(host, target, sizeof(target));

	if (len < 0 || len == (ssize_t)sizeof(target)) {
		fprintf(stderr, "gen_initramfs: %s: cannot read the link\n", host);
		return len < 0 ? -errno : -ENAMETOOLONG;
	}
	e->data = target;
	e->size = (uint32_t)len;
	return cpio_write_entry(w, e);
}

/* One entry of the walk: host is its path on the host, name in the archive. */
static int pack_dir_entry(struct cpio_writer *w, struct pack_deps *deps, const char *host,
			  const char *name)
{
	struct stat st;
	struct cpio_entry e = { .name = name, .nlink = 1 };

	if (lstat(host, &st) < 0) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", host, strerror(errno));
		return -errno;
	}
	e.mode = st.st_mode & (S_IFMT | 07777);
	if (S_ISREG(st.st_mode))
		return pack_file(w, deps, &name, 1, host, &e);
	if (S_ISLNK(st.st_mode))
		return pack_dir_symlink(w, host, &e);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		e.rdev_major = major(st.st_rdev);
		e.rdev_minor = minor(st.st_rdev);
	}
	if (!S_ISDIR(st.st_mode))
		return cpio_write_entry(w, &e);
	e.nlink = 2;
	int err = cpio_write_entry(w, &e);

	return err ? err : pack_dir_walk(w, deps, host, name);
}

static int pack_dir_walk(struct cpio_writer *w, struct pack_deps *deps, const char *host,
			 const char *prefix)
{
	struct dirent **list;
	int n = scandir(host, &list, pack_dir_skip_dots, pack_dir_compare);
	int err = 0;

	if (n < 0) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", host, strerror(errno));
		return -errno;
	}
	err = pack_deps_add(deps, host);
	for (int i = 0; i < n; i++) {
		char child_host[PATH_MAX], child_name[PATH_MAX];

		if (!err && (snprintf(child_host, sizeof(child_host), "%s/%s", host, list[i]->d_name) >=
				     (int)sizeof(child_host) ||
			     snprintf(child_name, sizeof(child_name), "%s%s%s", prefix, *prefix ? "/" : "",
				      list[i]->d_name) >= (int)sizeof(child_name))) {
			fprintf(stderr, "gen_initramfs: %s/%s: path too long\n", host, list[i]->d_name);
			err = -ENAMETOOLONG;
		}
		if (!err)
			err = pack_dir_entry(w, deps, child_host, child_name);
		free(list[i]);
	}
	free(list);
	return err;
}

int pack_directory(struct cpio_writer *w, struct pack_deps *deps, const char *dir)
{
	/* The directory itself is the archive's root, which the unpacker
	 * already has: only its contents are packed, as Linux does. */
	return pack_dir_walk(w, deps, dir, "");
}
