/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Output files are built in memory and written only when their bytes change,
 * so a regenerated-but-identical header does not trigger a rebuild. Every
 * emitter writes through here; main.c decides whether writes are batched.
 */
#ifndef IDLC_OUT_H
#define IDLC_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct out;

struct out *out_new(void);
void out_free(struct out *o);
void out_printf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_vprintf(struct out *o, const char *fmt, va_list ap);
void out_puts(struct out *o, const char *s);
void out_putc(struct out *o, char c);
/* n bytes of s, which need not be NUL-terminated. */
void out_write(struct out *o, const char *s, size_t n);
/* Drops one trailing blank, if the buffer ends with one. */
void out_unput_blank(struct out *o);
const char *out_data(const struct out *o); /* NUL-terminated */
size_t out_len(const struct out *o);
/* Write to path (creating parent directories) unless it already holds the
 * same bytes; "-" means standard output. Frees o. Returns 0 or -errno; in a
 * batch (below) the file may only be queued, and the error may be one of an
 * earlier file of the batch. */
int out_commit(struct out *o, const char *path);
/* mkdir -p. Returns 0 or -errno. */
int out_mkdirs(const char *dir);

/* A file queued by out_commit() in a batch, as the batch writer sees it. */
struct out_file {
	const char *path;
	const char *data;
	size_t len;
	bool in_new_dir; /* its directory was made by this run: nothing to compare */
	int err;	 /* -EAGAIN when queued; the writer sets 0 once it is written
			  * or found unchanged, and leaves -EAGAIN for out.c to write
			  * the plain way (which reports any real error) */
};

/* Writes each of the n files whose bytes differ from the disk's (all of them
 * when in_new_dir), setting every err. n is at most OUT_BATCH_FILES. */
typedef void out_batch_fn(struct out_file *files, size_t n);

enum { OUT_BATCH_FILES = 256 };

/* From now on out_commit() queues files for write(), which sees them in
 * batches; NULL keeps writing each file at once with plain system calls. */
void out_batch_begin(out_batch_fn *write);
/* Writes every queued file. Returns 0 or the first file's -errno. */
int out_flush(void);
/* out_flush(), then back to writing each file at once. */
int out_batch_end(void);

#endif
