/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The configuration: which components are selected, what each singleton is
 * bound to, whether every requirement is met, which component implements
 * each syscall, tunable values, and the init order (dependencies first).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static struct config_entry *check_config_get(struct symtab *entries, const char *name)
{
	return name ? symtab_get(entries, name) : NULL;
}

static bool check_parse_tunable(const struct tunable *t, const char *text, struct value *v)
{
	char *end;

	if (t->type->kind == TY_STRING) {
		*v = (struct value){ VAL_STRING, 0, text };
		return true;
	}
	if (t->type->kind == TY_BOOL) {
		*v = (struct value){ VAL_BOOL, strcmp(text, "y") == 0, NULL };
		return strcmp(text, "y") == 0 || strcmp(text, "n") == 0;
	}
	errno = 0;
	long long n = strtoll(text, &end, 0);
	*v = (struct value){ VAL_INT, n, NULL };
	return errno == 0 && *text && !*end && check_value_fits(t->type, n);
}

static void check_tunable_config(struct checker *c, struct tunable *t, struct config_entry *e)
{
	struct value v;

	if (!check_parse_tunable(t, e->value, &v) ||
	    (t->has_range && (v.i < t->min_val || v.i > t->max_val))) {
		diag_error_at(305, arena_printf(c->s->arena, "%s:%d", c->s->config.path, e->line),
			      "CONFIG_%s=%s is not a valid value for tunable `%s`", e->name, e->value, t->name);
		diag_note(t->loc, "tunable declared here");
		return;
	}
	t->cfg_val = v;
}

static void check_selection(struct checker *c, struct symtab *entries)
{
	for (size_t i = 0; i < c->s->ncomponents; i++) {
		struct decl *d = c->s->components[i];
		struct config_entry *e = check_config_get(entries, d->u.comp.kconfig);

		d->u.comp.is_selected = e && strcmp(e->value, "y") == 0;
		if (!d->u.comp.is_selected)
			continue;
		for (struct tunable *t = d->u.comp.tunables; t; t = t->next) {
			struct config_entry *te = check_config_get(entries, t->kconfig);
			if (te && t->def_val.kind != VAL_NONE)
				check_tunable_config(c, t, te);
		}
	}
}

static struct loc check_provide_loc(const struct decl *comp, const struct decl *iface)
{
	for (const struct provide *pv = comp->u.comp.provides; pv; pv = pv->next)
		if (pv->iface.decl == iface)
			return pv->iface.loc;
	return comp->loc;
}

static void check_bind_singleton(struct checker *c, struct decl *iface)
{
	struct interface_decl *id = &iface->u.iface;

	for (size_t i = 0; i < id->nproviders; i++) {
		struct decl *p = id->providers[i];

		if (!p->u.comp.is_selected)
			continue;
		if (!id->bound) {
			id->bound = p;
			continue;
		}
		diag_error(301, check_provide_loc(p, iface),
			   "singleton `%s` has two selected providers, `%s` and `%s`", iface->name,
			   id->bound->name, p->name);
		diag_note(check_provide_loc(id->bound, iface), "`%s` also provides it", id->bound->name);
		diag_help("%s sets both CONFIG_%s and CONFIG_%s; keep one (menuconfig offers them as a choice)",
			  c->s->config.path, id->bound->u.comp.kconfig, p->u.comp.kconfig);
	}
}

static size_t check_count_selected(const struct decl *iface)
{
	size_t n = 0;

	for (size_t i = 0; i < iface->u.iface.nproviders; i++)
		n += iface->u.iface.providers[i]->u.comp.is_selected;
	return n;
}

static void check_report_unmet(struct checker *c, struct decl *comp, struct require *rq)
{
	struct decl *iface = rq->iface.decl;
	const struct interface_decl *id = &iface->u.iface;

	diag_error(300, rq->iface.loc, "component `%s` requires `%s`, but no selected component provides it",
		   comp->name, iface->name);
	if (id->nproviders == 0) {
		diag_help("no component provides `%s` yet: add one under components/", iface->name);
		return;
	}
	char *list = arena_strdup(c->s->arena, "");
	for (size_t i = 0; i < id->nproviders; i++)
		list = arena_printf(c->s->arena, "%s%sCONFIG_%s (%s)", list, i ? (i + 1 == id->nproviders ? " or " : ", ") : "",
				    id->providers[i]->u.comp.kconfig ? id->providers[i]->u.comp.kconfig : "?",
				    id->providers[i]->name);
	diag_help("select %s", list);
}

static void check_requirements(struct checker *c, size_t *nedges)
{
	for (size_t i = 0; i < c->s->ncomponents; i++) {
		struct decl *d = c->s->components[i];

		if (!d->u.comp.is_selected)
			continue;
		for (struct require *rq = d->u.comp.requires; rq; rq = rq->next) {
			if (!rq->iface.decl)
				continue;
			size_t n = check_count_selected(rq->iface.decl);
			if (n == 0 && !rq->is_optional)
				check_report_unmet(c, d, rq);
			*nedges += n;
		}
	}
}

/* Edges requirer -> provider, grouped by requirer in name order. */
static void check_build_edges(struct checker *c, size_t nedges)
{
	struct spec *s = c->s;

	s->edges = arena_alloc(s->arena, (nedges + 1) * sizeof(*s->edges));
	for (size_t i = 0; i < s->ncomponents; i++) {
		struct decl *d = s->components[i];

		for (struct require *rq = d->u.comp.requires; d->u.comp.is_selected && rq; rq = rq->next) {
			const struct interface_decl *id = rq->iface.decl ? &rq->iface.decl->u.iface : NULL;

			for (size_t k = 0; id && k < id->nproviders; k++)
				if (id->providers[k]->u.comp.is_selected)
					s->edges[s->nedges++] = (struct dep_edge){ d, id->providers[k], rq->iface.decl,
										  rq->is_optional, false };
		}
	}
}

static struct loc check_syscall_impl_loc(const struct decl *comp, const struct decl *sc)
{
	for (const struct syscall_impl *si = comp->u.comp.syscalls; si; si = si->next)
		if (si->syscall.decl == sc)
			return si->syscall.loc;
	return comp->loc;
}

static void check_syscall_owners(struct checker *c)
{
	for (size_t i = 0; i < c->s->ncomponents; i++) {
		struct decl *d = c->s->components[i];

		for (struct syscall_impl *si = d->u.comp.syscalls; d->u.comp.is_selected && si; si = si->next) {
			struct decl *sc = si->syscall.decl;

			if (!sc)
				continue;
			if (!sc->u.sys.impl) {
				sc->u.sys.impl = d;
				sc->u.sys.impl_cname = si->cname;
				continue;
			}
			diag_error(304, si->syscall.loc, "syscall `%s` is implemented by two selected components, `%s` and `%s`",
				   sc->name, sc->u.sys.impl->name, d->name);
			diag_note(check_syscall_impl_loc(sc->u.sys.impl, sc), "`%s` implements it here", sc->u.sys.impl->name);
			diag_help("select only one of CONFIG_%s and CONFIG_%s", sc->u.sys.impl->u.comp.kconfig,
				  d->u.comp.kconfig);
		}
	}
}

void check_configuration(struct checker *c)
{
	struct symtab *entries = symtab_new();
	size_t nedges = 0;

	for (struct config_entry *e = c->s->config.entries; e; e = e->next)
		symtab_put(entries, e->name, e);
	check_selection(c, entries);
	for (size_t i = 0; i < c->s->ninterfaces; i++)
		if (!c->s->interfaces[i]->u.iface.is_multi)
			check_bind_singleton(c, c->s->interfaces[i]);
	check_requirements(c, &nedges);
	check_build_edges(c, nedges);
	check_syscall_owners(c);
	check_init_order(c);
	symtab_free(entries);
}
