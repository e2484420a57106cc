/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cpio unpacker's private types: one parsed header (cpio_header.c)
 * and the state of one unpacking (cpio_unpack.c, cpio_entry.c).
 */
#ifndef TESSERA_CPIO_H
#define TESSERA_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/components/initramfs_cpio.h>
#include <tessera/fs.h> /* S_IF*: the mode bits an archive carries */

#define CPIO_HEADER_SIZE 110
#define CPIO_PATH_MAX 4096
#define CPIO_LINKS_MAX 256 /* inodes with several names remembered at once */

struct cpio_entry {
	uint32_t ino, mode, nlink, devmajor, devminor, checksum;
	uint64_t filesize;
	bool has_crc; /* the "crc" format, 070702 */
	const char *name; /* inside the image, NUL-terminated (checked) */
	const uint8_t *data;
};

/* An inode seen with nlink > 1: where its first name is. */
struct cpio_link {
	uint32_t ino, devmajor, devminor;
	char *path;
};

struct cpio_state {
	size_t files; /* entries made */
	uint64_t bytes; /* file data written */
	struct cpio_link links[CPIO_LINKS_MAX];
	size_t nlinks;
	char path[CPIO_PATH_MAX]; /* the entry's absolute path */
};

/* cpio_header.c: 1 and *next at the trailer, 0 and *next past a parsed entry, or -EINVAL. */
int cpio_parse(const uint8_t *image, size_t size, size_t off, struct cpio_entry *e, size_t *next);

/* cpio_entry.c */
int cpio_make(struct cpio_state *st, const struct cpio_entry *e);
void cpio_forget_links(struct cpio_state *st);

#endif
