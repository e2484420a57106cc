/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `idlc --kconfig FILE`: the Kconfig fragment the top-level Kconfig sources.
 * One menu per interface: a choice of implementations for a singleton, one
 * bool per implementation for a multi, then the implementations' tunables.
 * Called from main.c; prints the checked model and decides nothing.
 */
#include "emit.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "out.h"

/* What every menu printer needs. */
struct kc {
	struct out *o;
	const struct spec *s;
	size_t *scc; /* strongly connected component of each graph node */
};

/* ---- small printers ---- */

/* A Kconfig string's body: `"` and `\` escaped. Kconfig strings cannot hold
 * a line break, so control characters become spaces. */
static void kc_string(struct out *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			out_printf(o, "\\%c", *p);
		else
			out_putc(o, *p < 0x20 ? ' ' : (char)*p);
	}
}

/* A prompt's summary: the doc's first sentence without its full stop. */
static void kc_summary(struct out *o, const struct spec *s, const char *doc)
{
	const char *sum = doc_summary(s->arena, doc);
	size_t n = strlen(sum);

	if (n && sum[n - 1] == '.')
		n--;
	kc_string(o, arena_strndup(s->arena, sum, n));
}

/* `<name>: <summary>` as a quoted prompt (just the name without a doc). */
static void kc_prompt(struct out *o, const struct spec *s, const char *name, const char *doc)
{
	out_putc(o, '"');
	kc_string(o, name);
	if (doc && doc[0]) {
		out_puts(o, ": ");
		kc_summary(o, s, doc);
	}
	out_puts(o, "\"\n");
}

/* The interface's hidden symbol: IF_<NAME>. */
static void kc_if_symbol(struct out *o, const char *iface)
{
	out_puts(o, "IF_");
	for (const char *p = iface; *p; p++)
		out_putc(o, (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p);
}

/* Help lines are the doc's lines as written, indented; empty stay empty. */
static void kc_help_lines(struct out *o, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n)
			out_printf(o, "\t  %.*s", (int)n, p);
		out_putc(o, '\n');
		p += n;
		if (*p == '\n')
			p++;
	}
}

static bool kc_has_text(const char *doc)
{
	return doc && doc[0];
}

/* The menu a component is listed in: the singleton it provides (at most one,
 * the checker guarantees), else the first interface it provides by name. */
static const struct decl *kc_home(const struct decl *comp)
{
	const struct decl *home = NULL;

	for (const struct provide *p = comp->u.comp.provides; p; p = p->next) {
		const struct decl *iface = p->iface.decl;

		if (!iface)
			continue;
		if (!iface->u.iface.is_multi)
			return iface;
		if (!home || strcmp(iface->name, home->name) < 0)
			home = iface;
	}
	return home;
}

/* ---- Kconfig's dependency graph ---- */

/*
 * Kconfig rejects circular dependencies ("recursive dependency detected")
 * and counts a choice as one node holding all its members' dependencies.
 * With `depends on IF_<X>` and `select IF_<X>`, any cycle of interfaces
 * through alternatives (console_vga requires pmm, pmm_buddy requires
 * console) is one, although a configuration avoiding it (console_serial)
 * wires fine. A requirement whose symbol lies on such a cycle is therefore
 * not written as `depends on`; idlc checks it on the configuration instead.
 *
 * Nodes: IF_<iface> per interface, one per singleton's choice, one per
 * component outside a choice. Edges: IF_<X> -> (the node of) each provider
 * (select), a component's node -> IF_<R> per required R (depends on).
 */
struct kc_graph {
	size_t n;
	size_t *first; /* edges of node v: to[first[v] .. first[v + 1]) */
	size_t *to;
};

static void *kc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		abort();
	return p;
}

static int kc_cmp_name(const void *key, const void *elem)
{
	return strcmp(key, (*(struct decl *const *)elem)->name);
}

/* Index of d in a name-sorted array. */
static size_t kc_index(struct decl *const *v, size_t n, const struct decl *d)
{
	struct decl *const *hit = bsearch(d->name, v, n, sizeof(*v), kc_cmp_name);

	return hit ? (size_t)(hit - v) : 0;
}

/* The node a component's dependencies hang off: its choice, or its own. */
static size_t kc_comp_node(const struct spec *s, const struct decl *comp)
{
	const struct decl *home = kc_home(comp);

	if (home && !home->u.iface.is_multi)
		return s->ninterfaces + kc_index(s->interfaces, s->ninterfaces, home);
	return 2 * s->ninterfaces + kc_index(s->components, s->ncomponents, comp);
}

/* Calls add(g, from, to) for every edge; used once to count, once to fill. */
static void kc_edges(const struct spec *s, struct kc_graph *g, void (*add)(struct kc_graph *, size_t, size_t))
{
	for (size_t i = 0; i < s->ninterfaces; i++) {
		const struct interface_decl *in = &s->interfaces[i]->u.iface;

		for (size_t j = 0; j < in->nproviders; j++)
			add(g, i, kc_comp_node(s, in->providers[j]));
	}
	for (size_t i = 0; i < s->ncomponents; i++) {
		const struct decl *comp = s->components[i];

		for (const struct require *r = comp->u.comp.requires; r; r = r->next)
			if (!r->is_optional && r->iface.decl)
				add(g, kc_comp_node(s, comp), kc_index(s->interfaces, s->ninterfaces, r->iface.decl));
	}
}

static void kc_edge_count(struct kc_graph *g, size_t from, size_t to)
{
	(void)to;
	g->first[from + 1]++;
}

/* first[v] is the next free slot of v while filling. */
static void kc_edge_fill(struct kc_graph *g, size_t from, size_t to)
{
	g->to[g->first[from]++] = to;
}

static void kc_graph_build(const struct spec *s, struct kc_graph *g)
{
	g->n = 2 * s->ninterfaces + s->ncomponents;
	g->first = kc_xcalloc(g->n + 1, sizeof(*g->first));
	kc_edges(s, g, kc_edge_count);
	for (size_t v = 0; v < g->n; v++)
		g->first[v + 1] += g->first[v];
	g->to = kc_xcalloc(g->first[g->n], sizeof(*g->to));
	kc_edges(s, g, kc_edge_fill);
	/* Filling advanced each first[v] to first[v + 1]: shift back. */
	memmove(g->first + 1, g->first, g->n * sizeof(*g->first));
	g->first[0] = 0;
}

/* Tarjan's algorithm without recursion (10,000 interfaces would overflow
 * the stack). scc[v] gets the component id of v. */
struct kc_tarjan {
	const struct kc_graph *g;
	size_t *index, *low, *edge, *stack, *calls, *scc;
	bool *on_stack;
	size_t next_index, nstack, ncalls, nscc;
};

static void kc_tarjan_enter(struct kc_tarjan *t, size_t v)
{
	t->index[v] = t->low[v] = ++t->next_index;
	t->edge[v] = t->g->first[v];
	t->stack[t->nstack++] = v;
	t->on_stack[v] = true;
	t->calls[t->ncalls++] = v;
}

static void kc_tarjan_leave(struct kc_tarjan *t, size_t v)
{
	t->ncalls--;
	if (t->ncalls) {
		size_t parent = t->calls[t->ncalls - 1];

		if (t->low[v] < t->low[parent])
			t->low[parent] = t->low[v];
	}
	if (t->low[v] != t->index[v])
		return;
	size_t w;
	do {
		w = t->stack[--t->nstack];
		t->on_stack[w] = false;
		t->scc[w] = t->nscc;
	} while (w != v);
	t->nscc++;
}

static void kc_tarjan_from(struct kc_tarjan *t, size_t root)
{
	kc_tarjan_enter(t, root);
	while (t->ncalls) {
		size_t v = t->calls[t->ncalls - 1];

		if (t->edge[v] == t->g->first[v + 1]) {
			kc_tarjan_leave(t, v);
			continue;
		}
		size_t w = t->g->to[t->edge[v]++];

		if (!t->index[w])
			kc_tarjan_enter(t, w);
		else if (t->on_stack[w] && t->index[w] < t->low[v])
			t->low[v] = t->index[w];
	}
}

/* The strongly connected component of every node; the caller frees it. */
static size_t *kc_graph_scc(const struct kc_graph *g)
{
	size_t n = g->n;
	struct kc_tarjan t = {
		.g = g,
		.index = kc_xcalloc(n, sizeof(size_t)),
		.low = kc_xcalloc(n, sizeof(size_t)),
		.edge = kc_xcalloc(n, sizeof(size_t)),
		.stack = kc_xcalloc(n, sizeof(size_t)),
		.calls = kc_xcalloc(n, sizeof(size_t)),
		.scc = kc_xcalloc(n, sizeof(size_t)),
		.on_stack = kc_xcalloc(n, sizeof(bool)),
	};

	for (size_t v = 0; v < n; v++)
		if (!t.index[v])
			kc_tarjan_from(&t, v);
	free(t.index);
	free(t.low);
	free(t.edge);
	free(t.stack);
	free(t.calls);
	free(t.on_stack);
	return t.scc;
}

static size_t *kc_cycles(const struct spec *s)
{
	struct kc_graph g;

	kc_graph_build(s, &g);
	size_t *scc = kc_graph_scc(&g);
	free(g.first);
	free(g.to);
	return scc;
}

/* Whether `depends on IF_<iface>` for comp would close a cycle. */
static bool kc_is_circular(const struct kc *k, const struct decl *comp, const struct decl *iface)
{
	const struct spec *s = k->s;

	return k->scc[kc_comp_node(s, comp)] == k->scc[kc_index(s->interfaces, s->ninterfaces, iface)];
}

/* ---- components ---- */

static void kc_comp_links(const struct kc *k, const struct decl *comp)
{
	struct out *o = k->o;

	for (const struct require *r = comp->u.comp.requires; r; r = r->next) {
		if (r->is_optional || !r->iface.decl)
			continue;
		if (kc_is_circular(k, comp, r->iface.decl)) {
			out_printf(o, "\t# requires %s: checked by idlc, as Kconfig cannot express the cycle\n",
				   r->iface.decl->name);
			continue;
		}
		out_puts(o, "\tdepends on ");
		kc_if_symbol(o, r->iface.decl->name);
		out_putc(o, '\n');
	}
	for (const struct provide *p = comp->u.comp.provides; p; p = p->next) {
		if (!p->iface.decl)
			continue;
		out_puts(o, "\tselect ");
		kc_if_symbol(o, p->iface.decl->name);
		out_putc(o, '\n');
	}
}

/* "Provides: a, b" and "Requires: c, d (optional)" help lines. */
static void kc_comp_wiring_help(struct out *o, const struct decl *comp)
{
	const char *sep = "\t  Provides: ";

	for (const struct provide *p = comp->u.comp.provides; p; p = p->next, sep = ", ")
		out_printf(o, "%s%s", sep, p->iface.name);
	if (comp->u.comp.provides)
		out_putc(o, '\n');
	sep = "\t  Requires: ";
	for (const struct require *r = comp->u.comp.requires; r; r = r->next, sep = ", ")
		out_printf(o, "%s%s%s", sep, r->iface.name, r->is_optional ? " (optional)" : "");
	if (comp->u.comp.requires)
		out_putc(o, '\n');
}

static void kc_comp_help(struct out *o, const struct decl *comp)
{
	bool has_wiring = comp->u.comp.provides || comp->u.comp.requires;

	if (!kc_has_text(comp->doc) && !has_wiring)
		return;
	out_puts(o, "\thelp\n");
	if (kc_has_text(comp->doc)) {
		kc_help_lines(o, comp->doc);
		if (has_wiring)
			out_putc(o, '\n');
	}
	kc_comp_wiring_help(o, comp);
}

/* The component's bool; in_choice: a member of its singleton's choice. */
static void kc_comp_config(const struct kc *k, const struct decl *comp, bool in_choice)
{
	struct out *o = k->o;
	const struct spec *s = k->s;

	out_printf(o, "\nconfig %s\n\tbool ", comp->u.comp.kconfig);
	kc_prompt(o, s, comp->name, comp->doc);
	kc_comp_links(k, comp);
	if (!in_choice)
		out_puts(o, "\tdefault n\n");
	kc_comp_help(o, comp);
}

/* ---- tunables ---- */

static void kc_tunable_type(struct out *o, const struct tunable *t, bool *is_hex)
{
	const struct type *rt = type_resolve(t->type);

	*is_hex = rt && (rt->kind == TY_PADDR || rt->kind == TY_VADDR);
	if (rt && rt->kind == TY_BOOL)
		out_puts(o, "\tbool ");
	else if (rt && rt->kind == TY_STRING)
		out_puts(o, "\tstring ");
	else
		out_puts(o, *is_hex ? "\thex " : "\tint ");
}

static void kc_int(struct out *o, int64_t v, bool is_hex)
{
	if (is_hex)
		out_printf(o, "0x%" PRIx64, (uint64_t)v);
	else
		out_printf(o, "%" PRId64, v);
}

static void kc_tunable_default(struct out *o, const struct tunable *t, bool is_hex)
{
	const struct value *v = &t->def_val;

	if (v->kind == VAL_BOOL) {
		out_printf(o, "\tdefault %s\n", v->i ? "y" : "n");
	} else if (v->kind == VAL_STRING) {
		out_puts(o, "\tdefault \"");
		kc_string(o, v->s ? v->s : "");
		out_puts(o, "\"\n");
	} else if (v->kind == VAL_INT) {
		out_puts(o, "\tdefault ");
		kc_int(o, v->i, is_hex);
		out_putc(o, '\n');
	}
}

static void kc_tunable(struct out *o, const struct spec *s, const struct decl *comp, const struct tunable *t)
{
	bool is_hex;
	const char *name = arena_printf(s->arena, "%s.%s", comp->name, t->name);

	out_printf(o, "\nconfig %s\n", t->kconfig);
	kc_tunable_type(o, t, &is_hex);
	kc_prompt(o, s, name, t->doc);
	out_printf(o, "\tdepends on %s\n", comp->u.comp.kconfig);
	if (t->has_range) {
		out_puts(o, "\trange ");
		kc_int(o, t->min_val, is_hex);
		out_putc(o, ' ');
		kc_int(o, t->max_val, is_hex);
		out_putc(o, '\n');
	}
	kc_tunable_default(o, t, is_hex);
	out_puts(o, "\thelp\n");
	if (kc_has_text(t->doc)) {
		kc_help_lines(o, t->doc);
		out_putc(o, '\n');
	}
	out_printf(o, "\t  Kernel command line: %s=VALUE\n", name);
}

static void kc_tunables(struct out *o, const struct spec *s, const struct decl *comp)
{
	for (const struct tunable *t = comp->u.comp.tunables; t; t = t->next)
		kc_tunable(o, s, comp, t);
}

/* ---- interface menus ---- */

static void kc_menu_open(struct out *o, const struct spec *s, const struct decl *iface)
{
	out_puts(o, "\nmenu ");
	kc_prompt(o, s, iface->name, iface->doc);
	out_puts(o, "\n# Selected by every component providing ");
	out_puts(o, iface->name);
	out_puts(o, "; its requirers depend on it.\nconfig ");
	kc_if_symbol(o, iface->name);
	out_puts(o, "\n\tbool\n");
	if (iface->u.iface.nproviders == 0)
		out_printf(o, "\ncomment \"No component provides %s.\"\n", iface->name);
}

static void kc_choice_head(struct out *o, const struct decl *iface)
{
	const struct decl *def = iface->u.iface.default_impl.decl;

	out_printf(o, "\nchoice\n\tprompt \"%s implementation\"\n", iface->name);
	if (iface->u.iface.is_optional)
		out_puts(o, "\toptional\n");
	if (def)
		out_printf(o, "\tdefault %s\n", def->u.comp.kconfig);
	if (kc_has_text(iface->doc)) {
		out_puts(o, "\thelp\n");
		kc_help_lines(o, iface->doc);
	}
}

static void kc_singleton_menu(const struct kc *k, const struct decl *iface)
{
	struct out *o = k->o;
	const struct spec *s = k->s;
	const struct interface_decl *in = &iface->u.iface;

	kc_choice_head(o, iface);
	for (size_t i = 0; i < in->nproviders; i++)
		kc_comp_config(k, in->providers[i], true);
	out_puts(o, "\nendchoice\n");
	for (size_t i = 0; i < in->nproviders; i++)
		kc_tunables(o, s, in->providers[i]);
}

/* Providers listed under another interface's menu are pointed to, so every
 * implementation can be found from every interface it provides. */
static void kc_multi_menu(const struct kc *k, const struct decl *iface)
{
	struct out *o = k->o;
	const struct spec *s = k->s;
	const struct interface_decl *in = &iface->u.iface;

	for (size_t i = 0; i < in->nproviders; i++) {
		const struct decl *comp = in->providers[i];
		const struct decl *home = kc_home(comp);

		if (home != iface) {
			out_printf(o, "\ncomment \"%s: see the %s menu\"\n", comp->name,
				   home ? home->name : "Other components");
			continue;
		}
		kc_comp_config(k, comp, false);
		kc_tunables(o, s, comp);
	}
}

static void kc_interface_menu(const struct kc *k, const struct decl *iface)
{
	struct out *o = k->o;
	const struct spec *s = k->s;

	kc_menu_open(o, s, iface);
	if (iface->u.iface.is_multi)
		kc_multi_menu(k, iface);
	else if (iface->u.iface.nproviders)
		kc_singleton_menu(k, iface);
	out_puts(o, "\nendmenu\n");
}

/* Components that provide nothing (drivers of their own, test fixtures). */
static void kc_other_menu(const struct kc *k)
{
	struct out *o = k->o;
	const struct spec *s = k->s;
	bool is_open = false;

	for (size_t i = 0; i < s->ncomponents; i++) {
		const struct decl *comp = s->components[i];

		if (kc_home(comp))
			continue;
		if (!is_open)
			out_puts(o, "\nmenu \"Other components\"\n");
		is_open = true;
		kc_comp_config(k, comp, false);
		kc_tunables(o, s, comp);
	}
	if (is_open)
		out_puts(o, "\nendmenu\n");
}

int emit_kconfig(const struct spec *s, const char *path)
{
	struct out *o = out_new();
	struct kc k = { o, s, kc_cycles(s) };

	out_printf(o, "# %s\n# SPDX-License-Identifier: Apache-2.0\n",
		   banner_text(s, "the interfaces and component manifests"));
	out_puts(o, "#\n"
		    "# One menu per interface. A component selects IF_<interface> for every\n"
		    "# interface it provides and depends on IF_<interface> for every one it\n"
		    "# requires, so a combination that cannot be wired cannot be selected.\n"
		    "# Where requirements form a cycle Kconfig cannot express, a comment\n"
		    "# marks the requirement and idlc checks it on the configuration.\n");
	for (size_t i = 0; i < s->ninterfaces; i++)
		kc_interface_menu(&k, s->interfaces[i]);
	kc_other_menu(&k);
	free(k.scc);
	return out_commit(o, path);
}
