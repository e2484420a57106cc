/* SPDX-License-Identifier: Apache-2.0 */
/* Regular files for the archive: read from the host whole, written under
 * one name or several hard-linked ones. Both sources (pack_dir.c,
 * pack_list.c) call pack_file(). */
#include "pack.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *pack_archive_name(const char *name)
{
	while (*name == '/')
		name++;
	return name;
}

/* The whole of host_path in a new buffer (*size bytes). */
static int pack_read_host_file(const char *host_path, void **data, uint32_t *size)
{
	struct stat st;
	char *buf = NULL;
	size_t done = 0;
	int err = 0;
	int fd = open(host_path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		err = -errno;
		goto out_close;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > UINT32_MAX) {
		err = S_ISREG(st.st_mode) ? -EFBIG : -EINVAL;
		goto out_close;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		err = -ENOMEM;
		goto out_close;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n <= 0) {
			err = n < 0 ? -errno : -EIO; /* a file that shrank while read */
			goto out_free;
		}
		done += (size_t)n;
	}
	*data = buf;
	*size = (uint32_t)done;
	close(fd);
	return 0;

out_free:
	free(buf);
out_close:
	if (fd >= 0)
		close(fd);
	return err;
}

int pack_file(struct cpio_writer *w, struct pack_deps *deps, const char *const *names,
	      size_t name_count, const char *host_path, const struct cpio_entry *attrs)
{
	struct cpio_entry e = *attrs;
	void *data = NULL;
	uint32_t size = 0;
	int err = pack_read_host_file(host_path, &data, &size);

	if (err) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", host_path,
			err == -EINVAL ? "not a regular file" : strerror(-err));
		return err;
	}
	err = pack_deps_add(deps, host_path);
	e.mode = S_IFREG | (attrs->mode & 07777);
	e.nlink = (uint32_t)name_count;
	e.ino = cpio_next_ino(w);
	/* Hard links: every name shares the inode; only the last carries the
	 * data, which is how the unpacker links them. */
	for (size_t i = 0; !err && i < name_count; i++) {
		bool last = i + 1 == name_count;

		e.name = pack_archive_name(names[i]);
		e.data = last ? data : NULL;
		e.size = last ? size : 0;
		err = cpio_write_entry(w, &e);
	}
	free(data);
	return err;
}
