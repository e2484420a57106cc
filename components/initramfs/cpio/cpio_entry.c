/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Making one archive entry in the VFS: a directory, a regular file (with
 * its hard links: the first name of an inode is remembered, later ones
 * are linked to it), or a symbolic link. Modes are the archive's, set
 * exactly after creation, as the umask would otherwise trim them.
 */
#include <tessera/string.h>

#include <tessera/kprintf.h>

#include "cpio.h"

#define CPIO_WRITE_CHUNK (64 * 1024)

/* "./a/b", "/a/b" and "a/b" all become "/a/b"; "." and "" are the root itself. */
static int cpio_path(struct cpio_state *st, const char *name)
{
	size_t len;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (name[0] == 0 || strcmp(name, ".") == 0)
		return 1;
	len = strlen(name);
	if (len + 2 > sizeof(st->path))
		return -ENAMETOOLONG;
	st->path[0] = '/';
	memcpy(st->path + 1, name, len + 1);
	return 0;
}

static bool cpio_crc_ok(const struct cpio_entry *e)
{
	uint32_t sum = 0;

	for (uint64_t i = 0; i < e->filesize; i++)
		sum += e->data[i];
	return !e->has_crc || sum == e->checksum;
}

static int cpio_write_data(const char *path, const struct cpio_entry *e)
{
	struct vfs_file *f;
	int err = vfs_open_file(path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777, &f);

	if (err)
		return err;
	for (uint64_t off = 0; off < e->filesize && !err;) {
		size_t chunk = e->filesize - off < CPIO_WRITE_CHUNK ? (size_t)(e->filesize - off) : CPIO_WRITE_CHUNK;
		long n = vfs_kernel_write(f, e->data + off, chunk, off);

		if (n <= 0)
			err = n < 0 ? (int)n : -ENOSPC;
		off += n > 0 ? (uint64_t)n : 0;
	}
	vfs_file_put(f);
	return err ? err : vfs_kernel_chmod(path, e->mode & 07777);
}

static struct cpio_link *cpio_link_find(struct cpio_state *st, const struct cpio_entry *e)
{
	for (size_t i = 0; i < st->nlinks; i++) {
		struct cpio_link *l = &st->links[i];

		if (l->ino == e->ino && l->devmajor == e->devmajor && l->devminor == e->devminor)
			return l;
	}
	return NULL;
}

/* Remembers the first name of an inode with several; silently forgets
 * when the table is full (later names become separate files). */
static void cpio_link_remember(struct cpio_state *st, const struct cpio_entry *e)
{
	size_t len = strlen(st->path) + 1;
	struct cpio_link *l;
	void *copy;

	if (st->nlinks == CPIO_LINKS_MAX || heap_alloc(len, &copy) != 0)
		return;
	memcpy(copy, st->path, len);
	l = &st->links[st->nlinks++];
	*l = (struct cpio_link){ .ino = e->ino, .devmajor = e->devmajor, .devminor = e->devminor, .path = copy };
}

void cpio_forget_links(struct cpio_state *st)
{
	for (size_t i = 0; i < st->nlinks; i++)
		heap_free(st->links[i].path);
	st->nlinks = 0;
}

static int cpio_make_file(struct cpio_state *st, const struct cpio_entry *e)
{
	struct cpio_link *first = e->nlink > 1 ? cpio_link_find(st, e) : NULL;
	int err;

	if (!cpio_crc_ok(e)) {
		kprintf("initramfs: %s: checksum mismatch, skipped\n", st->path);
		return 1;
	}
	if (first) {
		err = vfs_kernel_link(first->path, st->path);
		/* newc stores the data with the last name; it fills the shared inode. */
		return err || e->filesize == 0 ? err : cpio_write_data(st->path, e);
	}
	err = cpio_write_data(st->path, e);
	if (!err && e->nlink > 1)
		cpio_link_remember(st, e);
	return err;
}

static int cpio_make_symlink(struct cpio_state *st, const struct cpio_entry *e)
{
	char *target;
	int err;

	if (e->filesize == 0 || e->filesize >= CPIO_PATH_MAX)
		return -EINVAL;
	if (heap_alloc((size_t)e->filesize + 1, (void **)&target) != 0)
		return -ENOMEM;
	memcpy(target, e->data, (size_t)e->filesize);
	target[e->filesize] = 0;
	err = vfs_kernel_symlink(target, st->path);
	heap_free(target);
	return err;
}

/**
 * cpio_make() - Make one parsed entry in the VFS.
 * @st: the unpacking's state.
 * @e: the entry.
 *
 * Return: 0 when made, 1 when skipped (logged), or the VFS's error.
 */
int cpio_make(struct cpio_state *st, const struct cpio_entry *e)
{
	int err = cpio_path(st, e->name);

	if (err)
		return err;
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_kernel_mkdir(st->path, e->mode & 07777);
		return err && err != -EEXIST ? err : vfs_kernel_chmod(st->path, e->mode & 07777);
	case S_IFREG:
		return cpio_make_file(st, e);
	case S_IFLNK:
		return cpio_make_symlink(st, e);
	default:
		kprintf("initramfs: %s: special file (mode %o) skipped; devfs provides /dev\n", st->path, e->mode);
		return 1;
	}
}
