/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-memory output files (see out.h). Every emitter builds a file here and
 * commits it; unchanged files keep their timestamps so builds stay incremental.
 * In a batch (main.c starts one) commits are queued for a batch writer.
 */
#define _GNU_SOURCE /* mremap */
#include "out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t len, cap;
};

/* From this size on a buffer is a mapping of its own with transparent huge
 * pages: where idlc runs in a virtual machine a 4 KiB page fault can cost
 * 10-25 us, and the 65 MB JSON of a 10k-interface spec took 16,000 of them.
 * Capacities double from 4 KiB, so every such one is a multiple of 2 MiB. */
enum { OUT_HUGE = 2 << 20 };

/* Queued bytes that make out_commit() flush the batch even before it is full. */
enum { OUT_BATCH_BYTES = 16 << 20 };

static void out_oom(void)
{
	fputs("idlc: out of memory\n", stderr);
	abort();
}

static char *out_map_huge(size_t cap)
{
	void *p = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	madvise(p, cap, MADV_HUGEPAGE); /* only advice: fine if refused */
	return p;
}

/* Moves o's buffer to one of cap bytes, keeping its contents. */
static char *out_regrow(struct out *o, size_t cap)
{
	char *p;

	if (cap < OUT_HUGE)
		return realloc(o->buf, cap);
	if (o->cap >= OUT_HUGE) {
		p = mremap(o->buf, o->cap, cap, MREMAP_MAYMOVE);
		return p == MAP_FAILED ? NULL : p;
	}
	p = out_map_huge(cap);
	if (p) {
		memcpy(p, o->buf, o->len + 1);
		free(o->buf);
	}
	return p;
}

static void out_reserve(struct out *o, size_t more)
{
	if (o->len + more + 1 <= o->cap)
		return;
	size_t cap = o->cap ? o->cap : 4096;

	while (cap < o->len + more + 1)
		cap *= 2;
	char *buf = out_regrow(o, cap);
	if (!buf)
		out_oom();
	o->buf = buf;
	o->cap = cap;
}

struct out *out_new(void)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o)
		out_oom();
	out_reserve(o, 0);
	o->buf[0] = '\0';
	return o;
}

void out_free(struct out *o)
{
	if (!o)
		return;
	if (o->cap >= OUT_HUGE)
		munmap(o->buf, o->cap);
	else
		free(o->buf);
	free(o);
}

/* Appends v in decimal. */
static void out_put_decimal(struct out *o, unsigned long long v, bool negative)
{
	char digits[24];
	size_t n = 0;

	do {
		digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (negative)
		digits[sizeof(digits) - ++n] = '-';
	out_write(o, digits + sizeof(digits) - n, n);
}

/* One integer conversion: length modifier (0, 'l', 'L' for ll, 'z'), then
 * d, i or u. False for anything else. */
static bool out_put_integer(struct out *o, char length, char conv, va_list *ap)
{
	long long v;
	unsigned long long u;

	if (conv == 'd' || conv == 'i') {
		v = length == 'L' ? va_arg(*ap, long long) : length == 'l' ? va_arg(*ap, long) :
		    length == 'z' ? (long long)va_arg(*ap, ssize_t) : va_arg(*ap, int);
		out_put_decimal(o, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0);
		return true;
	}
	if (conv != 'u')
		return false;
	u = length == 'L' ? va_arg(*ap, unsigned long long) : length == 'l' ? va_arg(*ap, unsigned long) :
	    length == 'z' ? va_arg(*ap, size_t) : va_arg(*ap, unsigned int);
	out_put_decimal(o, u, false);
	return true;
}

/* One conversion at spec (just past its '%'); returns the rest of the
 * format, or NULL for one it does not handle. */
static const char *out_put_conversion(struct out *o, const char *spec, va_list *ap)
{
	char length = 0;

	if (*spec == '%' || *spec == 'c') {
		out_putc(o, *spec == '%' ? '%' : (char)va_arg(*ap, int));
		return spec + 1;
	}
	if (*spec == 's' || (spec[0] == '.' && spec[1] == '*' && spec[2] == 's')) {
		int precision = *spec == '.' ? va_arg(*ap, int) : -1;
		const char *str = va_arg(*ap, const char *);

		if (!str) /* the C library's "(null)" rules are not worth copying */
			return NULL;
		out_write(o, str, precision < 0 ? strlen(str) : strnlen(str, (size_t)precision));
		return spec + (*spec == '.' ? 3 : 1);
	}
	if (*spec == 'l' || *spec == 'z')
		length = *spec++;
	if (length == 'l' && *spec == 'l') {
		length = 'L';
		spec++;
	}
	return out_put_integer(o, length, *spec, ap) ? spec + 1 : NULL;
}

/* The conversions emitters use most, done here: a 10k-interface spec makes
 * 1.7 million out_printf() calls, and vsnprintf's set-up dominates short
 * ones. False, with nothing appended, for a format it does not handle. */
static bool out_format_simple(struct out *o, const char *fmt, va_list *ap)
{
	size_t start = o->len;

	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);

		out_write(o, fmt, n);
		if (!pct)
			break;
		fmt = out_put_conversion(o, pct + 1, ap);
		if (!fmt) {
			o->len = start;
			o->buf[start] = '\0';
			return false;
		}
	}
	return true;
}

void out_vprintf(struct out *o, const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	bool done = out_format_simple(o, fmt, &copy);
	va_end(copy);
	if (done)
		return;
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

/* True when path already holds exactly these len bytes. */
static bool out_is_unchanged(const char *data, size_t len, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	bool same = false;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size == len) {
		char *old = malloc(len + 1);

		same = old && out_read_all(fd, old, len) && memcmp(old, data, len) == 0;
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

static int out_write_file(const char *data, size_t len, const char *path)
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
	int err = out_write_all(fd, data, len);
	if (close(fd) != 0 && !err)
		err = -errno;
	return err;
}

/* The plain way: a few system calls for this one file. */
static int out_write_if_changed(const char *data, size_t len, const char *path, bool in_new_dir)
{
	if (in_new_dir || !out_is_unchanged(data, len, path))
		return out_write_file(data, len, path);
	return 0;
}

static int out_commit_stdout(const struct out *o)
{
	return fwrite(o->buf, 1, o->len, stdout) == o->len ? 0 : -EIO;
}

/* The batch being queued; write is NULL outside a batch. */
static struct {
	out_batch_fn *write;
	struct out_file files[OUT_BATCH_FILES];
	struct out *bufs[OUT_BATCH_FILES];
	size_t n, bytes;
} out_batch;

/* The writer needs the directory now: make it here, once per directory. */
static int out_queue(struct out *o, const char *path)
{
	int err = out_make_parent(path);
	char *copy = err ? NULL : strdup(path);

	if (err || !copy) {
		out_free(o);
		return err ? err : -ENOMEM;
	}
	out_batch.files[out_batch.n] = (struct out_file){
		.path = copy, .data = o->buf, .len = o->len, .in_new_dir = out_is_in_new_dir(path),
		.err = -EAGAIN, /* whatever no writer handles is written the plain way */
	};
	out_batch.bufs[out_batch.n++] = o;
	out_batch.bytes += o->len;
	if (out_batch.n == OUT_BATCH_FILES || out_batch.bytes >= OUT_BATCH_BYTES)
		return out_flush();
	return 0;
}

int out_commit(struct out *o, const char *path)
{
	int err;

	if (strcmp(path, "-") == 0)
		err = out_commit_stdout(o);
	else if (out_batch.write)
		return out_queue(o, path);
	else
		err = out_write_if_changed(o->buf, o->len, path, out_is_in_new_dir(path));
	out_free(o);
	return err;
}

int out_flush(void)
{
	int err = 0;

	if (out_batch.n && out_batch.write)
		out_batch.write(out_batch.files, out_batch.n);
	for (size_t i = 0; i < out_batch.n; i++) {
		struct out_file *f = &out_batch.files[i];

		if (f->err == -EAGAIN)
			f->err = out_write_if_changed(f->data, f->len, f->path, f->in_new_dir);
		if (!err)
			err = f->err;
		free((char *)f->path);
		out_free(out_batch.bufs[i]);
	}
	out_batch.n = 0;
	out_batch.bytes = 0;
	return err;
}

void out_batch_begin(out_batch_fn *write)
{
	out_batch.write = write; /* what is queued already goes to the new writer */
}

int out_batch_end(void)
{
	int err = out_batch.write ? out_flush() : 0;

	out_batch.write = NULL;
	return err;
}
