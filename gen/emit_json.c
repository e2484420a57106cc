/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `idlc --json FILE`: the whole checked spec as a JSON IR (format version 2:
 * version 1 plus function types)
 * for tools that would rather not parse IDL. Called from main.c; prints what
 * check.c computed and decides nothing.
 */
#include "emit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "ctype.h"
#include "out.h"

/* Bumped whenever a consumer would have to change to read the output. */
#define JSON_IR_VERSION 2

/*
 * A pretty-printer with 2-space indentation. Only the innermost container's
 * "nothing written yet" state is kept: a parent always holds at least the
 * child being closed, so closing never needs to look further up.
 *
 * Small records of scalars, and type objects, are printed on one line
 * (`"type": {"kind": "u32"}`, `{"name": "EINVAL", "number": 22}`): they
 * appear on every parameter, field and edge, and one line each keeps a large
 * IR readable and a third smaller.
 */
struct json {
	struct out *o;
	int depth;
	bool first;
	bool is_inline; /* inside a one-line object */
};

static void json_indent(struct json *j)
{
	static const char spaces[] = "                                ";
	int n = j->depth * 2;

	while (n > 0) {
		int chunk = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;

		out_puts(j->o, spaces + sizeof(spaces) - 1 - chunk);
		n -= chunk;
	}
}

/* Length of the valid UTF-8 sequence at s, or 0 if the bytes are not one. */
static int json_utf8_len(const unsigned char *s)
{
	int n;
	uint32_t cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
	bool surrogate = cp >= 0xd800 && cp <= 0xdfff;

	return overlong || surrogate || cp > 0x10ffff ? 0 : n;
}

static bool json_is_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* Writes a run of bytes that need no escaping, up to the next one that does. */
static const unsigned char *json_plain_run(struct out *o, const unsigned char *s)
{
	const unsigned char *start = s;

	while (json_is_plain(*s))
		s++;
	if (s > start)
		out_printf(o, "%.*s", (int)(s - start), (const char *)start);
	return s;
}

/* One byte (or UTF-8 sequence) that needs care; returns the bytes used. */
static int json_escape_one(struct out *o, const unsigned char *s)
{
	int n;

	switch (*s) {
	case '"':
		out_puts(o, "\\\"");
		return 1;
	case '\\':
		out_puts(o, "\\\\");
		return 1;
	case '\n':
		out_puts(o, "\\n");
		return 1;
	case '\t':
		out_puts(o, "\\t");
		return 1;
	}
	if (*s < 0x20 || *s == 0x7f) {
		out_printf(o, "\\u%04x", *s);
		return 1;
	}
	n = json_utf8_len(s);
	if (n == 0) {
		/* JSON text must be UTF-8: replace a stray byte, do not pass it on. */
		out_puts(o, "\\ufffd");
		return 1;
	}
	for (int i = 0; i < n; i++)
		out_putc(o, (char)s[i]);
	return n;
}

/* The slow path: escapes and UTF-8 checks, run by run. */
static void json_escaped(struct out *o, const unsigned char *s)
{
	while (*s) {
		s = json_plain_run(o, s);
		if (*s)
			s += json_escape_one(o, s);
	}
}

static void json_string(struct out *o, const char *str)
{
	const unsigned char *p = (const unsigned char *)str;

	if (!str) {
		out_puts(o, "null");
		return;
	}
	/* Names and most docs need no escaping: copy those in one go. */
	while (json_is_plain(*p))
		p++;
	out_putc(o, '"');
	if (*p)
		json_escaped(o, (const unsigned char *)str);
	else
		out_puts(o, str);
	out_putc(o, '"');
}

/* Starts a member of the current container: separator, indent, key. */
static void json_elem(struct json *j, const char *key)
{
	if (j->is_inline) {
		if (!j->first)
			out_puts(j->o, ", ");
	} else {
		out_puts(j->o, j->first ? "\n" : ",\n");
		json_indent(j);
	}
	if (key) {
		json_string(j->o, key);
		out_puts(j->o, ": ");
	}
	j->first = false;
}

static void json_open(struct json *j, const char *key, char bracket)
{
	json_elem(j, key);
	out_putc(j->o, bracket);
	j->depth++;
	j->first = true;
}

/* Empty containers stay on one line: "[]" and "{}". */
static void json_close(struct json *j, char bracket)
{
	j->depth--;
	if (!j->first && !j->is_inline) {
		out_putc(j->o, '\n');
		json_indent(j);
	}
	out_putc(j->o, bracket);
	j->first = false;
}

/* Opens a one-line object; returns what json_close_inline() restores. */
static bool json_open_inline(struct json *j, const char *key)
{
	bool was_inline = j->is_inline;

	json_open(j, key, '{');
	j->is_inline = true;
	return was_inline;
}

static void json_close_inline(struct json *j, bool was_inline)
{
	json_close(j, '}');
	j->is_inline = was_inline;
}

static void json_str(struct json *j, const char *key, const char *s)
{
	json_elem(j, key);
	json_string(j->o, s);
}

/* Digits of v; snprintf per number would dominate a large IR. */
static void json_put_u64(struct out *o, uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf);

	*--p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_puts(o, p);
}

static void json_put_i64(struct out *o, int64_t v)
{
	if (v < 0) {
		out_putc(o, '-');
		json_put_u64(o, -(uint64_t)v);
	} else {
		json_put_u64(o, (uint64_t)v);
	}
}

static void json_int(struct json *j, const char *key, int64_t v)
{
	json_elem(j, key);
	json_put_i64(j->o, v);
}

static void json_bool(struct json *j, const char *key, bool v)
{
	json_elem(j, key);
	out_puts(j->o, v ? "true" : "false");
}

static void json_null(struct json *j, const char *key)
{
	json_elem(j, key);
	out_puts(j->o, "null");
}

static const char *const json_type_kinds[] = {
	[TY_VOID] = "void", [TY_BOOL] = "bool",
	[TY_U8] = "u8", [TY_U16] = "u16", [TY_U32] = "u32", [TY_U64] = "u64",
	[TY_I8] = "i8", [TY_I16] = "i16", [TY_I32] = "i32", [TY_I64] = "i64",
	[TY_USIZE] = "usize", [TY_ISIZE] = "isize",
	[TY_PADDR] = "paddr", [TY_VADDR] = "vaddr",
	[TY_STRING] = "string", [TY_NAMED] = "named",
	[TY_PTR] = "ptr", [TY_BUFFER] = "buffer", [TY_ARRAY] = "array",
	[TY_FN] = "fn",
};

/* IDL keywords rather than decl_kind_name()'s prose ("constant"): the IR
 * spells kinds the way the IDL does, and must not change with message wording. */
static const char *const json_decl_kinds[] = {
	[D_CONST] = "const", [D_TYPEDEF] = "typedef",
	[D_ENUM] = "enum", [D_FLAGS] = "flags",
	[D_STRUCT] = "struct", [D_UNION] = "union",
	[D_HANDLE] = "handle", [D_ERROR] = "error",
	[D_INTERFACE] = "interface", [D_COMPONENT] = "component",
	[D_SYSCALL] = "syscall",
};

static void json_params(struct json *j, const struct param *params);
static void json_raises(struct json *j, const struct ref *raises);
static void json_type_or_null(struct json *j, const char *key, const struct type *t);

/* {"kind": "fn", "params": [...], "return": ..., "raises": [...]}: not on one
 * line, since its parameters carry docs. Only a typedef holds one. */
static void json_fn_type(struct json *j, const char *key, const struct method *fn)
{
	json_open(j, key, '{');
	json_str(j, "kind", "fn");
	json_params(j, fn->params);
	json_type_or_null(j, "return", fn->ret);
	json_raises(j, fn->raises);
	json_close(j, '}');
}

/* {"kind": "u32"}, {"kind": "ptr", "mut": true, "elem": {...}}, ... */
static void json_type(struct json *j, const char *key, const struct type *t)
{
	if (t->kind == TY_FN && !j->is_inline) {
		json_fn_type(j, key, t->fn);
		return;
	}
	bool was_inline = json_open_inline(j, key);

	json_str(j, "kind", json_type_kinds[t->kind]);
	switch (t->kind) {
	case TY_NAMED:
		json_str(j, "name", t->name);
		json_str(j, "decl_kind", t->decl ? json_decl_kinds[t->decl->kind] : NULL);
		break;
	case TY_PTR:
		json_bool(j, "mut", t->is_mut);
		json_type(j, "elem", t->elem);
		break;
	case TY_BUFFER:
		json_type(j, "elem", t->elem);
		break;
	case TY_ARRAY:
		json_int(j, "len", t->len);
		json_type(j, "elem", t->elem);
		break;
	default:
		break;
	}
	json_close_inline(j, was_inline);
}

static void json_type_or_null(struct json *j, const char *key, const struct type *t)
{
	if (t)
		json_type(j, key, t);
	else
		json_null(j, key);
}

/* 64-bit unsigned values above INT64_MAX are held wrapped in an int64_t. */
static bool json_is_unsigned64(const struct type *t)
{
	const struct type *r = t ? type_resolve(t) : NULL;

	if (!r)
		return false;
	return r->kind == TY_U64 || r->kind == TY_USIZE || r->kind == TY_PADDR ||
	       r->kind == TY_VADDR;
}

/* An integer of type t (NULL: signed). */
static void json_typed_int(struct json *j, const char *key, int64_t v, const struct type *t)
{
	json_elem(j, key);
	if (v < 0 && json_is_unsigned64(t))
		json_put_u64(j->o, (uint64_t)v);
	else
		json_put_i64(j->o, v);
}

static void json_value(struct json *j, const char *key, const struct value *v,
		       const struct type *t)
{
	switch (v->kind) {
	case VAL_INT:
		json_typed_int(j, key, v->i, t);
		break;
	case VAL_BOOL:
		json_bool(j, key, v->i != 0);
		break;
	case VAL_STRING:
		json_str(j, key, v->s);
		break;
	default:
		json_null(j, key);
		break;
	}
}

/* The checker lets only @deprecated take an argument, and only a string. */
static void json_attr_arg(struct json *j, const struct expr *e)
{
	if (e->kind == EXPR_STRING)
		json_str(j, "arg", e->sval);
	else
		json_null(j, "arg");
}

static void json_attrs(struct json *j, const struct attr *attrs)
{
	json_open(j, "attributes", '[');
	for (const struct attr *a = attrs; a; a = a->next) {
		bool was_inline = json_open_inline(j, NULL);

		json_str(j, "name", a->name);
		if (a->arg)
			json_attr_arg(j, a->arg);
		json_close_inline(j, was_inline);
	}
	json_close(j, ']');
}

/* Where a top-level declaration is, and what its comment says. */
static void json_where(struct json *j, const struct decl *d)
{
	json_str(j, "file", d->src ? d->src->path : NULL);
	json_int(j, "line", d->loc.line);
	json_str(j, "doc", d->doc);
}

static void json_member(struct json *j, const struct member *m, const struct type *base)
{
	json_open(j, NULL, '{');
	json_str(j, "name", m->name);
	json_int(j, "line", m->loc.line);
	json_str(j, "doc", m->doc);
	json_attrs(j, m->attrs);
	if (m->type)
		json_type(j, "type", m->type);
	else
		json_typed_int(j, "value", m->ival, base);
	json_close(j, '}');
}

static void json_enum(struct json *j, const struct decl *d)
{
	json_type(j, "base", d->u.enm.base);
	json_open(j, "members", '[');
	for (const struct member *m = d->u.enm.members; m; m = m->next)
		json_member(j, m, d->u.enm.base);
	json_close(j, ']');
}

static void json_record(struct json *j, const struct decl *d)
{
	json_open(j, "fields", '[');
	for (const struct member *m = d->u.rec.fields; m; m = m->next)
		json_member(j, m, NULL);
	json_close(j, ']');
}

/* One entry of "types": consts, typedefs, enums, flags, structs, unions, handles. */
static void json_type_decl(struct json *j, const struct decl *d)
{
	json_open(j, NULL, '{');
	json_str(j, "name", d->name);
	json_str(j, "kind", json_decl_kinds[d->kind]);
	json_where(j, d);
	json_attrs(j, d->attrs);
	switch (d->kind) {
	case D_CONST:
		json_type(j, "type", d->u.cnst.type);
		json_value(j, "value", &d->u.cnst.val, d->u.cnst.type);
		break;
	case D_TYPEDEF:
		json_type(j, "type", d->u.tdef.type);
		break;
	case D_ENUM:
	case D_FLAGS:
		json_enum(j, d);
		break;
	case D_STRUCT:
	case D_UNION:
		json_record(j, d);
		break;
	default:
		break;
	}
	json_close(j, '}');
}

static void json_error(struct json *j, const struct decl *d)
{
	json_open(j, NULL, '{');
	json_str(j, "name", d->name);
	json_int(j, "number", d->u.err.number);
	json_where(j, d);
	json_close(j, '}');
}

static void json_param(struct json *j, const struct param *p)
{
	json_open(j, NULL, '{');
	json_str(j, "name", p->name);
	if (p->dir == DIR_NONE)
		json_null(j, "direction");
	else
		json_str(j, "direction", direction_name(p->dir));
	json_type(j, "type", p->type);
	json_str(j, "doc", p->doc);
	json_attrs(j, p->attrs);
	json_close(j, '}');
}

static void json_params(struct json *j, const struct param *params)
{
	json_open(j, "params", '[');
	for (const struct param *p = params; p; p = p->next)
		json_param(j, p);
	json_close(j, ']');
}

static void json_raises(struct json *j, const struct ref *raises)
{
	json_open(j, "raises", '[');
	for (const struct ref *r = raises; r; r = r->next) {
		bool was_inline = json_open_inline(j, NULL);

		json_str(j, "name", r->name);
		if (r->decl)
			json_int(j, "number", r->decl->u.err.number);
		else
			json_null(j, "number");
		json_close_inline(j, was_inline);
	}
	json_close(j, ']');
}

/* What methods and syscalls share: signature, doc and attributes. */
static void json_signature(struct json *j, const struct method *m)
{
	json_str(j, "doc", m->doc);
	json_attrs(j, m->attrs);
	json_params(j, m->params);
	json_type_or_null(j, "return", m->ret);
	json_raises(j, m->raises);
}

static void json_method(struct json *j, const struct method *m)
{
	json_open(j, NULL, '{');
	json_str(j, "name", m->name);
	json_int(j, "line", m->loc.line);
	json_signature(j, m);
	json_bool(j, "optional", m->is_optional);
	json_bool(j, "hot", m->is_hot);
	json_close(j, '}');
}

static void json_providers(struct json *j, const struct interface_decl *in)
{
	json_open(j, "providers", '[');
	for (size_t i = 0; i < in->nproviders; i++)
		json_str(j, NULL, in->providers[i]->name);
	json_close(j, ']');
}

static void json_interface(struct json *j, const struct decl *d)
{
	const struct interface_decl *in = &d->u.iface;

	json_open(j, NULL, '{');
	json_str(j, "name", d->name);
	json_str(j, "kind", in->is_multi ? "multi" : "singleton");
	json_where(j, d);
	json_attrs(j, d->attrs);
	json_str(j, "default", in->default_impl.name);
	json_bool(j, "optional", in->is_optional);
	json_open(j, "methods", '[');
	for (const struct method *m = in->methods; m; m = m->next)
		json_method(j, m);
	json_close(j, ']');
	json_providers(j, in);
	json_str(j, "bound", in->bound ? in->bound->name : NULL);
	json_close(j, '}');
}

static void json_provide(struct json *j, const struct provide *p)
{
	json_open(j, NULL, '{');
	json_str(j, "interface", p->iface.name);
	json_open(j, "bindings", '{');
	for (const struct binding *b = p->bindings; b; b = b->next)
		json_str(j, b->method, b->cname);
	json_close(j, '}');
	json_close(j, '}');
}

static void json_require(struct json *j, const struct require *r)
{
	bool was_inline = json_open_inline(j, NULL);

	json_str(j, "interface", r->iface.name);
	json_bool(j, "optional", r->is_optional);
	json_close_inline(j, was_inline);
}

static void json_syscall_impl(struct json *j, const struct syscall_impl *si)
{
	bool was_inline = json_open_inline(j, NULL);

	json_str(j, "name", si->syscall.name);
	json_str(j, "cname", si->cname);
	json_close_inline(j, was_inline);
}

static void json_tunable(struct json *j, const struct tunable *t)
{
	json_open(j, NULL, '{');
	json_str(j, "name", t->name);
	json_int(j, "line", t->loc.line);
	json_str(j, "doc", t->doc);
	json_type(j, "type", t->type);
	json_value(j, "default", &t->def_val, t->type);
	if (t->has_range) {
		json_typed_int(j, "min", t->min_val, t->type);
		json_typed_int(j, "max", t->max_val, t->type);
	} else {
		json_null(j, "min");
		json_null(j, "max");
	}
	json_str(j, "kconfig", t->kconfig);
	json_value(j, "value", &t->cfg_val, t->type);
	json_close(j, '}');
}

/* The lists of a manifest, each in source order. */
static void json_component_lists(struct json *j, const struct component_decl *c)
{
	json_open(j, "provides", '[');
	for (const struct provide *p = c->provides; p; p = p->next)
		json_provide(j, p);
	json_close(j, ']');
	json_open(j, "requires", '[');
	for (const struct require *r = c->requires; r; r = r->next)
		json_require(j, r);
	json_close(j, ']');
	json_open(j, "syscalls", '[');
	for (const struct syscall_impl *si = c->syscalls; si; si = si->next)
		json_syscall_impl(j, si);
	json_close(j, ']');
	json_open(j, "tunables", '[');
	for (const struct tunable *t = c->tunables; t; t = t->next)
		json_tunable(j, t);
	json_close(j, ']');
}

static void json_component(struct json *j, const struct decl *d)
{
	const struct component_decl *c = &d->u.comp;

	json_open(j, NULL, '{');
	json_str(j, "name", d->name);
	json_where(j, d);
	json_attrs(j, d->attrs);
	json_str(j, "dir", c->dir);
	json_str(j, "version", c->version);
	json_str(j, "license", c->license);
	json_str(j, "kconfig", c->kconfig);
	json_str(j, "init", c->init);
	json_bool(j, "selected", c->is_selected);
	if (c->init_rank >= 0)
		json_int(j, "init_rank", c->init_rank);
	else
		json_null(j, "init_rank");
	json_component_lists(j, c);
	json_close(j, '}');
}

static void json_syscall(struct json *j, const struct decl *d)
{
	const struct syscall_decl *sc = &d->u.sys;

	json_open(j, NULL, '{');
	json_int(j, "nr", sc->nr);
	json_str(j, "name", d->name);
	json_str(j, "file", d->src ? d->src->path : NULL);
	json_int(j, "line", d->loc.line);
	json_signature(j, &sc->sig);
	json_int(j, "slots", sc->nslots);
	if (sc->impl) {
		json_open(j, "implemented_by", '{');
		json_str(j, "component", sc->impl->name);
		json_str(j, "cname", sc->impl_cname);
		json_close(j, '}');
	} else {
		json_null(j, "implemented_by");
	}
	json_close(j, '}');
}

static void json_edge(struct json *j, const struct dep_edge *e)
{
	bool was_inline = json_open_inline(j, NULL);

	json_str(j, "from", e->from->name);
	json_str(j, "to", e->to->name);
	json_str(j, "interface", e->iface->name);
	json_bool(j, "optional", e->is_optional);
	json_close_inline(j, was_inline);
}

static void json_config(struct json *j, const struct spec *s)
{
	json_open(j, "config", '{');
	json_str(j, "path", s->config.path);
	json_open(j, "init_order", '[');
	for (size_t i = 0; i < s->ninit; i++)
		json_str(j, NULL, s->init_order[i]->name);
	json_close(j, ']');
	json_open(j, "edges", '[');
	for (size_t i = 0; i < s->nedges; i++)
		json_edge(j, &s->edges[i]);
	json_close(j, ']');
	json_close(j, '}');
}

static void json_sources(struct json *j, const struct spec *s)
{
	json_open(j, "sources", '[');
	for (const struct source *src = s->sources; src; src = src->next)
		json_str(j, NULL, src->path);
	json_close(j, ']');
}

/* A top-level array of declarations printed by one node function. */
static void json_decl_array(struct json *j, const char *key, struct decl *const *decls,
			    size_t n, void (*print)(struct json *, const struct decl *))
{
	json_open(j, key, '[');
	for (size_t i = 0; i < n; i++)
		print(j, decls[i]);
	json_close(j, ']');
}

/* What the banner says the IR was made from: every source, and the
 * configuration when one was read (its choices are in the IR too). */
static void json_document(struct json *j, const struct spec *s)
{
	out_putc(j->o, '{');
	j->depth = 1;
	j->first = true;
	json_str(j, "generated", banner_text(s, NULL));
	json_int(j, "version", JSON_IR_VERSION);
	json_sources(j, s);
	json_decl_array(j, "errors", s->errors, s->nerrors, json_error);
	json_decl_array(j, "types", s->types, s->ntypes, json_type_decl);
	json_decl_array(j, "interfaces", s->interfaces, s->ninterfaces, json_interface);
	json_decl_array(j, "components", s->components, s->ncomponents, json_component);
	json_decl_array(j, "syscalls", s->syscalls, s->nsyscalls, json_syscall);
	if (s->has_config)
		json_config(j, s);
	json_close(j, '}');
	out_putc(j->o, '\n');
}

int emit_json(const struct spec *s, const char *path)
{
	struct json j = { .o = out_new() };

	json_document(&j, s);
	return out_commit(j.o, path);
}
