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
#include <sys/stat.h>

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

static int out_make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (!slash || slash == path)
		return 0;
	if ((size_t)(slash - path) >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return out_mkdirs(dir);
}

/* True when path already holds exactly the bytes of o. */
static int out_is_unchanged(const struct out *o, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0 || (size_t)st.st_size != o->len)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *old = malloc(o->len + 1);
	int same = old && fread(old, 1, o->len, f) == o->len && memcmp(old, o->buf, o->len) == 0;

	free(old);
	fclose(f);
	return same;
}

static int out_write_file(const struct out *o, const char *path)
{
	int err = out_make_parent(path);

	if (err)
		return err;
	FILE *f = fopen(path, "wb");
	if (!f)
		return -errno;
	size_t n = fwrite(o->buf, 1, o->len, f);
	err = (n != o->len) ? -EIO : 0;
	if (fclose(f) != 0 && !err)
		err = -errno;
	return err;
}

int out_commit(struct out *o, const char *path)
{
	int err = 0;

	if (strcmp(path, "-") == 0) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len)
			err = -EIO;
	} else if (!out_is_unchanged(o, path)) {
		err = out_write_file(o, path);
	}
	out_free(o);
	return err;
}
