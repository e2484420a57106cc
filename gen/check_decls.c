/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Type declarations as a whole: struct and union fields, typedef and
 * by-value cycles, error numbers, and the order each file's types are
 * emitted in so C sees a type before any by-value use of it.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static const char *const decl_attrs[] = { "deprecated", NULL };
static const char *const field_attrs[] = { "hex", "octal", "deprecated", NULL };

static void check_record(struct checker *c, struct decl *d)
{
	struct symtab *seen = symtab_new();

	for (struct member *f = d->u.rec.fields; f; f = f->next) {
		struct member *prev = symtab_put(seen, f->name, f);

		if (prev) {
			diag_error(111, f->loc, "field `%s` is declared twice in `%s`", f->name, d->name);
			diag_note(prev->loc, "first declared here");
		}
		check_attrs(c, f->attrs, field_attrs, "a field");
		check_type(c, f->type, d->src, USE_FIELD);
		if (f->type->kind != TY_ARRAY)
			continue;
		struct value v;
		if (check_eval(c, f->type->len_expr, d->src, &v) && (v.kind != VAL_INT || v.i <= 0 || v.i > 1 << 24))
			diag_error(124, f->type->len_expr->loc, "an array length is an integer from 1 to 16777216");
		else if (v.kind == VAL_INT)
			f->type->len = v.i;
	}
	if (!d->u.rec.fields)
		diag_error(123, d->loc, "%s `%s` has no fields", decl_kind_name(d->kind), d->name);
	symtab_free(seen);
}

/* The declaration a type names by value: through arrays and typedefs, not
 * through pointers. */
static struct decl *check_by_value_decl(const struct type *t)
{
	while (t && t->kind == TY_ARRAY)
		t = t->elem;
	return (t && t->kind == TY_NAMED) ? t->decl : NULL;
}

static bool check_is_fn_typedef(const struct decl *d)
{
	return d->kind == D_TYPEDEF && d->u.tdef.type->kind == TY_FN;
}

struct order_state {
	struct decl **out;
	size_t n;
	const struct source *src;
};

static void check_order_visit(struct order_state *st, struct decl *d, struct decl *user, bool by_value);

/* A typedef names the `_t` types it uses, through pointers too (`typedef
 * p = *mut q;` is `typedef q_t *p_t;`), so those come first. Structs,
 * unions and handles are forward-declared and need no order there. */
static void check_order_named_type(struct order_state *st, struct decl *d, const struct type *t)
{
	while (t && (t->kind == TY_PTR || t->kind == TY_BUFFER || t->kind == TY_ARRAY))
		t = t->elem;
	if (t && t->kind == TY_NAMED && t->decl &&
	    (t->decl->kind == D_TYPEDEF || t->decl->kind == D_ENUM || t->decl->kind == D_FLAGS))
		check_order_visit(st, t->decl, d, false);
}

/* A function type's parameters and result are declared in its typedef. */
static void check_order_fn_deps(struct order_state *st, struct decl *d, const struct method *fn)
{
	for (const struct param *p = fn->params; p; p = p->next)
		check_order_named_type(st, d, p->type);
	check_order_named_type(st, d, fn->ret);
}

static void check_order_deps(struct order_state *st, struct decl *d)
{
	if (check_is_fn_typedef(d)) {
		check_order_fn_deps(st, d, d->u.tdef.type->fn);
	} else if (d->kind == D_TYPEDEF) {
		struct decl *dep = check_by_value_decl(d->u.tdef.type);
		if (dep)
			check_order_visit(st, dep, d, true);
		check_order_named_type(st, d, d->u.tdef.type);
	} else if (d->kind == D_STRUCT || d->kind == D_UNION) {
		for (struct member *f = d->u.rec.fields; f; f = f->next) {
			struct decl *dep = check_by_value_decl(f->type);
			if (dep)
				check_order_visit(st, dep, d, true);
		}
	} else if (d->kind == D_CONST || d->kind == D_ENUM || d->kind == D_FLAGS) {
		struct decl *dep = check_by_value_decl(d->kind == D_CONST ? d->u.cnst.type : d->u.enm.base);
		if (dep)
			check_order_visit(st, dep, d, true);
	}
}

/* The cycle closes where user names d; by_value says how. */
static void check_order_report_cycle(const struct decl *d, const struct decl *user, bool by_value)
{
	if (!by_value || check_is_fn_typedef(d) || check_is_fn_typedef(user)) {
		diag_error(129, user->loc, "`%s` refers to itself through `%s`", user->name, d->name);
		if (d != user)
			diag_note(d->loc, "`%s` declared here", d->name);
		if (check_is_fn_typedef(d) || check_is_fn_typedef(user))
			diag_help("a C function type cannot take or return itself: pass a pointer to a struct "
				  "that holds the function instead");
		else
			diag_help("a C typedef cannot name itself: point to a struct instead");
		return;
	}
	diag_error(129, user->loc, "`%s` contains itself by value through `%s`", user->name, d->name);
	if (d != user)
		diag_note(d->loc, "`%s` declared here", d->name);
	diag_help("break the cycle with a pointer: `*mut %s`", d->name);
}

/* Depth-first: dependencies of the same file first. A by-value cycle is a
 * type of infinite size (or a typedef loop), and a typedef that names
 * itself through a pointer or a function type has no C spelling. */
static void check_order_visit(struct order_state *st, struct decl *d, struct decl *user, bool by_value)
{
	if (d->src != st->src || d->check_state == 4)
		return;
	if (d->check_state == 3) {
		check_order_report_cycle(d, user, by_value);
		return;
	}
	d->check_state = 3;
	check_order_deps(st, d);
	d->check_state = 4;
	st->out[st->n++] = d;
}

static bool check_is_type_decl(const struct decl *d)
{
	return d->kind <= D_HANDLE;
}

static void check_order_source(struct checker *c, struct source *src)
{
	struct order_state st = { NULL, 0, src };
	size_t count = 0;

	for (struct decl *d = src->decls; d; d = d->next)
		count += check_is_type_decl(d);
	st.out = arena_alloc(c->s->arena, (count + 1) * sizeof(*st.out));
	for (struct decl *d = src->decls; d; d = d->next)
		if (check_is_type_decl(d))
			check_order_visit(&st, d, d, true);
	src->type_order = st.out;
	src->ntype_order = st.n;
}

static void check_error_decl(struct checker *c, struct decl *d, struct symtab *numbers)
{
	struct value v;

	if (!check_eval(c, d->u.err.value, d->src, &v))
		return;
	if (v.kind != VAL_INT || v.i < 1 || v.i > 4095) {
		diag_error(124, d->u.err.value->loc, "an errno is an integer from 1 to 4095");
		return;
	}
	d->u.err.number = v.i;
	char *key = arena_printf(c->s->arena, "%" PRId64, v.i);
	struct decl *prev = symtab_put(numbers, key, d);
	if (prev) {
		diag_error(114, d->u.err.value->loc, "error number %" PRId64 " is already `%s`", v.i, prev->name);
		diag_note(prev->loc, "`%s` declared here", prev->name);
		diag_help("an errno name is one number; aliases such as EWOULDBLOCK are not declared");
	}
}

static void check_one_type_decl(struct checker *c, struct decl *d, struct symtab *numbers)
{
	check_attrs(c, d->attrs, decl_attrs,
		    arena_printf(c->s->arena, "%s %s", d->kind == D_ENUM || d->kind == D_ERROR ? "an" : "a",
				 decl_kind_name(d->kind)));
	switch (d->kind) {
	case D_CONST: check_const_decl(c, d); break;
	case D_TYPEDEF: check_type(c, d->u.tdef.type, d->src, USE_TYPEDEF); break;
	case D_ENUM:
	case D_FLAGS:
		check_enum_decl(c, d);
		if (!d->u.enm.members)
			diag_error(123, d->loc, "%s `%s` has no members", decl_kind_name(d->kind), d->name);
		break;
	case D_STRUCT:
	case D_UNION: check_record(c, d); break;
	case D_ERROR: check_error_decl(c, d, numbers); break;
	default: break;
	}
}

void check_type_decls(struct checker *c)
{
	struct symtab *numbers = symtab_new();

	for (struct source *src = c->s->sources; src; src = src->next)
		for (struct decl *d = src->decls; d; d = d->next)
			if (d->name && (check_is_type_decl(d) || d->kind == D_ERROR))
				check_one_type_decl(c, d, numbers);
	for (struct source *src = c->s->sources; src; src = src->next)
		check_order_source(c, src);
	symtab_free(numbers);
}
