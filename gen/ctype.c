/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C and IDL spellings of types (the mapping is described in ctype.h).
 * Used by every emitter that prints C prototypes, fields or docs.
 */
#include "ctype.h"

#include <inttypes.h>
#include <stdbool.h>

#include "out.h"

const char *ctype_scalar(enum type_kind k)
{
	static const char *const names[] = {
		[TY_VOID] = "void",      [TY_BOOL] = "bool",       [TY_U8] = "uint8_t",   [TY_U16] = "uint16_t",
		[TY_U32] = "uint32_t",   [TY_U64] = "uint64_t",    [TY_I8] = "int8_t",    [TY_I16] = "int16_t",
		[TY_I32] = "int32_t",    [TY_I64] = "int64_t",     [TY_USIZE] = "size_t", [TY_ISIZE] = "long",
		[TY_PADDR] = "paddr_t",  [TY_VADDR] = "vaddr_t",   [TY_STRING] = "const char *",
	};
	return k <= TY_STRING ? names[k] : NULL;
}

static void ctype_named(struct out *o, const struct type *t)
{
	const struct decl *d = t->decl;

	if (!d) {
		out_puts(o, t->name);
		return;
	}
	switch (d->kind) {
	case D_STRUCT:
	case D_HANDLE: out_printf(o, "struct %s", d->name); break;
	case D_UNION: out_printf(o, "union %s", d->name); break;
	default: out_printf(o, "%s_t", d->name); break;
	}
}

/* The base type, with `const` and `*` for pointers, but not the name. */
static void ctype_base(struct out *o, const struct type *t, unsigned flags)
{
	switch (t->kind) {
	case TY_NAMED:
		ctype_named(o, t);
		break;
	case TY_PTR: {
		/* `*const *mut u8` is `uint8_t *const *`: const binds to the pointee. */
		bool elem_is_ptr = t->elem->kind == TY_PTR || t->elem->kind == TY_STRING;

		if (!t->is_mut && !elem_is_ptr)
			out_puts(o, "const ");
		ctype_base(o, t->elem, 0);
		if (!elem_is_ptr)
			out_putc(o, ' ');
		if (!t->is_mut && elem_is_ptr)
			out_puts(o, "const ");
		out_puts(o, (flags & CTYPE_USER) ? "__user *" : "*");
		break;
	}
	case TY_ARRAY:
	case TY_BUFFER:
		ctype_base(o, t->elem, flags);
		break;
	default:
		out_puts(o, ctype_scalar(t->kind));
		break;
	}
}

static void ctype_array_suffix(struct out *o, const struct type *t)
{
	for (; t && t->kind == TY_ARRAY; t = t->elem)
		out_printf(o, "[%" PRId64 "]", t->len);
}

/* Pointer spellings end in '*', which the name follows without a blank. */
static bool ctype_ends_in_star(const struct type *t)
{
	while (t->kind == TY_ARRAY || t->kind == TY_BUFFER)
		t = t->elem;
	return t->kind == TY_PTR || t->kind == TY_STRING;
}

/* `RET (*name)(PARAMS)`: a function type is named as a pointer to function,
 * so a field or parameter of it holds the function's address. */
static void ctype_fn_pointer(struct out *o, const struct method *fn, const char *name)
{
	ctype_ret_sep(o, fn);
	out_printf(o, "(*%s)(", name ? name : "");
	ctype_params(o, fn, NULL, 0);
	out_putc(o, ')');
}

void ctype_decl(struct out *o, const struct type *t, const char *name)
{
	if (t->kind == TY_FN) {
		ctype_fn_pointer(o, t->fn, name);
		return;
	}
	ctype_base(o, t, 0);
	if (name && !ctype_ends_in_star(t))
		out_putc(o, ' ');
	if (name)
		out_puts(o, name);
	if (t->kind == TY_ARRAY)
		ctype_array_suffix(o, t);
}

void ctype_typedef(struct out *o, const struct decl *d)
{
	struct out *name = out_new();

	out_printf(name, "%s_t", d->name);
	out_puts(o, "typedef ");
	ctype_decl(o, d->u.tdef.type, out_data(name));
	out_putc(o, ';');
	out_free(name);
}

static void ctype_pointer_to(struct out *o, const struct type *elem, bool is_const, unsigned flags,
			     const char *name)
{
	if (is_const)
		out_puts(o, "const ");
	ctype_base(o, elem, 0);
	out_puts(o, (flags & CTYPE_USER) ? " __user *" : " *");
	out_puts(o, name);
}

void ctype_param(struct out *o, const struct param *p, unsigned flags)
{
	const struct type *t = p->type;

	if (t->kind == TY_BUFFER) {
		ctype_pointer_to(o, t->elem, p->dir == DIR_IN, flags, p->name);
		out_printf(o, ", size_t %s_len", p->name);
	} else if (t->kind == TY_STRING) {
		out_printf(o, "const char %s*%s", (flags & CTYPE_USER) ? "__user " : "", p->name);
	} else {
		ctype_base(o, t, flags);
		if (!ctype_ends_in_star(t))
			out_putc(o, ' ');
		out_puts(o, p->name);
	}
}

void ctype_params(struct out *o, const struct method *m, const char *self, unsigned flags)
{
	bool first = true;

	if (self) {
		out_puts(o, self);
		first = false;
	}
	for (const struct param *p = m->params; p; p = p->next) {
		if (!first)
			out_puts(o, ", ");
		ctype_param(o, p, flags);
		first = false;
	}
	if (first)
		out_puts(o, "void");
}

void ctype_args(struct out *o, const struct method *m, const char *self)
{
	bool first = true;

	if (self) {
		out_puts(o, self);
		first = false;
	}
	for (const struct param *p = m->params; p; p = p->next) {
		out_printf(o, "%s%s", first ? "" : ", ", p->name);
		if (p->type->kind == TY_BUFFER)
			out_printf(o, ", %s_len", p->name);
		first = false;
	}
}

void ctype_ret(struct out *o, const struct method *m)
{
	if (m->ret)
		ctype_decl(o, m->ret, NULL);
	else
		out_puts(o, m->has_raises ? "int" : "void");
}

void ctype_ret_sep(struct out *o, const struct method *m)
{
	ctype_ret(o, m);
	if (!m->ret || !ctype_ends_in_star(m->ret))
		out_putc(o, ' ');
}

void idlparams_print(struct out *o, const struct method *m)
{
	out_putc(o, '(');
	for (const struct param *p = m->params; p; p = p->next) {
		const char *dir = direction_name(p->dir);

		out_printf(o, "%s%s%s%s: ", p == m->params ? "" : ", ", dir, *dir ? " " : "", p->name);
		idltype_print(o, p->type);
	}
	out_putc(o, ')');
	if (m->ret) {
		out_puts(o, " -> ");
		idltype_print(o, m->ret);
	}
}

void idlraises_print(struct out *o, const struct method *m)
{
	if (!m->has_raises)
		return;
	out_puts(o, " raises(");
	for (const struct ref *r = m->raises; r; r = r->next)
		out_printf(o, "%s%s", r == m->raises ? "" : ", ", r->name);
	out_putc(o, ')');
}

void idltype_print(struct out *o, const struct type *t)
{
	static const char *const prims[] = {
		[TY_VOID] = "void", [TY_BOOL] = "bool", [TY_U8] = "u8",       [TY_U16] = "u16",
		[TY_U32] = "u32",   [TY_U64] = "u64",   [TY_I8] = "i8",       [TY_I16] = "i16",
		[TY_I32] = "i32",   [TY_I64] = "i64",   [TY_USIZE] = "usize", [TY_ISIZE] = "isize",
		[TY_PADDR] = "paddr", [TY_VADDR] = "vaddr", [TY_STRING] = "string",
	};

	switch (t->kind) {
	case TY_NAMED: out_puts(o, t->name); break;
	case TY_PTR:
		out_puts(o, t->is_mut ? "*mut " : "*const ");
		idltype_print(o, t->elem);
		break;
	case TY_BUFFER:
		out_puts(o, "buffer<");
		idltype_print(o, t->elem);
		out_putc(o, '>');
		break;
	case TY_ARRAY:
		out_putc(o, '[');
		idltype_print(o, t->elem);
		out_printf(o, "; %" PRId64 "]", t->len);
		break;
	case TY_FN:
		out_puts(o, "fn");
		idlparams_print(o, t->fn);
		idlraises_print(o, t->fn);
		break;
	default: out_puts(o, prims[t->kind]); break;
	}
}

const char *direction_name(enum direction d)
{
	static const char *const names[] = { "", "in", "out", "inout" };

	return names[d];
}
