/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Types, constants and type declarations: resolving type names, where each
 * kind of type may appear, constant expressions, enum and flags values,
 * struct layouts that C can express, errors and their numbers.
 */
#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static const char *const type_decl_attrs[] = { "deprecated", NULL };

void check_attrs(struct checker *c, struct attr *attrs, const char *const *allowed, const char *where)
{
	static const char *const known[] = { "optional", "hot", "deprecated", "hex", "octal", "noreturn", NULL };

	(void)c;
	for (struct attr *a = attrs; a; a = a->next) {
		bool is_known = false, is_allowed = false;

		for (int i = 0; known[i]; i++)
			is_known |= strcmp(a->name, known[i]) == 0;
		for (int i = 0; allowed && allowed[i]; i++)
			is_allowed |= strcmp(a->name, allowed[i]) == 0;
		if (!is_known) {
			diag_error(106, a->loc, "unknown attribute `@%s`", a->name);
			diag_help("the attributes are @optional, @hot, @deprecated(\"why\"), @hex, @octal and @noreturn");
		} else if (!is_allowed) {
			diag_error(126, a->loc, "`@%s` does not apply to %s", a->name, where);
		} else if (a->arg && strcmp(a->name, "deprecated") != 0) {
			diag_error(126, a->arg->loc, "`@%s` takes no argument", a->name);
		} else if (a->arg && a->arg->kind != EXPR_STRING) {
			diag_error(126, a->arg->loc, "`@deprecated` takes a string: the reason");
		}
	}
}

static bool check_decl_is_type(const struct decl *d)
{
	return KINDS_TYPE & KIND_BIT(d->kind);
}

static void check_named_type(struct checker *c, struct type *t, const struct source *from)
{
	struct decl *d = check_lookup(c, t->name);

	if (d && strcmp(d->name, t->name) != 0)
		d = NULL; /* an enum member, not a type */
	if (!d) {
		check_report_unknown(c, 100, t->loc, "type", t->name, KINDS_TYPE);
		return;
	}
	if (!check_decl_is_type(d)) {
		diag_error(100, t->loc, "`%s` is %s %s, not a type", t->name,
			   strchr("aeiou", decl_kind_name(d->kind)[0]) ? "an" : "a", decl_kind_name(d->kind));
		diag_note(d->loc, "declared here");
		return;
	}
	if (!check_is_visible(from, d)) {
		diag_error(108, t->loc, "type `%s` is declared in %s, which this file does not import", t->name,
			   d->src->path);
		diag_help("add `import \"%s\";` at the top of this file", strrchr(d->src->path, '/') ?
			  strrchr(d->src->path, '/') + 1 : d->src->path);
		return;
	}
	t->decl = d;
}

static const char *const use_names[] = {
	[USE_FIELD] = "a field",       [USE_PARAM] = "a parameter",  [USE_RETURN] = "a return type",
	[USE_CONST] = "a constant",    [USE_TYPEDEF] = "a typedef",  [USE_ENUM_BASE] = "an enum base type",
	[USE_TUNABLE] = "a tunable",   [USE_POINTEE] = "a pointee",  [USE_ELEMENT] = "an element",
};

static void check_type_not_allowed(struct type *t, enum type_use use, const char *what, const char *hint)
{
	diag_error(123, t->loc, "%s cannot be %s", what, use_names[use]);
	if (hint)
		diag_help("%s", hint);
}

static bool check_is_scalar_kind(enum type_kind k)
{
	return k >= TY_BOOL && k <= TY_VADDR;
}

/* Enum bases, constants and tunables take only scalars (and strings). */
static void check_scalar_use(struct type *t, enum type_use use)
{
	const struct type *r = type_resolve(t);

	if (!r || (r->kind == TY_NAMED && !r->decl))
		return;
	if (use == USE_ENUM_BASE && !type_is_integer(r))
		check_type_not_allowed(t, use, "a non-integer type", "use u8..u64 or i8..i64");
	else if (use == USE_ENUM_BASE && r->kind == TY_NAMED)
		check_type_not_allowed(t, use, "an enum or flags type", "use u8..u64 or i8..i64");
	else if (use != USE_ENUM_BASE && !check_is_scalar_kind(r->kind) && r->kind != TY_STRING &&
		 !type_is_integer(r))
		check_type_not_allowed(t, use, "this type", "constants and tunables are integers, bool or string");
}

static void check_named_use(struct type *t, enum type_use use)
{
	if (!t->decl)
		return;
	if (t->decl->kind == D_HANDLE && use != USE_POINTEE)
		check_type_not_allowed(t, use, "a handle", "handles are opaque: use `*mut` or `*const` of it");
}

/* A function type becomes a C typedef of a function pointer, so it must have
 * a name: only the right side of a typedef. Its signature is checked like a
 * method's either way, so one run reports what is wrong inside it too. */
static void check_fn_type(struct checker *c, struct type *t, const struct source *from, enum type_use use)
{
	if (use != USE_TYPEDEF) {
		diag_error(131, t->loc, "a function type must be named by a typedef; it cannot be written inline as %s",
			   use_names[use]);
		diag_help("name it: `typedef NAME = fn(...);`, then use NAME here");
	}
	check_method_sig(c, t->fn, from, false);
}

void check_type(struct checker *c, struct type *t, const struct source *from, enum type_use use)
{
	switch (t->kind) {
	case TY_NAMED:
		check_named_type(c, t, from);
		check_named_use(t, use);
		break;
	case TY_VOID:
		if (use != USE_POINTEE)
			check_type_not_allowed(t, use, "`void`", use == USE_RETURN ?
					       "leave out `-> T` for a method that returns nothing" :
					       "`void` is only allowed behind a pointer");
		break;
	case TY_PTR:
		check_type(c, t->elem, from, USE_POINTEE);
		break;
	case TY_BUFFER:
		if (use != USE_PARAM)
			check_type_not_allowed(t, use, "a buffer", "buffers are parameters; in a struct use a pointer and a length");
		check_type(c, t->elem, from, USE_ELEMENT);
		break;
	case TY_ARRAY:
		if (use != USE_FIELD && use != USE_ELEMENT)
			check_type_not_allowed(t, use, "an array", "arrays are struct fields; pass a buffer<T> instead");
		check_type(c, t->elem, from, USE_ELEMENT);
		break;
	case TY_FN:
		check_fn_type(c, t, from, use);
		return; /* not a scalar either: E0131 already says what to write */
	default:
		break;
	}
	if (use == USE_ENUM_BASE || use == USE_CONST || use == USE_TUNABLE)
		check_scalar_use(t, use);
}

static bool check_eval_name(struct checker *c, struct expr *e, const struct source *from, struct value *out);

static bool check_eval_fail(struct expr *e, const char *msg)
{
	diag_error(125, e->loc, "%s", msg);
	return false;
}

static bool check_eval_binary(int op, int64_t a, int64_t b, int64_t *r)
{
	switch (op) {
	case '+': return !__builtin_add_overflow(a, b, r);
	case '-': return !__builtin_sub_overflow(a, b, r);
	case '*': return !__builtin_mul_overflow(a, b, r);
	case '/': if (b == 0 || (a == INT64_MIN && b == -1)) return false; *r = a / b; return true;
	case '%': if (b == 0 || (a == INT64_MIN && b == -1)) return false; *r = a % b; return true;
	case '&': *r = a & b; return true;
	case '|': *r = a | b; return true;
	case '^': *r = a ^ b; return true;
	case EXPR_OP_SHL: if (b < 0 || b > 63) return false; *r = (int64_t)((uint64_t)a << b); return true;
	case EXPR_OP_SHR: if (b < 0 || b > 63) return false; *r = a >> b; return true;
	default: return false;
	}
}

static bool check_eval_ints(struct checker *c, struct expr *e, const struct source *from, int64_t *l, int64_t *r)
{
	struct value lv, rv = { VAL_INT, 0, NULL };

	if (!check_eval(c, e->lhs, from, &lv) || (e->rhs && !check_eval(c, e->rhs, from, &rv)))
		return false;
	if (lv.kind != VAL_INT || rv.kind != VAL_INT)
		return check_eval_fail(e, "operators apply to integers only");
	*l = lv.i;
	*r = rv.i;
	return true;
}

bool check_eval(struct checker *c, struct expr *e, const struct source *from, struct value *out)
{
	int64_t l, r;

	switch (e->kind) {
	case EXPR_INT: *out = (struct value){ VAL_INT, e->ival, NULL }; return true;
	case EXPR_BOOL: *out = (struct value){ VAL_BOOL, e->ival, NULL }; return true;
	case EXPR_STRING: *out = (struct value){ VAL_STRING, 0, e->sval }; return true;
	case EXPR_NAME: return check_eval_name(c, e, from, out);
	case EXPR_UNARY:
		if (!check_eval_ints(c, e, from, &l, &r))
			return false;
		if (e->op == '-' && l == INT64_MIN)
			return check_eval_fail(e, "the value overflows 64 bits");
		*out = (struct value){ VAL_INT, e->op == '-' ? -l : ~l, NULL };
		return true;
	case EXPR_BINARY:
		if (!check_eval_ints(c, e, from, &l, &r))
			return false;
		*out = (struct value){ VAL_INT, 0, NULL };
		if (!check_eval_binary(e->op, l, r, &out->i))
			return check_eval_fail(e, "the operation overflows, divides by zero or shifts out of 0..63");
		return true;
	}
	return false;
}


static bool check_eval_name(struct checker *c, struct expr *e, const struct source *from, struct value *out)
{
	struct decl *d = check_lookup(c, e->sval);

	if (!d || (d->kind != D_CONST && d->kind != D_ENUM && d->kind != D_FLAGS) ||
	    ((d->kind == D_ENUM || d->kind == D_FLAGS) && strcmp(d->name, e->sval) == 0)) {
		check_report_unknown(c, 107, e->loc, "constant", e->sval, KIND_BIT(D_CONST));
		return false;
	}
	e->ref = d;
	if (d->kind == D_CONST) {
		check_const_decl(c, d);
		*out = d->u.cnst.val;
		return out->kind != VAL_NONE;
	}
	check_enum_decl(c, d);
	for (struct member *m = d->u.enm.members; m; m = m->next)
		if (strcmp(m->name, e->sval) == 0)
			*out = (struct value){ VAL_INT, m->ival, NULL };
	(void)from;
	return true;
}

bool check_value_fits(const struct type *t, int64_t v)
{
	t = type_resolve(t);
	if (!t)
		return true;
	if (t->kind == TY_NAMED && t->decl && (t->decl->kind == D_ENUM || t->decl->kind == D_FLAGS))
		return check_value_fits(t->decl->u.enm.base, v);
	switch (t->kind) {
	case TY_U8: return v >= 0 && v <= UINT8_MAX;
	case TY_U16: return v >= 0 && v <= UINT16_MAX;
	case TY_U32: return v >= 0 && v <= UINT32_MAX;
	case TY_I8: return v >= INT8_MIN && v <= INT8_MAX;
	case TY_I16: return v >= INT16_MIN && v <= INT16_MAX;
	case TY_I32: return v >= INT32_MIN && v <= INT32_MAX;
	case TY_BOOL: return v == 0 || v == 1;
	default: return true; /* 64-bit: unsigned ones read the bits as two's complement */
	}
}

/* Checks that a value matches the declared type; reports E0124 if not. */
static bool check_value_type(const struct type *t, const struct value *v, struct loc loc)
{
	const struct type *r = type_resolve(t);
	bool want_string = r && r->kind == TY_STRING, want_bool = r && r->kind == TY_BOOL;

	if (!r || (r->kind == TY_NAMED && !r->decl) || v->kind == VAL_NONE)
		return false;
	if (want_string != (v->kind == VAL_STRING) || want_bool != (v->kind == VAL_BOOL)) {
		diag_error(124, loc, "expected %s value", want_string ? "a string" : want_bool ? "a bool" : "an integer");
		return false;
	}
	if (v->kind == VAL_INT && !check_value_fits(t, v->i)) {
		diag_error(124, loc, "%" PRId64 " does not fit the type", v->i);
		return false;
	}
	return true;
}

/* Constants are evaluated on first use; the visit mark catches A = B, B = A. */
void check_const_decl(struct checker *c, struct decl *d)
{
	if (d->check_state == 1) {
		diag_error(125, d->loc, "constant `%s` is defined in terms of itself", d->name);
		return;
	}
	if (d->check_state == 2)
		return;
	d->check_state = 1;
	check_type(c, d->u.cnst.type, d->src, USE_CONST);
	struct value v;
	if (check_eval(c, d->u.cnst.value, d->src, &v) && check_value_type(d->u.cnst.type, &v, d->u.cnst.value->loc))
		d->u.cnst.val = v;
	d->check_state = 2;
}

static void check_enum_member_value(struct checker *c, struct decl *d, struct member *m, int64_t next)
{
	struct value v = { VAL_INT, next, NULL };

	if (!m->value && d->kind == D_FLAGS) {
		diag_error(124, m->loc, "flags member `%s` needs a value", m->name);
		diag_help("write `%s = 0x...`; flags are bits, not a sequence", m->name);
	}
	if (m->value && !check_eval(c, m->value, d->src, &v))
		return;
	if (v.kind != VAL_INT) {
		diag_error(124, m->value->loc, "expected an integer value");
		return;
	}
	if (!check_value_fits(d->u.enm.base, v.i))
		diag_error(124, m->value ? m->value->loc : m->loc, "%" PRId64 " does not fit the base type of `%s`",
			   v.i, d->name);
	m->ival = v.i;
}

void check_enum_decl(struct checker *c, struct decl *d)
{
	int64_t next = 0;

	if (d->check_state)
		return; /* evaluated already, or being evaluated (a member refers to a later one) */
	d->check_state = 1;
	check_type(c, d->u.enm.base, d->src, USE_ENUM_BASE);
	for (struct member *m = d->u.enm.members; m; m = m->next) {
		check_attrs(c, m->attrs, type_decl_attrs, "an enum member");
		check_enum_member_value(c, d, m, next);
		next = m->ival + 1;
	}
	d->check_state = 2;
}
