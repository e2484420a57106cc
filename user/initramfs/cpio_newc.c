/* SPDX-License-Identifier: Apache-2.0 */
/* Writes cpio newc archives (the format the kernel's initramfs unpacker and
 * Linux's read): a 110-byte ASCII header of "070701" and thirteen 8-digit
 * hex fields, the NUL-terminated name, the data; name and data each padded
 * with NULs to a multiple of 4 bytes. */
#include "cpio_newc.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define CPIO_NEWC_MAGIC "070701"
#define CPIO_NEWC_HEADER_SIZE 110
/* Linux's gen_init_cpio numbers inodes from 721; any fixed start keeps the
 * output deterministic. */
#define CPIO_FIRST_INO 721

void cpio_writer_init(struct cpio_writer *w, FILE *out, const char *out_name, uint32_t mtime)
{
	w->out = out;
	w->out_name = out_name;
	w->next_ino = CPIO_FIRST_INO;
	w->mtime = mtime;
	w->offset = 0;
}

uint32_t cpio_next_ino(struct cpio_writer *w)
{
	return w->next_ino++;
}

static int cpio_put(struct cpio_writer *w, const void *buf, size_t len)
{
	if (len && fwrite(buf, 1, len, w->out) != len) {
		fprintf(stderr, "gen_initramfs: %s: write failed: %s\n", w->out_name, strerror(errno));
		return -EIO;
	}
	w->offset += len;
	return 0;
}

/* NULs up to the next multiple of 4 from the start of the archive. */
static int cpio_pad(struct cpio_writer *w)
{
	static const char zeros[4];

	return cpio_put(w, zeros, (4 - (w->offset & 3)) & 3);
}

int cpio_write_entry(struct cpio_writer *w, const struct cpio_entry *e)
{
	/* Every field is a uint32_t, so each prints as exactly 8 hex digits;
	 * the extra byte is snprintf's NUL. */
	char header[CPIO_NEWC_HEADER_SIZE + 1];
	uint32_t namesize = (uint32_t)strlen(e->name) + 1;
	uint32_t ino = e->ino ? e->ino : cpio_next_ino(w);
	uint32_t fields[] = { ino, e->mode, e->uid, e->gid, e->nlink, w->mtime, e->size,
			      0, 0, e->rdev_major, e->rdev_minor, namesize, 0 };
	int len = snprintf(header, sizeof(header), "%s", CPIO_NEWC_MAGIC);
	int err;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		len += snprintf(header + len, sizeof(header) - (size_t)len, "%08" PRIX32, fields[i]);
	err = cpio_put(w, header, CPIO_NEWC_HEADER_SIZE);
	if (!err)
		err = cpio_put(w, e->name, namesize);
	if (!err)
		err = cpio_pad(w);
	if (!err)
		err = cpio_put(w, e->data, e->size);
	if (!err)
		err = cpio_pad(w);
	return err;
}

int cpio_write_trailer(struct cpio_writer *w)
{
	/* Inode 0 is never handed out (numbering starts at CPIO_FIRST_INO),
	 * so the trailer asks for it by numbering itself: GNU cpio and
	 * gen_init_cpio write the trailer with inode 0 too. */
	const struct cpio_entry trailer = { .name = "TRAILER!!!", .nlink = 1 };
	uint32_t next = w->next_ino;
	int err;

	w->next_ino = 0;
	err = cpio_write_entry(w, &trailer);
	w->next_ino = next;
	return err;
}
