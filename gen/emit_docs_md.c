/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Markdown twin of the HTML site (docs_md in docs.h): the same pages with
 * GitHub-flavoured tables and relative links between the .md files, for
 * reading in a repository browser. emit_docs.c names and writes them.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "ast.h"
#include "ctype.h"
#include "docs.h"
#include "markdown.h"
#include "out.h"

#define MD_DASH "\u2014"

/* The page being printed; as in emit_docs_html.c. */
struct mdp {
	const struct docs *d;
	struct out *o;
	const char *rel; /* from this page to DIR/md/: "" or "../" */
	const struct source *types_src; /* the file whose types this page lists */
};

/* Text that must stay on one table row: line breaks become spaces and '|'
 * is escaped. Harmless outside tables, so all plain text goes through it. */
static void md_text_n(struct out *o, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '|' && s[i] != '\n' && s[i] != '\r')
			continue;
		docs_write(o, s + run, i - run);
		out_puts(o, s[i] == '|' ? "\\|" : " ");
		run = i + 1;
	}
	docs_write(o, s + run, n - run);
}

static void md_text(struct out *o, const char *s)
{
	if (s)
		md_text_n(o, s, strlen(s));
	else
		out_puts(o, MD_DASH);
}

/* A code span; doubled backticks when the text holds one. */
static void md_code(struct out *o, const char *s)
{
	bool tick = s && strchr(s, '`');

	if (!s) {
		out_puts(o, MD_DASH);
		return;
	}
	out_puts(o, tick ? "`` " : "`");
	md_text(o, s);
	out_puts(o, tick ? " ``" : "`");
}

/* printf with escaping; see docs_vprintf(). */
static void md_f(const struct mdp *p, const char *fmt, ...)
{
	struct docs_printer pr = { .o = p->o, .rel = p->rel, .text = md_text, .code = md_code };
	va_list ap;

	va_start(ap, fmt);
	docs_vprintf(&pr, fmt, ap);
	va_end(ap);
}

/* Prints what a plain-text printer of docs.h wrote to the scratch buffer
 * since mark, as a code span or as it is. */
static void md_plain(const struct mdp *p, size_t mark, bool code)
{
	const char *text = out_data(p->d->scratch) + mark;

	if (code)
		md_code(p->o, text);
	else
		out_puts(p->o, text);
}

static void md_summary(const struct mdp *p, const char *doc)
{
	struct md_span s = markdown_summary(doc);

	md_text_n(p->o, s.p, s.len);
}

static void md_doc(const struct mdp *p, const char *doc, int heading_base)
{
	if (!doc)
		return;
	markdown_md(p->o, doc, heading_base);
	out_putc(p->o, '\n');
}

static void md_head(const struct mdp *p, const char *what)
{
	docs_banner_html(p->o, p->d->s, what);
	md_f(p, "\n[Tessera](%Rindex.md) · [Interfaces](%Rindex.md#interfaces) · "
		"[Components](%Rindex.md#components) · [Syscalls](%Rsyscalls.md) · "
		"[Types and errors](%Rtypes.md)\n\n");
}

static void md_link(const struct mdp *p, const char *dir, const struct decl *x)
{
	if (x)
		md_f(p, "[%c](%R%r/%r.md)", x->name, dir, x->name);
	else
		out_puts(p->o, MD_DASH);
}

/* IDL types hold no '|' or '`', so they go straight into a code span. */
static void md_type(const struct mdp *p, const struct type *t)
{
	out_putc(p->o, '`');
	idltype_print(p->o, t);
	out_putc(p->o, '`');
}

static void md_value(const struct mdp *p, const struct value *v)
{
	size_t mark = out_len(p->d->scratch);

	docs_value(p->d->scratch, v);
	md_plain(p, mark, true);
}

static void md_tags(const struct mdp *p, const struct attr *attrs)
{
	size_t mark = out_len(p->d->scratch);

	docs_attrs(p->d->scratch, attrs);
	if (out_len(p->d->scratch) == mark)
		return;
	out_putc(p->o, ' ');
	md_plain(p, mark, true);
}

/* The heading of a page's subject, its deprecation notice and its doc. */
static void md_title(const struct mdp *p, const char *what, const struct decl *x)
{
	const char *why = docs_deprecated(x->attrs);

	md_f(p, "# %r %c", what, x->name);
	md_tags(p, x->attrs);
	out_puts(p->o, "\n\n");
	if (why)
		md_f(p, "**Deprecated.** %s\n\n", why);
	md_doc(p, x->doc, 1);
}

/* An anchored heading, so links can use the same #ids as the HTML pages. */
static void md_anchor(const struct mdp *p, const char *prefix, const char *name)
{
	md_f(p, "<a id=\"%r%r\"></a>\n\n", prefix, name);
}

/* A doc comment in a table cell: nothing when undocumented. */
static void md_cell_doc(const struct mdp *p, const char *doc)
{
	if (doc)
		md_text(p->o, doc);
}

/* ---- types ---- */

static void md_members(const struct mdp *p, const struct decl *x)
{
	out_puts(p->o, "Values of type ");
	md_type(p, x->u.enm.base);
	out_puts(p->o, ".\n\n| Member | Value | Description |\n|---|---|---|\n");
	for (const struct member *m = x->u.enm.members; m; m = m->next) {
		md_f(p, "| %c | `", m->name);
		if (x->kind == D_FLAGS)
			out_printf(p->o, "0x%" PRIx64, (uint64_t)m->ival);
		else
			out_printf(p->o, "%" PRId64, m->ival);
		out_puts(p->o, "` | ");
		md_cell_doc(p, m->doc);
		out_puts(p->o, " |\n");
	}
}

static void md_fields(const struct mdp *p, const struct decl *x)
{
	out_puts(p->o, "| Field | Type | Description |\n|---|---|---|\n");
	for (const struct member *m = x->u.rec.fields; m; m = m->next) {
		md_f(p, "| %c | ", m->name);
		md_type(p, m->type);
		out_puts(p->o, " | ");
		md_cell_doc(p, m->doc);
		md_tags(p, m->attrs);
		out_puts(p->o, " |\n");
	}
}

static void md_fn_typedef(const struct mdp *p, const struct decl *x);

static void md_type_body(const struct mdp *p, const struct decl *x)
{
	if (docs_is_fn_typedef(x)) {
		md_fn_typedef(p, x);
		return;
	}
	switch (x->kind) {
	case D_CONST:
		out_printf(p->o, "```idl\nconst %s: ", x->name);
		idltype_print(p->o, x->u.cnst.type);
		out_puts(p->o, " = ");
		docs_value(p->o, &x->u.cnst.val);
		out_puts(p->o, ";\n```\n");
		break;
	case D_TYPEDEF:
		out_puts(p->o, "Another name for ");
		md_type(p, x->u.tdef.type);
		out_puts(p->o, ".\n");
		break;
	case D_ENUM:
	case D_FLAGS:
		md_members(p, x);
		break;
	case D_STRUCT:
	case D_UNION:
		md_fields(p, x);
		break;
	default:
		out_puts(p->o, "An opaque kernel object, used through a pointer.\n");
		break;
	}
	out_putc(p->o, '\n');
}

static void md_types_of(const struct mdp *p, const struct source *src)
{
	for (const struct decl *x = src->decls; x; x = x->next) {
		const char *why = docs_deprecated(x->attrs);

		if (!docs_is_type(x))
			continue;
		md_anchor(p, "t-", x->name);
		md_f(p, "### %c (%r)", x->name, decl_kind_name(x->kind));
		md_tags(p, x->attrs);
		out_puts(p->o, "\n\n");
		if (why)
			md_f(p, "**Deprecated.** %s\n\n", why);
		md_doc(p, x->doc, 3);
		md_type_body(p, x);
	}
}

/* ---- methods and syscalls ---- */

static void md_params(const struct mdp *p, const struct decl *multi, const struct method *m)
{
	if (!m->params && !multi)
		return;
	out_puts(p->o, "| Parameter | Direction | Type | Description |\n|---|---|---|---|\n");
	if (multi)
		md_f(p, "| `dev` | " MD_DASH " | `struct %s_dev *` | The device the call is for "
			"(implicit, first in C). |\n", multi->name);
	for (const struct param *q = m->params; q; q = q->next) {
		const char *dir = direction_name(q->dir);

		md_f(p, "| %c | %s | ", q->name, *dir ? dir : NULL);
		md_type(p, q->type);
		out_puts(p->o, " | ");
		md_cell_doc(p, q->doc);
		md_tags(p, q->attrs);
		out_puts(p->o, " |\n");
	}
	out_putc(p->o, '\n');
}

static void md_returns(const struct mdp *p, const struct method *m)
{
	if (m->ret) {
		out_puts(p->o, "**Returns** ");
		md_type(p, m->ret);
		out_puts(p->o, m->has_raises ? ": a value >= 0, or a negative errno from the table "
					     "below.\n\n"
					   : ".\n\n");
	} else if (m->has_raises) {
		out_puts(p->o, "**Returns** 0, or a negative errno from the table below.\n\n");
	}
}

static void md_errors(const struct mdp *p, const struct method *m)
{
	if (!m->raises)
		return;
	out_puts(p->o, "| Error | Errno | Meaning |\n|---|---|---|\n");
	for (const struct ref *r = m->raises; r; r = r->next) {
		const struct decl *e = r->decl && r->decl->kind == D_ERROR ? r->decl : NULL;

		md_f(p, "| [%c](%Rtypes.md#e-%r) | ", r->name, r->name);
		if (e)
			md_f(p, "%d | ", e->u.err.number);
		else
			out_puts(p->o, "? | ");
		md_cell_doc(p, e ? e->doc : NULL);
		out_puts(p->o, " |\n");
	}
	out_putc(p->o, '\n');
}

/* As html_fn_typedef(). */
static void md_fn_typedef(const struct mdp *p, const struct decl *x)
{
	const struct method *fn = x->u.tdef.type->fn;

	out_puts(p->o, "```idl\n");
	docs_typedef_signature(p->o, x);
	out_puts(p->o, "\n```\n\n```c\n");
	ctype_typedef(p->o, x);
	out_puts(p->o, "\n```\n\n");
	md_params(p, NULL, fn);
	md_returns(p, fn);
	md_errors(p, fn);
}

static void md_callable(const struct mdp *p, const struct decl *owner, const struct method *m)
{
	bool is_syscall = owner->kind == D_SYSCALL;
	const struct decl *multi = !is_syscall && owner->u.iface.is_multi ? owner : NULL;
	const char *why = docs_deprecated(m->attrs);

	if (why)
		md_f(p, "**Deprecated.** %s\n\n", why);
	md_doc(p, m->doc, 3);
	out_puts(p->o, "```idl\n");
	docs_signature(p->o, owner, m);
	out_puts(p->o, "\n```\n\n");
	if (!is_syscall) {
		out_puts(p->o, "```c\n");
		docs_cproto(p->o, m);
		out_puts(p->o, "\n```\n\n");
	}
	md_params(p, multi, m);
	md_returns(p, m);
	md_errors(p, m);
}

/* ---- interface pages ---- */

static void md_iface_facts(const struct mdp *p, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;

	md_f(p, "| Property | Value |\n|---|---|\n| Kind | %r |\n", docs_iface_kind(iface));
	if (!in->is_multi) {
		out_puts(p->o, "| Default implementation | ");
		md_link(p, "components", in->default_impl.name ? in->default_impl.decl : NULL);
		out_puts(p->o, " |\n");
	}
	if (p->d->s->has_config && !in->is_multi) {
		out_puts(p->o, "| Bound implementation | ");
		md_link(p, "components", in->bound);
		out_puts(p->o, " |\n");
	}
	md_f(p, "| Declared in | %c |\n\n", iface->src ? iface->src->path : NULL);
}

static void md_methods(const struct mdp *p, const struct decl *iface)
{
	const struct method *m;

	out_puts(p->o, "## Methods\n\n| Method | Summary |\n|---|---|\n");
	for (m = iface->u.iface.methods; m; m = m->next) {
		md_f(p, "| [%c](#m-%r) | ", m->name, m->name);
		md_summary(p, m->doc);
		out_puts(p->o, " |\n");
	}
	out_putc(p->o, '\n');
	for (m = iface->u.iface.methods; m; m = m->next) {
		md_anchor(p, "m-", m->name);
		md_f(p, "### %c", m->name);
		md_tags(p, m->attrs);
		out_puts(p->o, "\n\n");
		md_callable(p, iface, m);
	}
}

static void md_providers(const struct mdp *p, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;

	md_anchor(p, "", "implementations");
	out_puts(p->o, "## Implementations\n\n");
	if (!in->nproviders) {
		out_puts(p->o, "No component provides this interface.\n\n");
		return;
	}
	out_puts(p->o, "| Component | Summary | Status |\n|---|---|---|\n");
	for (size_t i = 0; i < in->nproviders; i++) {
		const struct decl *c = in->providers[i];

		out_puts(p->o, "| ");
		md_link(p, "components", c);
		out_puts(p->o, " | ");
		md_summary(p, c->doc);
		md_f(p, " | %r |\n", docs_provider_status(p->d, iface, c));
	}
	out_putc(p->o, '\n');
}

static void md_interface(const struct docs *d, struct out *o, const struct decl *iface)
{
	struct mdp p = { .d = d, .o = o, .rel = "../" };
	const struct docs_file *f = docs_file_of(d, iface->src);

	p.types_src = docs_shows_types(d, iface) ? iface->src : NULL;
	md_head(&p, iface->src ? iface->src->path : NULL);
	md_title(&p, "Interface", iface);
	md_iface_facts(&p, iface);
	md_methods(&p, iface);
	md_providers(&p, iface);
	if (!f || !f->ntypes)
		return;
	md_f(&p, "## Types in %c\n\n", iface->src->path);
	if (p.types_src) {
		md_types_of(&p, iface->src);
		return;
	}
	out_puts(o, "They are listed with ");
	md_link(&p, "interfaces", f->home);
	out_puts(o, ".\n");
}

/* ---- component pages ---- */

static void md_comp_facts(const struct mdp *p, const struct decl *comp)
{
	const struct component_decl *c = &comp->u.comp;
	const char *selected = !p->d->s->has_config ? "no configuration given"
			       : c->is_selected	    ? "yes"
						    : "no";

	md_f(p, "| Property | Value |\n|---|---|\n| Version | %s |\n| License | %s |\n"
		"| Directory | %c |\n| Kconfig symbol | `CONFIG_%s` |\n| Selected | %r |\n"
		"| Init function | ",
	     c->version, c->license, c->dir, c->kconfig, selected);
	if (c->init)
		md_code(p->o, c->init);
	else
		out_puts(p->o, "none");
	if (c->init_rank >= 0)
		md_f(p, " (step %d of %z in the init order)", (int64_t)c->init_rank + 1,
		     p->d->s->ninit);
	out_puts(p->o, " |\n\n");
}

static void md_provide(const struct mdp *p, const struct provide *pr)
{
	const struct decl *iface = pr->iface.decl;

	out_puts(p->o, "### ");
	md_link(p, "interfaces", iface);
	out_puts(p->o, "\n\n| Method | C function |\n|---|---|\n");
	for (const struct method *m = iface ? iface->u.iface.methods : NULL; m; m = m->next) {
		const struct binding *b = pr->bindings;

		while (b && b->target != m)
			b = b->next;
		md_f(p, "| [%c](%Rinterfaces/%r.md#m-%r) | ", m->name, iface->name, m->name);
		if (b)
			md_f(p, "%c |\n", b->cname);
		else
			out_puts(p->o, "not provided (optional method) |\n");
	}
	out_putc(p->o, '\n');
}

static void md_requires(const struct mdp *p, const struct decl *comp)
{
	bool cfg = p->d->s->has_config;

	md_f(p, "## Requires\n\n| Interface | Optional |%r\n|---|---|%r\n",
	     cfg ? " Provided by |" : "", cfg ? "---|" : "");
	for (const struct require *r = comp->u.comp.requires; r; r = r->next) {
		const struct decl *iface = r->iface.decl;

		out_puts(p->o, "| ");
		md_link(p, "interfaces", iface);
		md_f(p, " | %r |", r->is_optional ? "yes" : "no");
		if (cfg && iface && iface->u.iface.is_multi) {
			md_f(p, " [every selected provider](%Rinterfaces/%r.md#implementations) |",
			     iface->name);
		} else if (cfg) {
			out_putc(p->o, ' ');
			md_link(p, "components", iface ? iface->u.iface.bound : NULL);
			out_puts(p->o, " |");
		}
		out_putc(p->o, '\n');
	}
	out_putc(p->o, '\n');
}

static void md_comp_syscalls(const struct mdp *p, const struct decl *comp)
{
	out_puts(p->o, "## Syscalls\n\n| Number | Syscall | C function |\n|---|---|---|\n");
	for (const struct syscall_impl *si = comp->u.comp.syscalls; si; si = si->next) {
		const struct decl *sys = si->syscall.decl;

		if (sys)
			md_f(p, "| %d ", sys->u.sys.nr);
		else
			out_puts(p->o, "| ? ");
		md_f(p, "| [%c](%Rsyscalls.md#sys-%r) | %c |\n", si->syscall.name, si->syscall.name,
		     si->cname);
	}
	out_putc(p->o, '\n');
}

static void md_tunables(const struct mdp *p, const struct decl *comp)
{
	bool cfg = p->d->s->has_config;

	md_f(p, "## Tunables\n\n| Name | Type | Default | Range | Kconfig symbol |%r Description |\n"
		"|---|---|---|---|---|%r---|\n", cfg ? " Value |" : "", cfg ? "---|" : "");
	for (const struct tunable *t = comp->u.comp.tunables; t; t = t->next) {
		md_f(p, "| %c | ", t->name);
		md_type(p, t->type);
		out_puts(p->o, " | ");
		md_value(p, &t->def_val);
		if (t->has_range)
			md_f(p, " | %d .. %d", t->min_val, t->max_val);
		else
			out_puts(p->o, " | " MD_DASH);
		md_f(p, " | `CONFIG_%s` | ", t->kconfig);
		if (cfg) {
			md_value(p, &t->cfg_val);
			out_puts(p->o, " | ");
		}
		md_cell_doc(p, t->doc);
		out_puts(p->o, " |\n");
	}
	out_putc(p->o, '\n');
}

static void md_component(const struct docs *d, struct out *o, const struct decl *comp)
{
	const struct component_decl *c = &comp->u.comp;
	struct mdp p = { .d = d, .o = o, .rel = "../" };

	md_head(&p, comp->src ? comp->src->path : NULL);
	md_title(&p, "Component", comp);
	md_comp_facts(&p, comp);
	if (c->provides)
		out_puts(o, "## Provides\n\n");
	for (const struct provide *pr = c->provides; pr; pr = pr->next)
		md_provide(&p, pr);
	if (c->requires)
		md_requires(&p, comp);
	if (c->syscalls)
		md_comp_syscalls(&p, comp);
	if (c->tunables)
		md_tunables(&p, comp);
}

/* ---- the syscall reference ---- */

static void md_syscall_row(const struct mdp *p, const struct decl *sys)
{
	const struct method *m = &sys->u.sys.sig;

	md_f(p, "| %d | [%c](#sys-%r) | `", sys->u.sys.nr, sys->name, sys->name);
	docs_params(p->o, m);
	out_putc(p->o, '`');
	out_puts(p->o, " | ");
	for (const struct ref *r = m->raises; r; r = r->next)
		md_f(p, "%r%c", r == m->raises ? "" : ", ", r->name);
	if (p->d->s->has_config) {
		out_puts(p->o, " | ");
		md_link(p, "components", sys->u.sys.impl);
	}
	out_puts(p->o, " |\n");
}

static void md_syscall(const struct mdp *p, const struct decl *sys)
{
	md_anchor(p, "sys-", sys->name);
	md_f(p, "### %d %c", sys->u.sys.nr, sys->name);
	md_tags(p, sys->attrs);
	out_puts(p->o, "\n\n");
	md_callable(p, sys, &sys->u.sys.sig);
	if (p->d->s->has_config && sys->u.sys.impl) {
		out_puts(p->o, "Implemented by ");
		md_link(p, "components", sys->u.sys.impl);
		md_f(p, " in %c.\n\n", sys->u.sys.impl_cname);
	} else if (p->d->s->has_config) {
		out_puts(p->o, "No selected component implements it.\n\n");
	}
}

static void md_syscalls(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct mdp p = { .d = d, .o = o, .rel = "" };

	md_head(&p, NULL);
	out_puts(o, "# System calls\n\n");
	if (!s->nsyscalls)
		out_puts(o, "The spec declares no system calls.\n");
	else
		md_f(&p, "| Number | Name | Signature | Errors |%r\n|---|---|---|---|%r\n",
		     s->has_config ? " Implemented by |" : "", s->has_config ? "---|" : "");
	for (size_t i = 0; i < s->nsyscalls; i++)
		md_syscall_row(&p, s->syscalls[i]);
	out_putc(o, '\n');
	for (size_t i = 0; i < s->nsyscalls; i++)
		md_syscall(&p, s->syscalls[i]);
}

/* ---- shared types and errors ---- */

static void md_types(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct mdp p = { .d = d, .o = o, .rel = "" };

	md_head(&p, NULL);
	out_puts(o, "# Types and errors\n\n<a id=\"errors\"></a>\n\n## Errors\n\n"
		    "| Errno | Error | Meaning |\n|---|---|---|\n");
	for (size_t i = 0; i < s->nerrors; i++) {
		const struct decl *e = s->errors[i];

		md_f(&p, "| %d | <a id=\"e-%r\"></a>%c | ", e->u.err.number, e->name, e->name);
		md_cell_doc(&p, e->doc);
		out_puts(o, " |\n");
	}
	out_putc(o, '\n');
	for (const struct source *src = s->sources; src; src = src->next) {
		const struct docs_file *f = docs_file_of(d, src);

		if (!f || f->home || !f->ntypes)
			continue;
		md_f(&p, "## Types in %c\n\n", src->path);
		md_types_of(&p, src);
	}
}

/* ---- the index ---- */

static void md_index_bound(const struct mdp *p, const struct decl *iface)
{
	const struct interface_decl *in = &iface->u.iface;
	bool first = true;

	if (!in->is_multi) {
		md_link(p, "components", in->bound);
		return;
	}
	for (size_t i = 0; i < in->nproviders; i++) {
		if (!in->providers[i]->u.comp.is_selected)
			continue;
		out_puts(p->o, first ? "" : ", ");
		md_link(p, "components", in->providers[i]);
		first = false;
	}
	if (first)
		out_puts(p->o, MD_DASH);
}

static void md_index_tables(const struct mdp *p)
{
	const struct spec *s = p->d->s;
	bool cfg = s->has_config;

	md_f(p, "## Interfaces\n\n| Interface | Kind | Summary |%r\n|---|---|---|%r\n",
	     cfg ? " Bound / selected |" : "", cfg ? "---|" : "");
	for (size_t i = 0; i < s->ninterfaces; i++) {
		out_puts(p->o, "| ");
		md_link(p, "interfaces", s->interfaces[i]);
		md_f(p, " | %r | ", docs_iface_kind(s->interfaces[i]));
		md_summary(p, s->interfaces[i]->doc);
		out_puts(p->o, cfg ? " | " : "");
		if (cfg)
			md_index_bound(p, s->interfaces[i]);
		out_puts(p->o, " |\n");
	}
	md_f(p, "\n## Components\n\n| Component | Summary | Kconfig symbol |%r\n|---|---|---|%r\n",
	     cfg ? " Selected |" : "", cfg ? "---|" : "");
	for (size_t i = 0; i < s->ncomponents; i++) {
		const struct decl *c = s->components[i];

		out_puts(p->o, "| ");
		md_link(p, "components", c);
		out_puts(p->o, " | ");
		md_summary(p, c->doc);
		md_f(p, " | `CONFIG_%s` |", c->u.comp.kconfig);
		if (cfg)
			md_f(p, " %r |", c->u.comp.is_selected ? "yes" : "no");
		out_putc(p->o, '\n');
	}
}

static void md_index(const struct docs *d, struct out *o)
{
	const struct spec *s = d->s;
	struct mdp p = { .d = d, .o = o, .rel = "" };

	md_head(&p, NULL);
	md_f(&p, "# Tessera interfaces and components\n\n%z interfaces, %z components, %z "
		 "[system calls](syscalls.md); see also [types and errors](types.md). %r\n\n",
	     s->ninterfaces, s->ncomponents, s->nsyscalls,
	     s->has_config ? "Bindings and selections follow the configuration idlc was given."
			   : "No configuration was given, so nothing is selected or bound.");
	md_index_tables(&p);
	out_puts(o, "\n## Component graph\n\n");
	if (d->has_svg)
		out_puts(o, "![The component graph](../components.svg)\n\n");
	out_puts(o, "Graphviz source: [components.dot](../components.dot).\n");
}

const struct docs_format docs_md = {
	.subdir = "md",
	.ext = "md",
	.index = md_index,
	.interface = md_interface,
	.component = md_component,
	.syscalls = md_syscalls,
	.types = md_types,
	.style = NULL,
};
