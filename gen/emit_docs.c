/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `idlc --docs DIR`: the documentation site. This file decides where every
 * page goes (DIR/html/..., DIR/md/..., DIR/components.dot) and holds the
 * plain-text pieces both formats print; main.c calls emit_docs().
 */
#include "emit.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "ctype.h"
#include "docs.h"
#include "out.h"

/* A file's types are repeated on the page of each of its interfaces only up
 * to this many interfaces; beyond that they stay on the first one's page, so
 * a huge file does not cost interfaces x types. */
#define DOCS_TYPES_SHARED_MAX 4

/* ---- the file map ---- */

static size_t docs_hash(const struct source *src, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)src * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (cap - 1);
}

static struct docs_file *docs_slot(const struct docs *d, const struct source *src)
{
	size_t i = docs_hash(src, d->files_cap);

	while (d->files[i].src && d->files[i].src != src)
		i = (i + 1) & (d->files_cap - 1);
	return &d->files[i];
}

const struct docs_file *docs_file_of(const struct docs *d, const struct source *src)
{
	const struct docs_file *f;

	if (!src || !d->files)
		return NULL;
	f = docs_slot(d, src);
	return f->src ? f : NULL;
}

bool docs_is_type(const struct decl *x)
{
	switch (x->kind) {
	case D_CONST:
	case D_TYPEDEF:
	case D_ENUM:
	case D_FLAGS:
	case D_STRUCT:
	case D_UNION:
	case D_HANDLE:
		return true;
	default:
		return false;
	}
}

static int docs_map_files(struct docs *d)
{
	size_t n = 0;

	for (const struct source *src = d->s->sources; src; src = src->next)
		n++;
	d->files_cap = 16;
	while (d->files_cap < 2 * n)
		d->files_cap *= 2;
	d->files = calloc(d->files_cap, sizeof(*d->files));
	if (!d->files)
		return -ENOMEM;
	for (const struct source *src = d->s->sources; src; src = src->next) {
		struct docs_file *f = docs_slot(d, src);

		f->src = src;
		for (const struct decl *x = src->decls; x; x = x->next) {
			if (x->kind == D_INTERFACE && f->nifaces++ == 0)
				f->home = x;
			f->ntypes += docs_is_type(x);
		}
	}
	return 0;
}

bool docs_shows_types(const struct docs *d, const struct decl *iface)
{
	const struct docs_file *f = docs_file_of(d, iface->src);

	return f && f->ntypes && (f->home == iface || f->nifaces <= DOCS_TYPES_SHARED_MAX);
}

const struct decl *docs_type_home(const struct docs *d, const struct decl *type)
{
	const struct docs_file *f = docs_file_of(d, type->src);

	return f ? f->home : NULL;
}

/* ---- plain-text pieces ---- */

void docs_write(struct out *o, const char *s, size_t n)
{
	out_write(o, s, n);
}

void docs_vprintf(const struct docs_printer *pr, const char *fmt, va_list ap)
{
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);

		docs_write(pr->o, fmt, n);
		if (!pct || !pct[1])
			break;
		fmt = pct + 2;
		switch (pct[1]) {
		case 's':
			pr->text(pr->o, va_arg(ap, const char *));
			break;
		case 'c':
			pr->code(pr->o, va_arg(ap, const char *));
			break;
		case 'r':
			out_puts(pr->o, va_arg(ap, const char *));
			break;
		case 'd':
			out_printf(pr->o, "%" PRId64, va_arg(ap, int64_t));
			break;
		case 'z':
			out_printf(pr->o, "%zu", va_arg(ap, size_t));
			break;
		case 'R':
			out_puts(pr->o, pr->rel);
			break;
		default:
			out_putc(pr->o, pct[1]);
			break;
		}
	}
}

static void docs_quoted(struct out *o, const char *s)
{
	out_putc(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			out_printf(o, "\\%c", c);
		else if (c == '\n')
			out_puts(o, "\\n");
		else if (c == '\t')
			out_puts(o, "\\t");
		else if (c < 0x20 || c == 0x7f)
			out_printf(o, "\\x%02x", c);
		else
			out_putc(o, (char)c);
	}
	out_putc(o, '"');
}

void docs_value(struct out *o, const struct value *v)
{
	switch (v->kind) {
	case VAL_INT:
		out_printf(o, "%" PRId64, v->i);
		break;
	case VAL_BOOL:
		out_puts(o, v->i ? "true" : "false");
		break;
	case VAL_STRING:
		docs_quoted(o, v->s ? v->s : "");
		break;
	case VAL_NONE:
		break;
	}
}

static void docs_op(struct out *o, int op)
{
	if (op == EXPR_OP_SHL)
		out_puts(o, "<<");
	else if (op == EXPR_OP_SHR)
		out_puts(o, ">>");
	else
		out_putc(o, (char)op);
}

void docs_expr(struct out *o, const struct expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case EXPR_INT:
		out_printf(o, "%" PRId64, e->ival);
		break;
	case EXPR_BOOL:
		out_puts(o, e->ival ? "true" : "false");
		break;
	case EXPR_STRING:
		docs_quoted(o, e->sval ? e->sval : "");
		break;
	case EXPR_NAME:
		out_puts(o, e->sval ? e->sval : "?");
		break;
	case EXPR_UNARY:
		docs_op(o, e->op);
		docs_expr(o, e->lhs);
		break;
	case EXPR_BINARY:
		out_putc(o, '(');
		docs_expr(o, e->lhs);
		out_putc(o, ' ');
		docs_op(o, e->op);
		out_putc(o, ' ');
		docs_expr(o, e->rhs);
		out_putc(o, ')');
		break;
	}
}

void docs_attrs(struct out *o, const struct attr *attrs)
{
	bool first = true;

	for (const struct attr *a = attrs; a; a = a->next) {
		if (strcmp(a->name, "deprecated") == 0)
			continue;
		out_printf(o, "%s@%s", first ? "" : " ", a->name);
		first = false;
		if (a->arg) {
			out_putc(o, '(');
			docs_expr(o, a->arg);
			out_putc(o, ')');
		}
	}
}

const char *docs_deprecated(const struct attr *attrs)
{
	const struct attr *a = attr_find(attrs, "deprecated");

	if (!a)
		return NULL;
	if (a->arg && a->arg->kind == EXPR_STRING && a->arg->sval)
		return a->arg->sval;
	return "";
}

const char *docs_provider_status(const struct docs *d, const struct decl *iface,
				 const struct decl *comp)
{
	bool is_default = iface->u.iface.default_impl.decl == comp;

	if (!d->s->has_config)
		return is_default ? "default" : "";
	if (iface->u.iface.bound == comp)
		return is_default ? "bound (the default)" : "bound";
	if (comp->u.comp.is_selected)
		return is_default ? "selected (the default)" : "selected";
	return is_default ? "not selected (the default)" : "not selected";
}

const char *docs_iface_kind(const struct decl *iface)
{
	if (iface->u.iface.is_multi)
		return "multi";
	return iface->u.iface.is_optional ? "singleton, optional" : "singleton";
}

/* The prototype of the <iface>_<method> call that the bind headers declare. */
void docs_cproto(struct out *o, const struct method *m)
{
	const struct decl *iface = m->iface;

	ctype_ret_sep(o, m);
	if (iface)
		out_printf(o, "%s_", iface->name);
	out_printf(o, "%s(", m->name);
	if (iface && iface->u.iface.is_multi) {
		out_printf(o, "struct %s_dev *dev", iface->name);
		if (m->params)
			out_puts(o, ", ");
	}
	if (m->params || !iface || !iface->u.iface.is_multi)
		ctype_params(o, m, NULL, 0);
	out_puts(o, ");");
}

void docs_params(struct out *o, const struct method *m)
{
	idlparams_print(o, m);
}

void docs_signature(struct out *o, const struct decl *owner, const struct method *m)
{
	if (owner && owner->kind == D_SYSCALL)
		out_printf(o, "syscall %" PRId64 " %s", owner->u.sys.nr, m->name);
	else
		out_printf(o, "fn %s", m->name);
	docs_params(o, m);
	idlraises_print(o, m);
	out_putc(o, ';');
}

bool docs_is_fn_typedef(const struct decl *x)
{
	return x->kind == D_TYPEDEF && x->u.tdef.type->kind == TY_FN;
}

void docs_typedef_signature(struct out *o, const struct decl *x)
{
	out_printf(o, "typedef %s = ", x->name);
	idltype_print(o, x->u.tdef.type);
	out_putc(o, ';');
}


/* "--" may not appear inside an HTML comment, and a path could hold one. */
void docs_banner_html(struct out *o, const struct spec *s, const char *what)
{
	const char *b = banner_text(s, what);

	if (!strstr(b, "--") && !strchr(b, '\n')) {
		out_printf(o, "<!-- %s -->\n", b);
		return;
	}
	out_puts(o, "<!-- ");
	for (; *b; b++) {
		out_putc(o, *b == '\n' ? ' ' : *b);
		if (*b == '-' && b[1] == '-')
			out_putc(o, ' ');
	}
	out_puts(o, " -->\n");
}

/* ---- the layout ---- */

static int docs_commit(const struct docs *d, struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int docs_commit(const struct docs *d, struct out *o, const char *fmt, ...)
{
	char path[4096];
	size_t n = (size_t)snprintf(path, sizeof(path), "%s/", d->dir);
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = n < sizeof(path) ? vsnprintf(path + n, sizeof(path) - n, fmt, ap) : -1;
	va_end(ap);
	if (len < 0 || n + (size_t)len >= sizeof(path)) {
		out_free(o);
		return -ENAMETOOLONG;
	}
	return out_commit(o, path);
}

/* The scratch buffer only grows; start a new one now and then. */
static void docs_renew_scratch(struct docs *d)
{
	if (d->scratch && out_len(d->scratch) < (1u << 20))
		return;
	out_free(d->scratch);
	d->scratch = out_new();
}

static int docs_write_interfaces(struct docs *d, const struct docs_format *f)
{
	for (size_t i = 0; i < d->s->ninterfaces; i++) {
		const struct decl *iface = d->s->interfaces[i];
		struct out *o = out_new();
		int err;

		docs_renew_scratch(d);
		f->interface(d, o, iface);
		err = docs_commit(d, o, "%s/interfaces/%s.%s", f->subdir, iface->name, f->ext);
		if (err)
			return err;
	}
	return 0;
}

static int docs_write_components(struct docs *d, const struct docs_format *f)
{
	for (size_t i = 0; i < d->s->ncomponents; i++) {
		const struct decl *comp = d->s->components[i];
		struct out *o = out_new();
		int err;

		docs_renew_scratch(d);
		f->component(d, o, comp);
		err = docs_commit(d, o, "%s/components/%s.%s", f->subdir, comp->name, f->ext);
		if (err)
			return err;
	}
	return 0;
}

/* A page about the whole spec: index, syscalls, types, style. */
static int docs_write_page(struct docs *d, const struct docs_format *f,
			   void (*render)(const struct docs *, struct out *), const char *name,
			   const char *ext)
{
	struct out *o = out_new();

	docs_renew_scratch(d);
	render(d, o);
	return docs_commit(d, o, "%s/%s.%s", f->subdir, name, ext);
}

static int docs_write_format(struct docs *d, const struct docs_format *f)
{
	int err = docs_write_page(d, f, f->index, "index", f->ext);

	if (!err)
		err = docs_write_page(d, f, f->syscalls, "syscalls", f->ext);
	if (!err)
		err = docs_write_page(d, f, f->types, "types", f->ext);
	if (!err && f->style)
		err = docs_write_page(d, f, f->style, "style", "css");
	if (!err)
		err = docs_write_interfaces(d, f);
	if (!err)
		err = docs_write_components(d, f);
	return err;
}

int emit_docs(const struct spec *s, const char *dir)
{
	struct docs d = { .s = s, .dir = dir };
	int err = docs_map_files(&d);

	/* The graph goes first: the index embeds the SVG only if it exists. */
	if (!err)
		err = docs_graph(&d);
	if (!err)
		err = docs_write_format(&d, &docs_html);
	if (!err)
		err = docs_write_format(&d, &docs_md);
	free(d.files);
	out_free(d.scratch);
	return err;
}
