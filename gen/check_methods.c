/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interfaces and syscalls: method signatures (parameter directions, return
 * types, error sets, attributes), syscall numbers and argument registers.
 */
#include <inttypes.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "ctype.h"
#include "diag.h"
#include "symtab.h"

static const char *const method_attrs[] = { "optional", "hot", "deprecated", "noreturn", NULL };
static const char *const syscall_attrs[] = { "deprecated", "noreturn", NULL };
static const char *const param_attrs[] = { "hex", "octal", NULL };
static const char *const singleton_attrs[] = { "optional", "deprecated", NULL };
static const char *const multi_attrs[] = { "deprecated", NULL };

static void check_direction(struct param *p)
{
	const struct type *t = type_resolve(p->type);
	bool is_const_data = t && (t->kind == TY_STRING || (t->kind == TY_PTR && !t->is_mut) ||
				   t->kind == TY_BUFFER);

	if (!t || (t->kind == TY_NAMED && !t->decl))
		return;
	if (type_is_pointer_like(t) && p->dir == DIR_NONE) {
		diag_error(120, p->loc, "parameter `%s` carries data through a pointer but has no direction", p->name);
		diag_help("write `in %s`, `out %s` or `inout %s`", p->name, p->name, p->name);
	} else if (!type_is_pointer_like(t) && p->dir != DIR_NONE) {
		diag_error(121, p->dir_loc, "`%s` is passed by value; a direction applies only to pointers, buffers and strings",
			   p->name);
		diag_help("remove `%s`", direction_name(p->dir));
	} else if (is_const_data && t->kind != TY_BUFFER && p->dir != DIR_IN) {
		diag_error(121, p->dir_loc, "`%s` points to read-only data, so it can only be `in`", p->name);
		diag_help("use `*mut` (or a `buffer<T>`) for data the callee writes");
	}
}

static void check_params(struct checker *c, struct method *m, const struct source *from)
{
	struct symtab *seen = symtab_new();

	for (struct param *p = m->params; p; p = p->next) {
		struct param *prev = symtab_put(seen, p->name, p);

		if (prev) {
			diag_error(111, p->loc, "parameter `%s` is declared twice in `%s`", p->name, m->name);
			diag_note(prev->loc, "first declared here");
		}
		check_attrs(c, p->attrs, param_attrs, "a parameter");
		check_type(c, p->type, from, USE_PARAM);
		check_direction(p);
	}
	symtab_free(seen);
}

static void check_raises(struct checker *c, struct method *m)
{
	struct symtab *seen = symtab_new();

	for (struct ref *r = m->raises; r; r = r->next) {
		struct decl *d = check_lookup(c, r->name);

		if (!d || d->kind != D_ERROR || strcmp(d->name, r->name) != 0) {
			check_report_unknown(c, 103, r->loc, "error", r->name, KIND_BIT(D_ERROR));
			continue;
		}
		r->decl = d;
		struct ref *prev = symtab_put(seen, r->name, r);
		if (prev) {
			diag_error(111, r->loc, "`%s` is listed twice in the errors of `%s`", r->name, m->name);
			diag_note(prev->loc, "first listed here");
		}
	}
	symtab_free(seen);
}

static void check_return(struct checker *c, struct method *m, const struct source *from, bool is_syscall)
{
	if (m->ret)
		check_type(c, m->ret, from, USE_RETURN);
	if (is_syscall || !m->ret || !m->has_raises)
		return;
	const struct type *r = type_resolve(m->ret);
	if (r && (r->kind != TY_NAMED || r->decl) && !type_is_signed(r)) {
		diag_error(122, m->ret->loc, "`%s` raises errors, so it must return a signed integer", m->name);
		diag_help("errors are returned as negative errno values: return `isize` or `i32`, or drop `-> T` and "
			  "pass the result through an `out` parameter");
	}
}

void check_method_sig(struct checker *c, struct method *m, const struct source *from, bool is_syscall)
{
	check_attrs(c, m->attrs, is_syscall ? syscall_attrs : method_attrs, is_syscall ? "a syscall" : "a method");
	m->is_optional = attr_find(m->attrs, "optional") != NULL;
	m->is_hot = attr_find(m->attrs, "hot") != NULL;
	check_params(c, m, from);
	check_return(c, m, from, is_syscall);
	check_raises(c, m);
	if (m->is_optional && m->ret && !m->has_raises) {
		diag_error(128, attr_find(m->attrs, "optional")->loc,
			   "optional method `%s` returns a value but raises no error", m->name);
		diag_help("a caller must be able to tell that a provider left it out: add `raises(EOPNOTSUPP)`, "
			  "or make it return nothing");
	} else if (m->is_optional && m->has_raises && !check_lookup(c, "EOPNOTSUPP")) {
		diag_error(128, attr_find(m->attrs, "optional")->loc,
			   "optional method `%s` needs the error EOPNOTSUPP, which is not declared", m->name);
		diag_help("a left-out optional method returns -EOPNOTSUPP: declare `error EOPNOTSUPP = 95;` "
			  "(idl/errno.idl has it)");
	}
}

static void check_interface(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();

	check_attrs(c, d->attrs, d->u.iface.is_multi ? multi_attrs : singleton_attrs,
		    d->u.iface.is_multi ? "a multi interface" : "a singleton interface");
	d->u.iface.is_optional = attr_find(d->attrs, "optional") != NULL;
	for (struct method *m = d->u.iface.methods; m; m = m->next) {
		struct method *prev = symtab_put(seen, m->name, m);

		if (prev) {
			diag_error(111, m->loc, "method `%s` is declared twice in `%s`", m->name, d->name);
			diag_note(prev->loc, "first declared here");
		}
		m->iface = d;
		check_method_sig(c, m, d->src, false);
	}
	symtab_free(seen);
}

void check_interfaces(struct checker *c)
{
	for (struct source *src = c->s->sources; src; src = src->next)
		for (struct decl *d = src->decls; d; d = d->next)
			if (d->kind == D_INTERFACE && d->name)
				check_interface(c, d);
}

/* Registers one syscall argument takes: a buffer is a pointer and a count. */
static int check_param_slots(const struct param *p)
{
	const struct type *t = type_resolve(p->type);

	return t && t->kind == TY_BUFFER ? 2 : 1;
}

/* The function type a syscall argument or result would carry, directly,
 * behind pointers or in a field of a struct it reaches; NULL if none. `seen`
 * holds the typedefs and records already walked, so cycles end. */
static const struct decl *check_find_fn_type(const struct type *t, struct symtab *seen)
{
	while (t && (t->kind == TY_PTR || t->kind == TY_BUFFER || t->kind == TY_ARRAY))
		t = t->elem;
	if (!t || t->kind != TY_NAMED || !t->decl || symtab_put(seen, t->decl->name, t->decl))
		return NULL;
	const struct decl *d = t->decl;
	if (d->kind == D_TYPEDEF)
		return d->u.tdef.type->kind == TY_FN ? d : check_find_fn_type(d->u.tdef.type, seen);
	if (d->kind != D_STRUCT && d->kind != D_UNION)
		return NULL;
	for (const struct member *f = d->u.rec.fields; f; f = f->next) {
		const struct decl *fn = check_find_fn_type(f->type, seen);
		if (fn)
			return fn;
	}
	return NULL;
}

/* A kernel function pointer cannot come from or go to user space: the
 * kernel would call a user address. User code addresses are `vaddr`. Each
 * function type is reported once per syscall (`reported`). */
static void check_syscall_no_fn(const struct decl *sys, const char *param, const struct type *t,
				struct symtab *reported)
{
	struct symtab *seen = symtab_new();
	const struct decl *fn = check_find_fn_type(t, seen);

	symtab_free(seen);
	if (!fn || symtab_put(reported, fn->name, (void *)fn))
		return;
	if (param)
		diag_error(132, t->loc, "parameter `%s` of syscall `%s` holds the function type `%s`", param,
			   sys->name, fn->name);
	else
		diag_error(132, t->loc, "the result of syscall `%s` holds the function type `%s`", sys->name,
			   fn->name);
	diag_note(fn->loc, "`%s` declared here", fn->name);
	diag_help("a syscall cannot take or return a kernel function pointer; user space passes code "
		  "addresses as `vaddr`");
}

static void check_syscall_args(struct decl *d)
{
	struct syscall_decl *sc = &d->u.sys;
	struct symtab *reported = symtab_new();

	for (struct param *p = sc->sig.params; p; p = p->next) {
		const struct type *t = type_resolve(p->type);

		sc->nslots += check_param_slots(p);
		if (t && t->kind == TY_NAMED && t->decl && (t->decl->kind == D_STRUCT || t->decl->kind == D_UNION))
			diag_error(123, p->type->loc, "a syscall argument is one register; pass `%s` by pointer",
				   t->decl->name);
		check_syscall_no_fn(d, p->name, p->type, reported);
	}
	if (sc->sig.ret)
		check_syscall_no_fn(d, NULL, sc->sig.ret, reported);
	symtab_free(reported);
	if (sc->nslots > 6) {
		diag_error(127, d->loc, "`%s` needs %d argument registers; the x86_64 syscall ABI has 6", d->name,
			   sc->nslots);
		diag_help("each buffer<T> takes two registers (pointer and count)");
	}
}

static void check_syscall(struct checker *c, struct decl *d)
{
	struct syscall_decl *sc = &d->u.sys;

	sc->sig.doc = d->doc;
	sc->sig.attrs = d->attrs;
	check_method_sig(c, &sc->sig, d->src, true);
	check_syscall_args(d);
	if (sc->nr < 0 || sc->nr > 1023) {
		diag_error(124, sc->number->loc, "syscall number %" PRId64 " is outside 0..1023", sc->nr);
		return;
	}
	char *key = arena_printf(c->s->arena, "%" PRId64, sc->nr);
	struct decl *prev = symtab_put(c->syscall_nrs, key, d);
	if (prev) {
		diag_error(303, sc->number->loc, "syscall number %" PRId64 " is used twice", sc->nr);
		diag_note(prev->u.sys.number->loc, "`%s` already has number %" PRId64, prev->name, sc->nr);
		diag_help("syscall numbers follow Linux's arch/x86/entry/syscalls/syscall_64.tbl");
	}
}

void check_syscalls(struct checker *c)
{
	for (struct source *src = c->s->sources; src; src = src->next)
		for (struct decl *d = src->decls; d; d = d->next)
			if (d->kind == D_SYSCALL && d->name)
				check_syscall(c, d);
}
