/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML pages of the documentation site (docs_html in docs.h): the index,
 * a page per interface and per component, the syscall reference, the shared
 * types and errors, and the style sheet. emit_docs.c names and writes them.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "ast.h"
#include "ctype.h"
#include "docs.h"
#include "emit.h"
#include "markdown.h"
#include "out.h"

#define HTML_DASH "&#8212;"

/* The page being printed. Links are relative, so the site can be moved. */
struct html {
	const struct docs *d;
	struct out *o;
	const char *rel; /* from this page to DIR/html/: "" or "../" */
	const struct source *types_src; /* the file whose types this page lists */
};

static void html_text(struct out *o, const char *s)
{
	if (s)
		markdown_escape_html(o, s, strlen(s));
	else
		out_puts(o, HTML_DASH);
}

static void html_code(struct out *o, const char *s)
{
	out_puts(o, "<code>");
	html_text(o, s);
	out_puts(o, "</code>");
}

/* printf with escaping; see docs_vprintf(). */
static void html_f(const struct html *h, const char *fmt, ...)
{
	struct docs_printer pr = { .o = h->o, .rel = h->rel, .text = html_text, .code = html_code };
	va_list ap;

	va_start(ap, fmt);
	docs_vprintf(&pr, fmt, ap);
	va_end(ap);
}

/* Escapes what a plain-text printer of docs.h wrote to the scratch buffer
 * since mark. */
static void html_plain(const struct html *h, size_t mark)
{
	const struct out *plain = h->d->scratch;

	markdown_escape_html(h->o, out_data(plain) + mark, out_len(plain) - mark);
}

static void html_value(const struct html *h, const struct value *v)
{
	size_t mark = out_len(h->d->scratch);

	if (v->kind != VAL_STRING) {
		docs_value(h->o, v);
		return;
	}
	docs_value(h->d->scratch, v);
	html_plain(h, mark);
}

static void html_summary(const struct html *h, const char *doc)
{
	struct md_span s = markdown_summary(doc);

	markdown_inline_html(h->o, s.p, s.len);
}

/* A doc comment in a table cell: inline Markdown, its lines run together. */
static void html_cell_doc(const struct html *h, const char *doc)
{
	if (doc)
		markdown_inline_html(h->o, doc, strlen(doc));
}

static void html_head(const struct html *h, const char *what, const char *title)
{
	docs_banner_html(h->o, h->d->s, what);
	html_f(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  "<title>%s &#8212; Tessera</title>\n"
		  "<link rel=\"stylesheet\" href=\"%Rstyle.css\">\n</head>\n<body>\n<nav>"
		  "<a href=\"%Rindex.html\">Tessera</a> &#183; "
		  "<a href=\"%Rindex.html#interfaces\">Interfaces</a> &#183; "
		  "<a href=\"%Rindex.html#components\">Components</a> &#183; "
		  "<a href=\"%Rsyscalls.html\">Syscalls</a> &#183; "
		  "<a href=\"%Rtypes.html\">Types and errors</a></nav>\n<main>\n",
	       title);
}

static void html_foot(const struct html *h)
{
	out_puts(h->o, "</main>\n</body>\n</html>\n");
}

/* A link to the page of an interface ("interfaces") or a component. */
static void html_link(const struct html *h, const char *dir, const struct decl *x)
{
	if (x)
		html_f(h, "<a href=\"%R%r/%s.html\">%c</a>", dir, x->name, x->name);
	else
		out_puts(h->o, HTML_DASH);
}

/* An IDL type with its named types linked to where they are documented. */
static void html_type(const struct html *h, const struct type *t)
{
	const struct decl *x = t->decl, *home;

	switch (t->kind) {
	case TY_PTR:
		out_puts(h->o, t->is_mut ? "*mut " : "*const ");
		html_type(h, t->elem);
		break;
	case TY_BUFFER:
		out_puts(h->o, "buffer&lt;");
		html_type(h, t->elem);
		out_puts(h->o, "&gt;");
		break;
	case TY_ARRAY:
		out_putc(h->o, '[');
		html_type(h, t->elem);
		html_f(h, "; %d]", t->len);
		break;
	case TY_NAMED:
		home = x ? docs_type_home(h->d, x) : NULL;
		if (!x || !docs_is_type(x))
			html_f(h, "%s", t->name);
		else if (h->types_src && x->src == h->types_src)
			html_f(h, "<a href=\"#t-%s\">%s</a>", x->name, t->name);
		else if (home)
			html_f(h, "<a href=\"%Rinterfaces/%s.html#t-%s\">%s</a>", home->name,
			       x->name, t->name);
		else
			html_f(h, "<a href=\"%Rtypes.html#t-%s\">%s</a>", x->name, t->name);
		break;
	default:
		idltype_print(h->o, t);
		break;
	}
}

static void html_deprecated(const struct html *h, const struct attr *attrs)
{
	const char *why = docs_deprecated(attrs);

	if (why)
		html_f(h, "<p class=\"deprecated\"><strong>Deprecated.</strong> %s</p>\n", why);
}

static void html_tags(const struct html *h, const struct attr *attrs)
{
	for (const struct attr *a = attrs; a; a = a->next) {
		struct attr single = *a;
		size_t mark = out_len(h->d->scratch);

		if (strcmp(a->name, "deprecated") == 0)
			continue; /* shown as a notice instead */
		single.next = NULL;
		docs_attrs(h->d->scratch, &single);
		out_puts(h->o, " <span class=\"tag\">");
		html_plain(h, mark);
		out_puts(h->o, "</span>");
	}
}

/* <h1>, deprecation notice and doc of a page's subject. */
static void html_title(const struct html *h, const char *what, const struct decl *x)
{
	html_f(h, "<h1>%r %c", what, x->name);
	html_tags(h, x->attrs);
	out_puts(h->o, "</h1>\n");
	html_deprecated(h, x->attrs);
	markdown_html(h->o, x->doc, 1);
}

/* ---- types ---- */

static void html_members(const struct html *h, const struct decl *x)
{
	out_puts(h->o, "<p>Values of type <code>");
	idltype_print(h->o, x->u.enm.base);
	out_puts(h->o, "</code>.</p>\n<table>\n<tr><th>Member</th><th>Value</th>"
		       "<th>Description</th></tr>\n");
	for (const struct member *m = x->u.enm.members; m; m = m->next) {
		html_f(h, "<tr><td>%c</td><td><code>", m->name);
		if (x->kind == D_FLAGS)
			out_printf(h->o, "0x%" PRIx64, (uint64_t)m->ival);
		else
			out_printf(h->o, "%" PRId64, m->ival);
		out_puts(h->o, "</code></td><td>");
		html_cell_doc(h, m->doc);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_fields(const struct html *h, const struct decl *x)
{
	out_puts(h->o, "<table>\n<tr><th>Field</th><th>Type</th><th>Description</th></tr>\n");
	for (const struct member *m = x->u.rec.fields; m; m = m->next) {
		html_f(h, "<tr><td>%c</td><td><code>", m->name);
		html_type(h, m->type);
		out_puts(h->o, "</code></td><td>");
		html_cell_doc(h, m->doc);
		html_tags(h, m->attrs);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_fn_typedef(const struct html *h, const struct decl *x);

static void html_type_body(const struct html *h, const struct decl *x)
{
	if (docs_is_fn_typedef(x)) {
		html_fn_typedef(h, x);
		return;
	}
	switch (x->kind) {
	case D_CONST:
		html_f(h, "<pre class=\"idl\">const %s: ", x->name);
		html_type(h, x->u.cnst.type);
		out_puts(h->o, " = ");
		html_value(h, &x->u.cnst.val);
		out_puts(h->o, ";</pre>\n");
		break;
	case D_TYPEDEF:
		out_puts(h->o, "<p>Another name for <code>");
		html_type(h, x->u.tdef.type);
		out_puts(h->o, "</code>.</p>\n");
		break;
	case D_ENUM:
	case D_FLAGS:
		html_members(h, x);
		break;
	case D_STRUCT:
	case D_UNION:
		html_fields(h, x);
		break;
	default:
		out_puts(h->o, "<p>An opaque kernel object, used through a pointer.</p>\n");
		break;
	}
}

static void html_types_of(const struct html *h, const struct source *src)
{
	for (const struct decl *x = src->decls; x; x = x->next) {
		if (!docs_is_type(x))
			continue;
		html_f(h, "<section class=\"type\" id=\"t-%s\">\n<h3>%c <span class=\"kind\">%r</span>",
		       x->name, x->name, decl_kind_name(x->kind));
		html_tags(h, x->attrs);
		out_puts(h->o, "</h3>\n");
		html_deprecated(h, x->attrs);
		markdown_html(h->o, x->doc, 3);
		html_type_body(h, x);
		out_puts(h->o, "</section>\n");
	}
}

/* ---- methods and syscalls ---- */

static void html_params(const struct html *h, const struct decl *multi, const struct method *m)
{
	if (!m->params && !multi)
		return;
	out_puts(h->o, "<table class=\"params\">\n<tr><th>Parameter</th><th>Direction</th>"
		       "<th>Type</th><th>Description</th></tr>\n");
	if (multi)
		html_f(h, "<tr><td><code>dev</code></td><td>" HTML_DASH "</td><td><code>struct "
			  "%s_dev *</code></td><td>The device the call is for (implicit, first in "
			  "C).</td></tr>\n", multi->name);
	for (const struct param *p = m->params; p; p = p->next) {
		const char *dir = direction_name(p->dir);

		html_f(h, "<tr><td>%c</td><td>%s</td><td><code>", p->name, *dir ? dir : NULL);
		html_type(h, p->type);
		out_puts(h->o, "</code></td><td>");
		html_cell_doc(h, p->doc);
		html_tags(h, p->attrs);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_returns(const struct html *h, const struct method *m)
{
	if (m->ret) {
		out_puts(h->o, "<p><strong>Returns</strong> <code>");
		html_type(h, m->ret);
		out_puts(h->o, m->has_raises ? "</code>: a value &gt;= 0, or a negative errno "
					     "from the table below.</p>\n"
					   : "</code>.</p>\n");
	} else if (m->has_raises) {
		out_puts(h->o, "<p><strong>Returns</strong> 0, or a negative errno from the table "
			       "below.</p>\n");
	}
}

static void html_errors(const struct html *h, const struct method *m)
{
	if (!m->raises)
		return;
	out_puts(h->o, "<table class=\"errors\">\n<tr><th>Error</th><th>Errno</th>"
		       "<th>Meaning</th></tr>\n");
	for (const struct ref *r = m->raises; r; r = r->next) {
		const struct decl *e = r->decl && r->decl->kind == D_ERROR ? r->decl : NULL;

		html_f(h, "<tr><td><a href=\"%Rtypes.html#e-%s\">%c</a></td><td>", r->name, r->name);
		if (e)
			html_f(h, "%d</td><td>", e->u.err.number);
		else
			out_puts(h->o, "?</td><td>");
		html_cell_doc(h, e ? e->doc : NULL);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

/* A function type's body: its IDL and C spellings, then its parameters,
 * result and errors as a method's. */
static void html_fn_typedef(const struct html *h, const struct decl *x)
{
	const struct method *fn = x->u.tdef.type->fn;
	size_t mark = out_len(h->d->scratch);

	docs_typedef_signature(h->d->scratch, x);
	out_puts(h->o, "<pre class=\"idl\">");
	html_plain(h, mark);
	out_puts(h->o, "</pre>\n");
	mark = out_len(h->d->scratch);
	ctype_typedef(h->d->scratch, x);
	out_puts(h->o, "<pre class=\"c\">");
	html_plain(h, mark);
	out_puts(h->o, "</pre>\n");
	html_params(h, NULL, fn);
	html_returns(h, fn);
	html_errors(h, fn);
}

/* A method's or syscall's section body: doc, IDL signature, C prototype
 * (methods only), parameters, result, errors. */
static void html_callable(const struct html *h, const struct decl *owner, const struct method *m)
{
	bool is_syscall = owner->kind == D_SYSCALL;
	const struct decl *multi = !is_syscall && owner->u.iface.is_multi ? owner : NULL;
	size_t mark = out_len(h->d->scratch);

	html_deprecated(h, m->attrs);
	markdown_html(h->o, m->doc, 3);
	docs_signature(h->d->scratch, owner, m);
	out_puts(h->o, "<pre class=\"idl\">");
	html_plain(h, mark);
	out_puts(h->o, "</pre>\n");
	if (!is_syscall) {
		mark = out_len(h->d->scratch);
		docs_cproto(h->d->scratch, m);
		out_puts(h->o, "<pre class=\"c\">");
		html_plain(h, mark);
		out_puts(h->o, "</pre>\n");
	}
	html_params(h, multi, m);
	html_returns(h, m);
	html_errors(h, m);
}

/* ---- interface pages ---- */

static void html_iface_facts(const struct html *h, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;

	html_f(h, "<table class=\"facts\">\n<tr><th>Kind</th><td>%s</td></tr>\n",
	       docs_iface_kind(iface));
	if (!in->is_multi) {
		out_puts(h->o, "<tr><th>Default implementation</th><td>");
		html_link(h, "components", in->default_impl.name ? in->default_impl.decl : NULL);
		out_puts(h->o, "</td></tr>\n");
	}
	if (h->d->s->has_config && !in->is_multi) {
		out_puts(h->o, "<tr><th>Bound implementation</th><td>");
		html_link(h, "components", in->bound);
		out_puts(h->o, "</td></tr>\n");
	}
	html_f(h, "<tr><th>Declared in</th><td>%c</td></tr>\n</table>\n",
	       iface->src ? iface->src->path : NULL);
}

static void html_methods(const struct html *h, const struct decl *iface)
{
	const struct method *m;

	out_puts(h->o, "<h2 id=\"methods\">Methods</h2>\n<table>\n"
		       "<tr><th>Method</th><th>Summary</th></tr>\n");
	for (m = iface->u.iface.methods; m; m = m->next) {
		html_f(h, "<tr><td><a href=\"#m-%s\">%c</a></td><td>", m->name, m->name);
		html_summary(h, m->doc);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
	for (m = iface->u.iface.methods; m; m = m->next) {
		html_f(h, "<section class=\"method\" id=\"m-%s\">\n<h3>%c", m->name, m->name);
		html_tags(h, m->attrs);
		out_puts(h->o, "</h3>\n");
		html_callable(h, iface, m);
		out_puts(h->o, "</section>\n");
	}
}

static void html_providers(const struct html *h, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;

	out_puts(h->o, "<h2 id=\"implementations\">Implementations</h2>\n");
	if (!in->nproviders) {
		out_puts(h->o, "<p>No component provides this interface.</p>\n");
		return;
	}
	out_puts(h->o, "<table>\n<tr><th>Component</th><th>Summary</th><th>Status</th></tr>\n");
	for (size_t i = 0; i < in->nproviders; i++) {
		const struct decl *c = in->providers[i];

		out_puts(h->o, "<tr><td>");
		html_link(h, "components", c);
		out_puts(h->o, "</td><td>");
		html_summary(h, c->doc);
		html_f(h, "</td><td>%r</td></tr>\n", docs_provider_status(h->d, iface, c));
	}
	out_puts(h->o, "</table>\n");
}

static void html_iface_types(const struct html *h, const struct decl *iface)
{
	const struct docs_file *f = docs_file_of(h->d, iface->src);

	if (!f || !f->ntypes)
		return;
	html_f(h, "<h2 id=\"types\">Types in %c</h2>\n", iface->src->path);
	if (h->types_src) {
		html_types_of(h, iface->src);
		return;
	}
	out_puts(h->o, "<p>They are listed with ");
	html_link(h, "interfaces", f->home);
	out_puts(h->o, ".</p>\n");
}

static void html_interface(const struct docs *d, struct out *o, const struct decl *iface)
{
	struct html h = { .d = d, .o = o, .rel = "../" };

	h.types_src = docs_shows_types(d, iface) ? iface->src : NULL;
	html_head(&h, iface->src ? iface->src->path : NULL, iface->name);
	html_title(&h, "Interface", iface);
	html_iface_facts(&h, iface);
	html_methods(&h, iface);
	html_providers(&h, iface);
	html_iface_types(&h, iface);
	html_foot(&h);
}

/* ---- component pages ---- */

static void html_comp_facts(const struct html *h, const struct decl *comp)
{
	const struct component_decl *c = &comp->u.comp;
	const char *selected = !h->d->s->has_config ? "no configuration given"
			       : c->is_selected	    ? "yes"
						    : "no";

	html_f(h, "<table class=\"facts\">\n<tr><th>Version</th><td>%s</td></tr>\n"
		  "<tr><th>License</th><td>%s</td></tr>\n<tr><th>Directory</th><td>%c</td></tr>\n"
		  "<tr><th>Kconfig symbol</th><td><code>CONFIG_%s</code></td></tr>\n"
		  "<tr><th>Selected</th><td>%r</td></tr>\n<tr><th>Init function</th><td>",
	       c->version, c->license, c->dir, c->kconfig, selected);
	if (c->init)
		html_f(h, "%c", c->init);
	else
		out_puts(h->o, "none");
	if (c->init_rank >= 0)
		html_f(h, " (step %d of %z in the init order)", (int64_t)c->init_rank + 1,
		       h->d->s->ninit);
	out_puts(h->o, "</td></tr>\n</table>\n");
}

static const struct binding *html_binding_of(const struct provide *p, const struct method *m)
{
	for (const struct binding *b = p->bindings; b; b = b->next)
		if (b->target == m)
			return b;
	return NULL;
}

static void html_provide(const struct html *h, const struct provide *p)
{
	const struct decl *iface = p->iface.decl;

	out_puts(h->o, "<h3>");
	html_link(h, "interfaces", iface);
	out_puts(h->o, "</h3>\n<table>\n<tr><th>Method</th><th>C function</th></tr>\n");
	for (const struct method *m = iface ? iface->u.iface.methods : NULL; m; m = m->next) {
		const struct binding *b = html_binding_of(p, m);

		html_f(h, "<tr><td><a href=\"%Rinterfaces/%s.html#m-%s\">%c</a></td><td>",
		       iface->name, m->name, m->name);
		if (b)
			html_f(h, "%c</td></tr>\n", b->cname);
		else
			out_puts(h->o, "not provided (optional method)</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_requires(const struct html *h, const struct decl *comp)
{
	bool cfg = h->d->s->has_config;

	html_f(h, "<h2 id=\"requires\">Requires</h2>\n<table>\n<tr><th>Interface</th>"
		  "<th>Optional</th>%r</tr>\n", cfg ? "<th>Provided by</th>" : "");
	for (const struct require *r = comp->u.comp.requires; r; r = r->next) {
		const struct decl *iface = r->iface.decl;

		out_puts(h->o, "<tr><td>");
		html_link(h, "interfaces", iface);
		html_f(h, "</td><td>%r</td>", r->is_optional ? "yes" : "no");
		if (cfg && iface && iface->u.iface.is_multi) {
			html_f(h, "<td><a href=\"%Rinterfaces/%s.html#implementations\">every "
				  "selected provider</a></td>", iface->name);
		} else if (cfg) {
			out_puts(h->o, "<td>");
			html_link(h, "components", iface ? iface->u.iface.bound : NULL);
			out_puts(h->o, "</td>");
		}
		out_puts(h->o, "</tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_comp_syscalls(const struct html *h, const struct decl *comp)
{
	out_puts(h->o, "<h2 id=\"syscalls\">Syscalls</h2>\n<table>\n<tr><th>Number</th>"
		       "<th>Syscall</th><th>C function</th></tr>\n");
	for (const struct syscall_impl *si = comp->u.comp.syscalls; si; si = si->next) {
		const struct decl *sys = si->syscall.decl;

		if (sys)
			html_f(h, "<tr><td>%d</td>", sys->u.sys.nr);
		else
			out_puts(h->o, "<tr><td>?</td>");
		html_f(h, "<td><a href=\"%Rsyscalls.html#sys-%s\">%c</a></td><td>%c</td></tr>\n",
		       si->syscall.name, si->syscall.name, si->cname);
	}
	out_puts(h->o, "</table>\n");
}

static void html_tunables(const struct html *h, const struct decl *comp)
{
	bool cfg = h->d->s->has_config;

	html_f(h, "<h2 id=\"tunables\">Tunables</h2>\n<table>\n<tr><th>Name</th><th>Type</th>"
		  "<th>Default</th><th>Range</th><th>Kconfig symbol</th>%r<th>Description</th>"
		  "</tr>\n", cfg ? "<th>Value</th>" : "");
	for (const struct tunable *t = comp->u.comp.tunables; t; t = t->next) {
		html_f(h, "<tr><td>%c</td><td><code>", t->name);
		html_type(h, t->type);
		out_puts(h->o, "</code></td><td><code>");
		html_value(h, &t->def_val);
		out_puts(h->o, "</code></td><td>");
		if (t->has_range)
			html_f(h, "%d .. %d", t->min_val, t->max_val);
		else
			out_puts(h->o, HTML_DASH);
		html_f(h, "</td><td><code>CONFIG_%s</code></td><td>", t->kconfig);
		if (cfg) {
			out_puts(h->o, "<code>");
			html_value(h, &t->cfg_val);
			out_puts(h->o, "</code></td><td>");
		}
		html_cell_doc(h, t->doc);
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_component(const struct docs *d, struct out *o, const struct decl *comp)
{
	const struct component_decl *c = &comp->u.comp;
	struct html h = { .d = d, .o = o, .rel = "../" };

	html_head(&h, comp->src ? comp->src->path : NULL, comp->name);
	html_title(&h, "Component", comp);
	html_comp_facts(&h, comp);
	if (c->provides)
		out_puts(o, "<h2 id=\"provides\">Provides</h2>\n");
	for (const struct provide *p = c->provides; p; p = p->next)
		html_provide(&h, p);
	if (c->requires)
		html_requires(&h, comp);
	if (c->syscalls)
		html_comp_syscalls(&h, comp);
	if (c->tunables)
		html_tunables(&h, comp);
	html_foot(&h);
}

/* ---- the syscall reference ---- */

static void html_syscall_row(const struct html *h, const struct decl *sys)
{
	const struct method *m = &sys->u.sys.sig;
	size_t mark = out_len(h->d->scratch);

	html_f(h, "<tr><td>%d</td><td><a href=\"#sys-%s\">%c</a></td><td><code>", sys->u.sys.nr,
	       sys->name, sys->name);
	docs_params(h->d->scratch, m);
	html_plain(h, mark);
	out_puts(h->o, "</code></td><td>");
	for (const struct ref *r = m->raises; r; r = r->next)
		html_f(h, "%r%c", r == m->raises ? "" : ", ", r->name);
	out_puts(h->o, "</td>");
	if (h->d->s->has_config) {
		out_puts(h->o, "<td>");
		html_link(h, "components", sys->u.sys.impl);
		out_puts(h->o, "</td>");
	}
	out_puts(h->o, "</tr>\n");
}

static void html_syscall(const struct html *h, const struct decl *sys)
{
	html_f(h, "<section class=\"syscall\" id=\"sys-%s\">\n<h3><span class=\"kind\">%d</span> %c",
	       sys->name, sys->u.sys.nr, sys->name);
	html_tags(h, sys->attrs);
	out_puts(h->o, "</h3>\n");
	html_callable(h, sys, &sys->u.sys.sig);
	if (h->d->s->has_config && sys->u.sys.impl) {
		out_puts(h->o, "<p>Implemented by ");
		html_link(h, "components", sys->u.sys.impl);
		html_f(h, " in %c.</p>\n", sys->u.sys.impl_cname);
	} else if (h->d->s->has_config) {
		out_puts(h->o, "<p>No selected component implements it.</p>\n");
	}
	out_puts(h->o, "</section>\n");
}

static void html_syscalls(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct html h = { .d = d, .o = o, .rel = "" };

	html_head(&h, NULL, "System calls");
	out_puts(o, "<h1>System calls</h1>\n");
	if (!s->nsyscalls)
		out_puts(o, "<p>The spec declares no system calls.</p>\n");
	else
		html_f(&h, "<table>\n<tr><th>Number</th><th>Name</th><th>Signature</th>"
			   "<th>Errors</th>%r</tr>\n", s->has_config ? "<th>Implemented by</th>" : "");
	for (size_t i = 0; i < s->nsyscalls; i++)
		html_syscall_row(&h, s->syscalls[i]);
	if (s->nsyscalls)
		out_puts(o, "</table>\n");
	for (size_t i = 0; i < s->nsyscalls; i++)
		html_syscall(&h, s->syscalls[i]);
	html_foot(&h);
}

/* ---- shared types and errors ---- */

/* Errors, and the types of files without an interface (the others are on
 * the interface pages). */
static void html_types(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct html h = { .d = d, .o = o, .rel = "" };

	html_head(&h, NULL, "Types and errors");
	out_puts(o, "<h1>Types and errors</h1>\n<h2 id=\"errors\">Errors</h2>\n<table>\n"
		    "<tr><th>Errno</th><th>Error</th><th>Meaning</th></tr>\n");
	for (size_t i = 0; i < s->nerrors; i++) {
		const struct decl *e = s->errors[i];

		html_f(&h, "<tr id=\"e-%s\"><td>%d</td><td>%c</td><td>", e->name, e->u.err.number,
		       e->name);
		html_cell_doc(&h, e->doc);
		out_puts(o, "</td></tr>\n");
	}
	out_puts(o, "</table>\n");
	for (const struct source *src = s->sources; src; src = src->next) {
		const struct docs_file *f = docs_file_of(d, src);

		if (!f || f->home || !f->ntypes)
			continue;
		html_f(&h, "<h2>Types in %c</h2>\n", src->path);
		html_types_of(&h, src);
	}
	html_foot(&h);
}

/* ---- the index ---- */

static void html_index_bound(const struct html *h, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;
	bool first = true;

	if (!in->is_multi) {
		html_link(h, "components", in->bound);
		return;
	}
	for (size_t i = 0; i < in->nproviders; i++) {
		if (!in->providers[i]->u.comp.is_selected)
			continue;
		out_puts(h->o, first ? "" : ", ");
		html_link(h, "components", in->providers[i]);
		first = false;
	}
	if (first)
		out_puts(h->o, HTML_DASH);
}

static void html_index_interfaces(const struct html *h)
{
	const struct spec *s = h->d->s;

	html_f(h, "<h2 id=\"interfaces\">Interfaces</h2>\n<table>\n<tr><th>Interface</th>"
		  "<th>Kind</th><th>Summary</th>%r</tr>\n",
	       s->has_config ? "<th>Bound / selected</th>" : "");
	for (size_t i = 0; i < s->ninterfaces; i++) {
		const struct decl *iface = s->interfaces[i];

		out_puts(h->o, "<tr><td>");
		html_link(h, "interfaces", iface);
		html_f(h, "</td><td>%r</td><td>", docs_iface_kind(iface));
		html_summary(h, iface->doc);
		if (s->has_config) {
			out_puts(h->o, "</td><td>");
			html_index_bound(h, iface);
		}
		out_puts(h->o, "</td></tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_index_components(const struct html *h)
{
	const struct spec *s = h->d->s;

	html_f(h, "<h2 id=\"components\">Components</h2>\n<table>\n<tr><th>Component</th>"
		  "<th>Summary</th><th>Kconfig symbol</th>%r</tr>\n",
	       s->has_config ? "<th>Selected</th>" : "");
	for (size_t i = 0; i < s->ncomponents; i++) {
		const struct decl *c = s->components[i];

		out_puts(h->o, "<tr><td>");
		html_link(h, "components", c);
		out_puts(h->o, "</td><td>");
		html_summary(h, c->doc);
		html_f(h, "</td><td><code>CONFIG_%s</code></td>", c->u.comp.kconfig);
		if (s->has_config)
			html_f(h, "<td>%r</td>", c->u.comp.is_selected ? "yes" : "no");
		out_puts(h->o, "</tr>\n");
	}
	out_puts(h->o, "</table>\n");
}

static void html_index(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct html h = { .d = d, .o = o, .rel = "" };

	html_head(&h, NULL, "Index");
	html_f(&h, "<h1>Tessera interfaces and components</h1>\n<p>%z interfaces, %z components, "
		   "%z <a href=\"syscalls.html\">system calls</a>; see also "
		   "<a href=\"types.html\">types and errors</a>. %r</p>\n",
	       s->ninterfaces, s->ncomponents, s->nsyscalls,
	       s->has_config ? "Bindings and selections follow the configuration idlc was given."
			     : "No configuration was given, so nothing is selected or bound.");
	html_index_interfaces(&h);
	html_index_components(&h);
	out_puts(o, "<h2 id=\"graph\">Component graph</h2>\n");
	if (d->has_svg)
		out_puts(o, "<object class=\"graph\" data=\"../components.svg\" "
			    "type=\"image/svg+xml\">The component graph.</object>\n");
	out_puts(o, "<p>Graphviz source: <a href=\"../components.dot\">components.dot</a>.</p>\n");
	html_foot(&h);
}

static void html_style(const struct docs *d, struct out *o)
{
	out_printf(o, "/* %s */\n", banner_text(d->s, NULL));
	out_puts(o,
		 "body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d1d1f; }\n"
		 "nav { padding: 0.6em 2em; background: #25344a; color: #9fb0c8; }\n"
		 "nav a { color: #e8eef7; text-decoration: none; }\n"
		 "main { max-width: 62em; margin: 0 auto; padding: 1em 2em 4em; }\n"
		 "h1, h2, h3 { line-height: 1.25; }\n"
		 "h3 code { font-size: 1em; font-weight: 600; }\n"
		 "h2 { margin-top: 2em; border-bottom: 1px solid #d8dde5; }\n"
		 "section { margin: 1.5em 0; padding-left: 1em; border-left: 3px solid #d8dde5; }\n"
		 "a { color: #1f5fae; }\n"
		 "code, pre { font: 0.9em/1.4 ui-monospace, monospace; }\n"
		 "pre { background: #f4f6f9; padding: 0.6em 0.8em; overflow-x: auto; }\n"
		 "pre.c { background: #f2f7f2; }\n"
		 "table { border-collapse: collapse; margin: 0.8em 0; }\n"
		 "th, td { border: 1px solid #d8dde5; padding: 0.25em 0.6em; text-align: left;"
		 " vertical-align: top; }\n"
		 "th { background: #f4f6f9; }\n"
		 "table.facts th { white-space: nowrap; }\n"
		 ".tag { font-size: 0.8em; background: #e8eef7; padding: 0.1em 0.4em;"
		 " border-radius: 3px; }\n"
		 ".kind { font-size: 0.8em; color: #5a6472; font-weight: normal; }\n"
		 ".deprecated { background: #fff4e0; padding: 0.4em 0.8em; }\n"
		 "object.graph { max-width: 100%; }\n");
}

const struct docs_format docs_html = {
	.subdir = "html",
	.ext = "html",
	.index = html_index,
	.interface = html_interface,
	.component = html_component,
	.syscalls = html_syscalls,
	.types = html_types,
	.style = html_style,
};
