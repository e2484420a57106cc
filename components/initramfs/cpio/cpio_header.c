/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Parsing one cpio "newc"/"crc" header: the magic, thirteen 8-digit hex
 * fields, the name (NUL-terminated, padded to 4 bytes with the header)
 * and the data (padded to 4 bytes). Every length is checked against the
 * image, so a damaged archive is an error, never a read out of bounds.
 */
#include <tessera/string.h>

#include "cpio.h"

static int cpio_hex(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t cpio_align4(size_t v)
{
	return (v + 3) & ~(size_t)3;
}

int cpio_parse(const uint8_t *image, size_t size, size_t off, struct cpio_entry *e, size_t *next)
{
	uint32_t f[13];
	size_t name_off, data_off;

	if (size - off < CPIO_HEADER_SIZE)
		return -EINVAL;
	if (memcmp(image + off, "07070", 5) != 0 || (image[off + 5] != '1' && image[off + 5] != '2'))
		return -EINVAL;
	for (int i = 0; i < 13; i++)
		if (cpio_hex(image + off + 6 + 8 * i, &f[i]))
			return -EINVAL;
	/* f: ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check */
	*e = (struct cpio_entry){ .ino = f[0], .mode = f[1], .nlink = f[4], .filesize = f[6], .devmajor = f[7],
				  .devminor = f[8], .checksum = f[12], .has_crc = image[off + 5] == '2' };
	name_off = off + CPIO_HEADER_SIZE;
	if (f[11] == 0 || f[11] > size - name_off || image[name_off + f[11] - 1] != 0)
		return -EINVAL;
	e->name = (const char *)image + name_off;
	if (strlen(e->name) + 1 != f[11])
		return -EINVAL;
	data_off = cpio_align4(name_off + f[11]);
	if (data_off > size || e->filesize > size - data_off)
		return -EINVAL;
	e->data = image + data_off;
	*next = cpio_align4(data_off + (size_t)e->filesize);
	if (*next > size)
		*next = size;
	return strcmp(e->name, "TRAILER!!!") == 0 ? 1 : 0;
}
