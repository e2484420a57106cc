/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared C text for the C emitters (see emit_c.h).
 */
#include "emit_c.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "arena.h"
#include "emit.h"
#include "out.h"

void emitc_banner(struct out *o, const struct spec *s, const char *what)
{
	out_printf(o, "/* %s */\n/* SPDX-License-Identifier: Apache-2.0 */\n", banner_text(s, what));
}

static void emitc_guard_name(struct out *o, const char *path)
{
	out_puts(o, "TESSERA_");
	for (const char *p = path; *p; p++)
		out_putc(o, isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_');
	out_puts(o, "_H");
}

void emitc_guard_open(struct out *o, const char *path)
{
	out_puts(o, "#ifndef ");
	emitc_guard_name(o, path);
	out_puts(o, "\n#define ");
	emitc_guard_name(o, path);
	out_puts(o, "\n");
}

void emitc_guard_close(struct out *o, const char *path)
{
	out_puts(o, "\n#endif /* ");
	emitc_guard_name(o, path);
	out_puts(o, " */\n");
}

/* Copies n bytes of text into a C comment, breaking any `*` `/` pair. */
static void emitc_comment_text(struct out *o, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		out_putc(o, text[i]);
		if (text[i] == '*' && i + 1 < n && text[i + 1] == '/')
			out_putc(o, ' ');
	}
}

void emitc_first_line(struct out *o, const char *doc)
{
	if (doc)
		emitc_comment_text(o, doc, strcspn(doc, "\n"));
}

void emitc_tag(struct out *o, const char *name, const char *label, const char *doc)
{
	bool has_doc = doc && *doc && *doc != '\n';

	out_printf(o, " * @%s:", name);
	if (*label || has_doc)
		out_printf(o, " %s", label);
	if (has_doc)
		emitc_first_line(o, doc);
	else if (*label)
		out_unput_blank(o);
	out_putc(o, '\n');
	/* Further lines continue the description, as kernel-doc reads them. */
	for (const char *nl = doc ? strchr(doc, '\n') : NULL; nl; nl = strchr(nl + 1, '\n')) {
		if (nl[1] == '\n' || nl[1] == '\0')
			continue;
		out_puts(o, " *   ");
		emitc_first_line(o, nl + 1);
		out_putc(o, '\n');
	}
}

void emitc_doc_lines(struct out *o, const char *doc, const char *indent)
{
	while (doc && *doc == '\n')
		doc++; /* the caller already separated the body from the summary */
	while (doc && *doc) {
		const char *nl = strchr(doc, '\n');
		size_t n = nl ? (size_t)(nl - doc) : strlen(doc);

		/* A doc line must not close the comment it is printed in. */
		out_printf(o, "%s *%s", indent, n ? " " : "");
		emitc_comment_text(o, doc, n);
		out_putc(o, '\n');
		doc = nl ? nl + 1 : NULL;
	}
}

static const char *emitc_suffix(const struct type *t)
{
	const struct type *r = type_resolve(t);

	if (r && r->kind == TY_NAMED && r->decl && (r->decl->kind == D_ENUM || r->decl->kind == D_FLAGS))
		return emitc_suffix(r->decl->u.enm.base);
	switch (r ? r->kind : TY_I32) {
	case TY_U8: case TY_U16: case TY_U32: return "U";
	case TY_USIZE: return "UL";
	case TY_U64: case TY_PADDR: case TY_VADDR: return "ULL";
	case TY_I64: return "LL";
	case TY_ISIZE: return "L";
	default: return "";
	}
}

void emitc_int_literal(struct out *o, const struct type *t, int64_t v)
{
	const char *suffix = emitc_suffix(t);

	if (suffix[0] == 'U' && v < 0)
		out_printf(o, "0x%" PRIx64 "%s", (uint64_t)v, suffix);
	else if (v == INT64_MIN)
		out_printf(o, "(-0x7fffffffffffffff%s - 1)", suffix);
	else if (v < 0)
		out_printf(o, "(%" PRId64 "%s)", v, suffix);
	else
		out_printf(o, "%" PRId64 "%s", v, suffix);
}

void emitc_string_literal(struct out *o, const char *s)
{
	out_putc(o, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			out_printf(o, "\\%c", ch);
		else if (ch == '\n')
			out_puts(o, "\\n");
		else if (ch == '\t')
			out_puts(o, "\\t");
		else if (ch < 0x20 || ch >= 0x7f)
			out_printf(o, "\\%03o", ch);
		else
			out_putc(o, (char)ch);
	}
	out_putc(o, '"');
}

const char *emitc_stem(const struct spec *s, const struct source *src)
{
	const char *base = strrchr(src->path, '/');
	const char *start = base ? base + 1 : src->path;
	const char *dot = strrchr(start, '.');

	return arena_strndup(s->arena, start, dot ? (size_t)(dot - start) : strlen(start));
}

void emitc_return_doc(struct out *o, const struct method *m)
{
	if (!m->has_raises)
		return;
	out_puts(o, " *\n * Return: ");
	out_puts(o, m->ret ? "a non-negative value on success" : "0 on success");
	if (!m->raises) {
		out_puts(o, ".\n");
		return;
	}
	out_puts(o, ", or");
	for (const struct ref *r = m->raises; r; r = r->next)
		out_printf(o, " -%s%s", r->name, r->next ? "," : ".\n");
}

static const char *direction_label(enum direction d)
{
	static const char *const labels[] = { "", "(in) ", "(out) ", "(in/out) " };

	/* The trailing blank separates the label from a doc; emitc_tag trims it. */

	return labels[d];
}

void emitc_param_tags(struct out *o, const struct method *m)
{
	for (const struct param *p = m->params; p; p = p->next) {
		emitc_tag(o, p->name, direction_label(p->dir), p->doc);
		if (p->type->kind == TY_BUFFER)
			out_printf(o, " * @%s_len: number of elements in @%s\n", p->name, p->name);
	}
}

void emitc_method_doc(struct out *o, const struct method *m, const char *cname, bool is_multi)
{
	const char *doc = m->doc ? m->doc : "";
	const char *nl = strchr(doc, '\n');

	out_printf(o, "/**\n * %s() -%s", cname, m->doc ? " " : "");
	emitc_first_line(o, doc);
	out_putc(o, '\n');
	if (is_multi)
		out_puts(o, " * @dev: the device (provider instance) to call\n");
	emitc_param_tags(o, m);
	if (nl && nl[1]) {
		out_puts(o, " *\n");
		emitc_doc_lines(o, nl + 1, "");
	}
	emitc_return_doc(o, m);
	out_puts(o, " */\n");
}
