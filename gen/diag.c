/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Renders diagnostics (see diag.h). The caret line copies the tabs of the
 * source line so the underline stays aligned whatever the tab width.
 */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

static FILE *diag_out;
static int diag_errors;

void diag_set_output(FILE *f)
{
	diag_out = f;
}

static FILE *diag_file(void)
{
	return diag_out ? diag_out : stderr;
}

int diag_error_count(void)
{
	return diag_errors;
}

void diag_reset(void)
{
	diag_errors = 0;
}

/* The text of line `line` of src, and its length (without the newline). */
static const char *diag_line_text(const struct source *src, int line, int *len)
{
	const char *p = src->text;
	const char *end = src->text + src->len;

	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (int)((nl ? nl : end) - p);
	return p;
}

static void diag_print_caret(FILE *f, const char *text, int len, struct loc loc)
{
	fputs("      | ", f);
	for (int i = 0; i < loc.col - 1 && i < len; i++)
		fputc(text[i] == '\t' ? '\t' : ' ', f);
	fputc('^', f);
	int end = loc.end_col > len + 1 ? len + 1 : loc.end_col;
	for (int c = loc.col + 1; c < end; c++)
		fputc('~', f);
	fputc('\n', f);
}

static void diag_print_source(struct loc loc)
{
	FILE *f = diag_file();
	int len = 0;

	if (!loc.src || loc.line < 1)
		return;
	const char *text = diag_line_text(loc.src, loc.line, &len);
	if (!text)
		return;
	fprintf(f, "%5d | ", loc.line);
	for (int i = 0; i < len; i++)
		fputc(text[i] == '\0' ? ' ' : text[i], f);
	fputc('\n', f);
	diag_print_caret(f, text, len, loc);
}

static void diag_vheader(struct loc loc, const char *kind, const char *fmt, va_list ap)
{
	FILE *f = diag_file();

	if (loc.src)
		fprintf(f, "%s:%d:%d: %s: ", loc.src->path, loc.line, loc.col, kind);
	else
		fprintf(f, "idlc: %s: ", kind);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void diag_error(int id, struct loc loc, const char *fmt, ...)
{
	char kind[32];
	va_list ap;

	snprintf(kind, sizeof(kind), "error[E%04d]", id);
	va_start(ap, fmt);
	diag_vheader(loc, kind, fmt, ap);
	va_end(ap);
	diag_print_source(loc);
	diag_errors++;
}

void diag_error_at(int id, const char *where, const char *fmt, ...)
{
	FILE *f = diag_file();
	va_list ap;

	fprintf(f, "%s: error[E%04d]: ", where, id);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	diag_errors++;
}

void diag_note(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vheader(loc, "note", fmt, ap);
	va_end(ap);
	diag_print_source(loc);
}

static void diag_vtrailer(const char *label, const char *fmt, va_list ap)
{
	FILE *f = diag_file();

	fprintf(f, "      = %s: ", label);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void diag_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vtrailer("note", fmt, ap);
	va_end(ap);
}

void diag_help(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vtrailer("help", fmt, ap);
	va_end(ap);
}
