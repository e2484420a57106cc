/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-memory output files (see out.h). Every emitter builds a file here and
 * commits it; unchanged files keep their timestamps so builds stay incremental.
 */
#include "out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t len, cap;
};

static void out_reserve(struct out *o, size_t more)
{
	if (o->len + more + 1 <= o->cap)
		return;
	size_t cap = o->cap ? o->cap : 4096;

	while (cap < o->len + more + 1)
		cap *= 2;
	o->buf = realloc(o->buf, cap);
	if (!o->buf) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	o->cap = cap;
}

struct out *out_new(void)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	out_reserve(o, 0);
	o->buf[0] = '\0';
	return o;
}

void out_free(struct out *o)
{
	if (!o)
		return;
	free(o->buf);
	free(o);
}

void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n >= o->cap - o->len) {
		out_reserve(o, (size_t)n);
		vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	}
	o->len += (size_t)n;
}

void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(o, fmt, ap);
	va_end(ap);
}

void out_puts(struct out *o, const char *s)
{
	size_t n = strlen(s);

	out_reserve(o, n);
	memcpy(o->buf + o->len, s, n + 1);
	o->len += n;
}

void out_write(struct out *o, const char *s, size_t n)
{
	out_reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

void out_putc(struct out *o, char c)
{
	out_reserve(o, 1);
	o->buf[o->len++] = c;
	o->buf[o->len] = '\0';
}

void out_unput_blank(struct out *o)
{
	if (o->len && o->buf[o->len - 1] == ' ')
		o->buf[--o->len] = '\0';
}

const char *out_data(const struct out *o)
{
	return o->buf;
}

size_t out_len(const struct out *o)
{
	return o->len;
}

int out_mkdirs(const char *dir)
{
	char path[4096];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return n ? -ENAMETOOLONG : 0;
	memcpy(path, dir, n + 1);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Emitters write tens of thousands of files into a few hundred directories:
 * remember the last directory made, so siblings cost no mkdir at all. */
static char out_last_dir[4096];
static bool out_last_dir_is_new; /* made by this run: nothing in it to compare with */

static int out_make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	char dir[4096];

	if (n == 0)
		return 0;
	if (n >= sizeof(dir))
		return -ENAMETOOLONG;
	if (strncmp(out_last_dir, path, n) == 0 && out_last_dir[n] == '\0')
		return 0;
	memcpy(dir, path, n);
	dir[n] = '\0';
	bool made = mkdir(dir, 0777) == 0;
	int err = 0;

	if (!made && errno == ENOENT) {
		err = out_mkdirs(dir); /* a missing ancestor: make the whole chain */
		made = !err;
	} else if (!made && errno != EEXIST) {
		err = -errno;
	}
	if (!err) {
		memcpy(out_last_dir, dir, n + 1);
		out_last_dir_is_new = made;
	}
	return err;
}

/* True when path lies in the directory this run has just created. */
static bool out_is_in_new_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	return out_last_dir_is_new && n && strncmp(out_last_dir, path, n) == 0 && out_last_dir[n] == '\0';
}

static bool out_read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	return true;
}

/* True when path already holds exactly the bytes of o. */
static bool out_is_unchanged(const struct out *o, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	bool same = false;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size == o->len) {
		char *old = malloc(o->len + 1);

		same = old && out_read_all(fd, old, o->len) && memcmp(old, o->buf, o->len) == 0;
		free(old);
	}
	close(fd);
	return same;
}

static int out_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int out_write_file(const struct out *o, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0 && errno == ENOENT) {
		int err = out_make_parent(path);
		if (err)
			return err;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	}
	if (fd < 0)
		return -errno;
	int err = out_write_all(fd, o->buf, o->len);
	if (close(fd) != 0 && !err)
		err = -errno;
	return err;
}

int out_commit(struct out *o, const char *path)
{
	int err = 0;

	if (strcmp(path, "-") == 0) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len)
			err = -EIO;
	} else if (out_is_in_new_dir(path) || !out_is_unchanged(o, path)) {
		err = out_write_file(o, path);
	}
	out_free(o);
	return err;
}
