/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Output files are built in memory and written only when their bytes change,
 * so a regenerated-but-identical header does not trigger a rebuild.
 */
#ifndef IDLC_OUT_H
#define IDLC_OUT_H

#include <stdarg.h>
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
 * same bytes; "-" means standard output. Frees o. Returns 0 or -errno. */
int out_commit(struct out *o, const char *path);
/* mkdir -p. Returns 0 or -errno. */
int out_mkdirs(const char *dir);

#endif
