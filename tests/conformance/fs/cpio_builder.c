/* SPDX-License-Identifier: Apache-2.0 */
/* Writing cpio archives in memory (see cpio_builder.h). */
#include <stdio.h>
#include <string.h>

#include "cpio_builder.h"

static void cpio_put(struct cpio_builder *b, const void *p, size_t n)
{
	if (b->len + n <= b->size)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void cpio_pad(struct cpio_builder *b, size_t align)
{
	static const uint8_t zeros[512];

	cpio_put(b, zeros, (align - b->len % align) % align);
}

void cpio_add(struct cpio_builder *b, const char *name, uint32_t mode, uint32_t ino, uint32_t nlink,
	      const void *data, size_t len)
{
	char head[111];
	uint32_t sum = 0;

	for (size_t i = 0; b->crc && i < len; i++)
		sum += ((const uint8_t *)data)[i];
	snprintf(head, sizeof(head), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 b->crc ? "070702" : "070701", ino, mode, 0u, 0u, nlink, 0u, (unsigned)len, 0u, 1u, 0u, 0u,
		 (unsigned)strlen(name) + 1, sum);
	cpio_put(b, head, 110);
	cpio_put(b, name, strlen(name) + 1);
	cpio_pad(b, 4);
	if (len)
		cpio_put(b, data, len);
	cpio_pad(b, 4);
}

void cpio_finish(struct cpio_builder *b)
{
	cpio_add(b, "TRAILER!!!", 0, 0, 1, NULL, 0);
	cpio_pad(b, 512);
}
