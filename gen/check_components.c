/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Component manifests: properties, what a component provides (every
 * non-optional method bound to a C function), requires, syscalls it
 * implements, tunables and their Kconfig symbols.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static bool check_is_c_ident(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static bool check_is_kconfig_name(const char *s)
{
	if (!s || !isupper((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* version and license take strings; config and init take bare names. */
static const char *check_property_value(struct property *p, bool wants_string)
{
	enum expr_kind want = wants_string ? EXPR_STRING : EXPR_NAME;

	if (p->value->kind == want)
		return p->value->sval;
	diag_error(202, p->value->loc, "`%s` takes %s", p->name,
		   wants_string ? "a string, such as \"1.0.0\"" : "a bare name, such as PMM_BUDDY");
	return NULL;
}

static void check_property(struct decl *d, struct property *p)
{
	struct component_decl *cd = &d->u.comp;

	if (strcmp(p->name, "version") == 0) {
		cd->version = check_property_value(p, true);
	} else if (strcmp(p->name, "license") == 0) {
		cd->license = check_property_value(p, true);
	} else if (strcmp(p->name, "config") == 0) {
		cd->kconfig = check_property_value(p, false);
		if (cd->kconfig && !check_is_kconfig_name(cd->kconfig)) {
			diag_error(202, p->value->loc, "Kconfig symbol `%s` must be upper case", cd->kconfig);
			diag_help("write it as Kconfig does, without CONFIG_: `config = PMM_BUDDY;`");
			cd->kconfig = NULL;
		}
	} else if (strcmp(p->name, "init") == 0) {
		cd->init = check_property_value(p, false);
	} else {
		diag_error(202, p->loc, "unknown manifest property `%s`", p->name);
		diag_help("the properties are version, license, config and init");
	}
}

static void check_properties(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();
	static const char *const required[] = { "version", "license", "config" };
	static const char *const examples[] = { "\"1.0.0\"", "\"Apache-2.0\"", "PMM_BUDDY" };

	for (struct property *p = d->u.comp.props; p; p = p->next) {
		struct property *prev = symtab_put(seen, p->name, p);

		if (prev) {
			diag_error(112, p->loc, "`%s` is set twice in component `%s`", p->name, d->name);
			diag_note(prev->loc, "first set here");
			continue;
		}
		check_property(d, p);
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (symtab_get(seen, required[i]))
			continue;
		diag_error(200, d->loc, "component `%s` has no `%s`", d->name, required[i]);
		diag_help("every manifest sets version, license and config, e.g. `%s = %s;`", required[i],
			  examples[i]);
	}
	symtab_free(seen);
	(void)c;
}

static struct method *check_find_method(struct decl *iface, const char *name)
{
	for (struct method *m = iface->u.iface.methods; m; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

static void check_bindings(struct checker *c, struct decl *d, struct provide *pv)
{
	struct decl *iface = pv->iface.decl;
	struct symtab *seen = symtab_new();

	for (struct binding *b = pv->bindings; b; b = b->next) {
		struct binding *prev = symtab_put(seen, b->method, b);

		b->target = check_find_method(iface, b->method);
		if (!b->target) {
			diag_error(104, b->loc, "interface `%s` has no method `%s`", iface->name, b->method);
			diag_note(iface->loc, "`%s` declared here", iface->name);
		} else if (prev) {
			diag_error(112, b->loc, "method `%s` is bound twice", b->method);
			diag_note(prev->loc, "first bound here");
		}
	}
	for (struct method *m = iface->u.iface.methods; m; m = m->next) {
		if (m->is_optional || symtab_get(seen, m->name))
			continue;
		diag_error(201, pv->iface.loc, "component `%s` provides `%s` but does not implement `%s`", d->name,
			   iface->name, m->name);
		diag_note(m->loc, "`%s.%s` declared here", iface->name, m->name);
		diag_help("add `%s = <C function>;` to the provides block", m->name);
	}
	symtab_free(seen);
	(void)c;
}

static bool check_resolve_iface(struct checker *c, struct ref *r)
{
	struct decl *d = check_lookup(c, r->name);

	if (d && d->kind == D_INTERFACE && strcmp(d->name, r->name) == 0) {
		r->decl = d;
		return true;
	}
	check_report_unknown(c, 101, r->loc, "interface", r->name, KIND_BIT(D_INTERFACE));
	return false;
}

static void check_provides(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();
	struct provide *singleton = NULL;

	for (struct provide *pv = d->u.comp.provides; pv; pv = pv->next) {
		if (!check_resolve_iface(c, &pv->iface))
			continue;
		struct provide *prev = symtab_put(seen, pv->iface.name, pv);
		if (prev) {
			diag_error(112, pv->iface.loc, "`%s` is provided twice", pv->iface.name);
			diag_note(prev->iface.loc, "first provided here");
			continue;
		}
		check_bindings(c, d, pv);
		if (pv->iface.decl->u.iface.is_multi)
			continue;
		if (singleton) {
			diag_error(204, pv->iface.loc, "component `%s` provides two singleton interfaces, `%s` and `%s`",
				   d->name, singleton->iface.name, pv->iface.name);
			diag_help("a component is one menuconfig choice; split it into two components");
		}
		singleton = pv;
	}
	symtab_free(seen);
}

static void check_requires(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();

	for (struct require *rq = d->u.comp.requires; rq; rq = rq->next) {
		if (!check_resolve_iface(c, &rq->iface))
			continue;
		struct require *prev = symtab_put(seen, rq->iface.name, rq);
		if (prev) {
			diag_error(112, rq->iface.loc, "`%s` is required twice", rq->iface.name);
			diag_note(prev->iface.loc, "first required here");
		}
	}
	symtab_free(seen);
}

static void check_syscall_impls(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();

	for (struct syscall_impl *si = d->u.comp.syscalls; si; si = si->next) {
		struct decl *sc = check_lookup(c, si->syscall.name);

		if (!sc || sc->kind != D_SYSCALL || strcmp(sc->name, si->syscall.name) != 0) {
			check_report_unknown(c, 105, si->syscall.loc, "syscall", si->syscall.name, KIND_BIT(D_SYSCALL));
			continue;
		}
		si->syscall.decl = sc;
		struct syscall_impl *prev = symtab_put(seen, si->syscall.name, si);
		if (prev) {
			diag_error(112, si->syscall.loc, "syscall `%s` is implemented twice", si->syscall.name);
			diag_note(prev->syscall.loc, "first implemented here");
		}
	}
	symtab_free(seen);
}

static char *check_tunable_symbol(struct checker *c, const char *comp_symbol, const char *name)
{
	char *sym = arena_printf(c->s->arena, "%s_%s", comp_symbol, name);

	for (char *p = sym; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return sym;
}

static void check_tunable_range(struct checker *c, struct decl *d, struct tunable *t)
{
	struct value lo, hi;

	if (!t->min)
		return;
	if (!check_eval(c, t->min, d->src, &lo) || !check_eval(c, t->max, d->src, &hi))
		return;
	if (lo.kind != VAL_INT || hi.kind != VAL_INT || lo.i > hi.i || !type_is_integer(t->type)) {
		diag_error(203, t->min->loc, "a range is two integers, the smaller first, on an integer tunable");
		return;
	}
	t->min_val = lo.i;
	t->max_val = hi.i;
	t->has_range = true;
	if (t->def_val.kind == VAL_INT && (t->def_val.i < lo.i || t->def_val.i > hi.i))
		diag_error(203, t->def->loc, "default %lld is outside range(%lld, %lld)", (long long)t->def_val.i,
			   (long long)lo.i, (long long)hi.i);
}

/* Checks one value against a tunable's type; E0124 when it does not fit. */
static bool check_tunable_value(const struct tunable *t, const struct value *v, struct loc loc)
{
	const struct type *r = t->type;
	bool want_string = r->kind == TY_STRING, want_bool = r->kind == TY_BOOL;

	if (want_string != (v->kind == VAL_STRING) || want_bool != (v->kind == VAL_BOOL)) {
		diag_error(124, loc, "tunable `%s` expects %s", t->name,
			   want_string ? "a string" : want_bool ? "true or false" : "an integer");
		return false;
	}
	if (v->kind == VAL_INT && !check_value_fits(r, v->i)) {
		diag_error(124, loc, "%lld does not fit tunable `%s`", (long long)v->i, t->name);
		return false;
	}
	return true;
}

static void check_tunables(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();

	for (struct tunable *t = d->u.comp.tunables; t; t = t->next) {
		struct tunable *prev = symtab_put(seen, t->name, t);

		if (prev) {
			diag_error(111, t->loc, "tunable `%s` is declared twice", t->name);
			diag_note(prev->loc, "first declared here");
		}
		if (d->u.comp.kconfig)
			t->kconfig = check_tunable_symbol(c, d->u.comp.kconfig, t->name);
		if (t->type->kind < TY_BOOL || t->type->kind > TY_STRING || t->type->kind == TY_VOID) {
			diag_error(203, t->type->loc, "a tunable is an integer, bool or string");
			continue;
		}
		struct value v;
		if (check_eval(c, t->def, d->src, &v) && check_tunable_value(t, &v, t->def->loc))
			t->def_val = v;
		t->cfg_val = t->def_val;
		check_tunable_range(c, d, t);
	}
	symtab_free(seen);
}

static void check_kconfig_symbol(struct checker *c, struct decl *d, const char *sym, struct loc loc)
{
	struct decl *prev = symtab_put(c->kconfig, sym, d);

	if (!prev)
		return;
	diag_error(113, loc, "Kconfig symbol `%s` is already used by component `%s`", sym, prev->name);
	diag_note(prev->loc, "`%s` declared here", prev->name);
	diag_help("each component (and each tunable) needs its own CONFIG_ symbol");
}

static struct loc check_property_loc(const struct decl *d, const char *name)
{
	for (const struct property *p = d->u.comp.props; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p->value->loc;
	return d->loc;
}

static void check_component(struct checker *c, struct decl *d)
{
	check_attrs(c, d->attrs, (const char *const[]){ "deprecated", NULL }, "a component");
	check_properties(c, d);
	if (d->u.comp.init && !check_is_c_ident(d->u.comp.init))
		diag_error(202, check_property_loc(d, "init"), "`init` must name a C function");
	if (d->u.comp.kconfig)
		check_kconfig_symbol(c, d, d->u.comp.kconfig, check_property_loc(d, "config"));
	check_provides(c, d);
	check_requires(c, d);
	check_syscall_impls(c, d);
	check_tunables(c, d);
	for (struct tunable *t = d->u.comp.tunables; t; t = t->next)
		if (t->kconfig)
			check_kconfig_symbol(c, d, t->kconfig, t->loc);
}

/* Fills every interface's provider list (sorted by component name). */
static void check_provider_lists(struct checker *c)
{
	for (size_t i = 0; i < c->s->ncomponents; i++)
		for (struct provide *pv = c->s->components[i]->u.comp.provides; pv; pv = pv->next)
			if (pv->iface.decl)
				pv->iface.decl->u.iface.nproviders++;
	for (size_t i = 0; i < c->s->ninterfaces; i++) {
		struct interface_decl *id = &c->s->interfaces[i]->u.iface;

		id->providers = arena_alloc(c->s->arena, (id->nproviders + 1) * sizeof(*id->providers));
		id->nproviders = 0;
	}
	/* Components are visited in name order, so each list comes out sorted. */
	for (size_t i = 0; i < c->s->ncomponents; i++) {
		struct decl *comp = c->s->components[i];

		for (struct provide *pv = comp->u.comp.provides; pv; pv = pv->next)
			if (pv->iface.decl && pv->iface.decl->u.iface.providers)
				pv->iface.decl->u.iface.providers[pv->iface.decl->u.iface.nproviders++] = comp;
	}
}

static bool check_provides_iface(const struct decl *comp, const struct decl *iface)
{
	for (const struct provide *pv = comp->u.comp.provides; pv; pv = pv->next)
		if (pv->iface.decl == iface)
			return true;
	return false;
}

static void check_default_impl(struct checker *c, struct decl *iface)
{
	struct ref *r = &iface->u.iface.default_impl;

	if (!r->name)
		return;
	struct decl *d = check_lookup(c, r->name);
	if (!d || d->kind != D_COMPONENT || strcmp(d->name, r->name) != 0) {
		check_report_unknown(c, 102, r->loc, "component", r->name, KIND_BIT(D_COMPONENT));
		return;
	}
	if (!check_provides_iface(d, iface)) {
		diag_error(205, r->loc, "default implementation `%s` does not provide `%s`", d->name, iface->name);
		diag_note(d->loc, "`%s` declared here", d->name);
		return;
	}
	r->decl = d;
}

void check_components(struct checker *c)
{
	for (size_t i = 0; i < c->s->ncomponents; i++)
		check_component(c, c->s->components[i]);
	check_provider_lists(c);
	for (size_t i = 0; i < c->s->ninterfaces; i++)
		check_default_impl(c, c->s->interfaces[i]);
}
