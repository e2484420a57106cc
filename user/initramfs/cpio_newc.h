/* SPDX-License-Identifier: Apache-2.0 */
/* The cpio "newc" (SVR4, no CRC) archive writer of the initramfs packer:
 * one header + name + data per entry, each part padded to 4 bytes, and the
 * TRAILER!!! entry at the end. gen_initramfs.c and the sources call it. */
#ifndef TESSERA_USER_CPIO_NEWC_H
#define TESSERA_USER_CPIO_NEWC_H

#include <stdint.h>
#include <stdio.h>

/* One archive member, as the header describes it. */
struct cpio_entry {
	const char *name;     /* path inside the archive, without a leading '/' */
	uint32_t mode;        /* file type and permission bits (S_IF* | 0777...) */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t ino;         /* 0: the writer numbers it */
	uint32_t rdev_major, rdev_minor;
	const void *data;     /* file contents or symlink target; may be NULL */
	uint32_t size;
};

struct cpio_writer {
	FILE *out;
	const char *out_name; /* for error messages */
	uint32_t next_ino;
	uint32_t mtime;       /* every entry's mtime: 0 unless asked otherwise */
	uint64_t offset;
};

void cpio_writer_init(struct cpio_writer *w, FILE *out, const char *out_name, uint32_t mtime);
uint32_t cpio_next_ino(struct cpio_writer *w);
int cpio_write_entry(struct cpio_writer *w, const struct cpio_entry *e);
int cpio_write_trailer(struct cpio_writer *w);

#endif
