/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Small queries over the model shared by the checker and the emitters
 * (declared at the end of ast.h).
 */
#include "ast.h"

#include <string.h>

#include "arena.h"
#include "markdown.h"

bool type_is_integer(const struct type *t)
{
	t = type_resolve(t);
	if (!t)
		return false;
	if (t->kind == TY_NAMED && t->decl && (t->decl->kind == D_ENUM || t->decl->kind == D_FLAGS))
		return true;
	return t->kind >= TY_U8 && t->kind <= TY_VADDR;
}

bool type_is_signed(const struct type *t)
{
	t = type_resolve(t);
	if (!t)
		return false;
	if (t->kind == TY_NAMED && t->decl && (t->decl->kind == D_ENUM || t->decl->kind == D_FLAGS))
		return type_is_signed(t->decl->u.enm.base);
	return (t->kind >= TY_I8 && t->kind <= TY_I64) || t->kind == TY_ISIZE;
}

bool type_is_pointer_like(const struct type *t)
{
	t = type_resolve(t);
	return t && (t->kind == TY_PTR || t->kind == TY_BUFFER || t->kind == TY_STRING);
}

/* Follows typedefs; a typedef cycle is reported by the checker, so the walk
 * is bounded rather than trusting the input. */
const struct type *type_resolve(const struct type *t)
{
	for (int depth = 0; t && depth < 64; depth++) {
		if (t->kind != TY_NAMED || !t->decl || t->decl->kind != D_TYPEDEF)
			return t;
		t = t->decl->u.tdef.type;
	}
	return t;
}

const struct attr *attr_find(const struct attr *attrs, const char *name)
{
	for (; attrs; attrs = attrs->next)
		if (strcmp(attrs->name, name) == 0)
			return attrs;
	return NULL;
}

const char *decl_kind_name(enum decl_kind k)
{
	static const char *const names[] = {
		[D_CONST] = "constant",   [D_TYPEDEF] = "typedef",     [D_ENUM] = "enum",
		[D_FLAGS] = "flags",      [D_STRUCT] = "struct",       [D_UNION] = "union",
		[D_HANDLE] = "handle",    [D_ERROR] = "error",         [D_INTERFACE] = "interface",
		[D_COMPONENT] = "component", [D_SYSCALL] = "syscall",
	};
	return names[k];
}

/* The first sentence of a doc comment, on one line: what menuconfig and the
 * docs index show. markdown_summary() decides where the sentence ends. */
const char *doc_summary(struct arena *a, const char *doc)
{
	struct md_span span = markdown_summary(doc);
	char *s = arena_strndup(a, span.p ? span.p : "", span.len);

	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}
