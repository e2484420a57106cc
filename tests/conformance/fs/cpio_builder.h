/* SPDX-License-Identifier: Apache-2.0 */
/* Writing cpio "newc"/"crc" archives in memory, for the initramfs suite. */
#ifndef TESSERA_TESTS_CPIO_BUILDER_H
#define TESSERA_TESTS_CPIO_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpio_builder {
	uint8_t *buf;
	size_t size, len;
	bool crc; /* write 070702 headers with checksums */
};

/* Appends one entry; data may be NULL when len is 0. */
void cpio_add(struct cpio_builder *b, const char *name, uint32_t mode, uint32_t ino, uint32_t nlink,
	      const void *data, size_t len);
/* Appends the trailer and pads to 512 bytes, as cpio does. */
void cpio_finish(struct cpio_builder *b);

#endif
