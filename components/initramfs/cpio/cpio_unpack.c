/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initramfs interface: walk the archives of an image entry by entry,
 * skipping the zero padding between concatenated archives, then make
 * /dev and log one summary line. Called by the kernel core once memory
 * is available.
 */
#include <tessera/kprintf.h>

#include "cpio.h"

/* Zero bytes (padding after a trailer) up to the next archive or the end. */
static size_t cpio_skip_padding(const uint8_t *image, size_t size, size_t off)
{
	while (off < size && image[off] == 0)
		off++;
	return off;
}

static int cpio_walk(struct cpio_state *st, const uint8_t *image, size_t size)
{
	struct cpio_entry e;
	size_t off = 0, next;
	int r;

	while ((off = cpio_skip_padding(image, size, off)) < size) {
		r = cpio_parse(image, size, off, &e, &next);
		if (r < 0) {
			kprintf("initramfs: bad cpio header at offset %zu; unpacking stopped\n", off);
			return -EINVAL;
		}
		if (r == 0) {
			int made = cpio_make(st, &e);

			if (made < 0)
				kprintf("initramfs: %s (offset %zu): error %d\n", e.name, off, made);
			if (made == -ENOMEM || made == -ENOSPC)
				return made;
			if (made == 0) {
				st->files++;
				st->bytes += (e.mode & S_IFMT) == S_IFREG ? e.filesize : 0;
			}
		} else {
			cpio_forget_links(st); /* inode numbers start over in the next archive */
		}
		off = next;
	}
	return 0;
}

int32_t cpio_unpack(const uint8_t *image, size_t image_len)
{
	struct cpio_state *st;
	int err, dev_err;

	if (heap_alloc(sizeof(*st), (void **)&st) != 0)
		return -ENOMEM;
	st->files = 0;
	st->bytes = 0;
	st->nlinks = 0;
	err = cpio_walk(st, image, image_len);
	cpio_forget_links(st);
	/* devfs is mounted there next; an archive need not carry it. */
	dev_err = vfs_kernel_mkdir("/dev", 0755);
	if (dev_err && dev_err != -EEXIST)
		kprintf("initramfs: cannot make /dev: error %d\n", dev_err);
	kprintf("initramfs: %zu files, %lu KiB\n", st->files, (unsigned long)((st->bytes + 1023) / 1024));
	err = err ? err : (int)st->files;
	heap_free(st);
	return err;
}
