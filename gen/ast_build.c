/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Node constructors for the parser (see ast_build.h). Lists are short
 * (members of one declaration), so appending walks to the tail; top-level
 * declarations are linked through the context's tail pointer instead.
 */
#include "ast_build.h"

#include <stddef.h>
#include <string.h>

#include "arena.h"

/* Appends item to a list linked through the pointer at next_off in each
 * node; returns the (possibly new) head. Lists here are a declaration's
 * members, so walking to the tail is cheap. */
static void *ast_append(void *head, void *item, size_t next_off)
{
	void *node = head, *next;

	if (!head)
		return item;
	for (;;) {
		memcpy(&next, (char *)node + next_off, sizeof(next));
		if (!next)
			break;
		node = next;
	}
	memcpy((char *)node + next_off, &item, sizeof(item));
	return head;
}

static void *ast_new(struct parse_ctx *c, size_t size)
{
	return arena_alloc(c->spec->arena, size);
}

struct loc ast_loc(struct parse_ctx *c, int first_line, int first_col, int last_line, int last_col)
{
	struct loc l = { c->src, first_line, first_col, last_col };

	if (last_line != first_line || last_col <= first_col)
		l.end_col = first_col + 1;
	return l;
}

void ast_add_decl(struct parse_ctx *c, struct decl *d, char *doc, struct attr *attrs)
{
	d->doc = doc;
	d->attrs = attrs;
	d->src = c->src;
	*c->tail = d;
	c->tail = &d->next;
}

void ast_add_import(struct parse_ctx *c, char *path, struct loc loc)
{
	struct import *imp = ast_new(c, sizeof(*imp));

	imp->path = path;
	imp->loc = loc;
	*c->import_tail = imp;
	c->import_tail = &imp->next;
}

char *ast_doc_append(struct parse_ctx *c, char *doc, const char *line)
{
	if (!doc)
		return arena_strdup(c->spec->arena, line);
	return arena_printf(c->spec->arena, "%s\n%s", doc, line);
}

struct attr *ast_attr(struct parse_ctx *c, char *name, struct loc loc, struct expr *arg)
{
	struct attr *a = ast_new(c, sizeof(*a));

	a->name = name;
	a->loc = loc;
	a->arg = arg;
	return a;
}

struct attr *ast_attr_append(struct attr *list, struct attr *a)
{
	return ast_append(list, a, offsetof(struct attr, next));
}

struct type *ast_type(struct parse_ctx *c, enum type_kind kind, struct loc loc)
{
	struct type *t = ast_new(c, sizeof(*t));

	t->kind = kind;
	t->loc = loc;
	return t;
}

struct type *ast_type_named(struct parse_ctx *c, char *name, struct loc loc)
{
	struct type *t = ast_type(c, TY_NAMED, loc);

	t->name = name;
	return t;
}

struct type *ast_type_ptr(struct parse_ctx *c, bool is_mut, struct type *elem, struct loc loc)
{
	struct type *t = ast_type(c, TY_PTR, loc);

	t->is_mut = is_mut;
	t->elem = elem;
	return t;
}

struct type *ast_type_buffer(struct parse_ctx *c, struct type *elem, struct loc loc)
{
	struct type *t = ast_type(c, TY_BUFFER, loc);

	t->elem = elem;
	return t;
}

struct type *ast_type_array(struct parse_ctx *c, struct type *elem, struct expr *len, struct loc loc)
{
	struct type *t = ast_type(c, TY_ARRAY, loc);

	t->elem = elem;
	t->len_expr = len;
	return t;
}

/* A function type is a method without a name: the typedef that names it
 * gives it one (ast_typedef), so messages about its parameters read well. */
struct type *ast_type_fn(struct parse_ctx *c, struct param *params, struct type *ret, struct ref *raises,
			 int has_raises, struct loc loc)
{
	struct type *t = ast_type(c, TY_FN, loc);

	t->fn = ast_method(c, "fn", loc, NULL, NULL, params, ret, raises, has_raises);
	return t;
}

struct expr *ast_expr_int(struct parse_ctx *c, enum expr_kind kind, int64_t v, struct loc loc)
{
	struct expr *e = ast_new(c, sizeof(*e));

	e->kind = kind;
	e->ival = v;
	e->loc = loc;
	return e;
}

struct expr *ast_expr_str(struct parse_ctx *c, enum expr_kind kind, char *s, struct loc loc)
{
	struct expr *e = ast_new(c, sizeof(*e));

	e->kind = kind;
	e->sval = s;
	e->loc = loc;
	return e;
}

struct expr *ast_expr_op(struct parse_ctx *c, int op, struct expr *lhs, struct expr *rhs, struct loc loc)
{
	struct expr *e = ast_new(c, sizeof(*e));

	e->kind = rhs ? EXPR_BINARY : EXPR_UNARY;
	e->op = op;
	e->lhs = lhs;
	e->rhs = rhs;
	e->loc = loc;
	return e;
}

struct ref *ast_ref(struct parse_ctx *c, char *name, struct loc loc)
{
	struct ref *r = ast_new(c, sizeof(*r));

	r->name = name;
	r->loc = loc;
	return r;
}

struct ref *ast_ref_append(struct ref *list, struct ref *r)
{
	return ast_append(list, r, offsetof(struct ref, next));
}

struct param *ast_param(struct parse_ctx *c, char *doc, struct attr *attrs, int dir, struct loc dir_loc,
			char *name, struct loc loc, struct type *type)
{
	struct param *p = ast_new(c, sizeof(*p));

	p->doc = doc;
	p->attrs = attrs;
	p->dir = (enum direction)dir;
	p->dir_loc = dir_loc;
	p->name = name;
	p->loc = loc;
	p->type = type;
	return p;
}

struct param *ast_param_append(struct param *list, struct param *n)
{
	return ast_append(list, n, offsetof(struct param, next));
}

struct method *ast_method(struct parse_ctx *c, char *name, struct loc loc, char *doc, struct attr *attrs,
			  struct param *params, struct type *ret, struct ref *raises, int has_raises)
{
	struct method *m = ast_new(c, sizeof(*m));

	m->name = name;
	m->loc = loc;
	m->doc = doc;
	m->attrs = attrs;
	m->params = params;
	m->ret = ret;
	m->raises = raises;
	m->has_raises = has_raises;
	return m;
}

struct method *ast_method_append(struct method *list, struct method *m)
{
	return ast_append(list, m, offsetof(struct method, next));
}

struct member *ast_member(struct parse_ctx *c, char *name, struct loc loc, char *doc, struct attr *attrs,
			  struct type *type, struct expr *value)
{
	struct member *m = ast_new(c, sizeof(*m));

	m->name = name;
	m->loc = loc;
	m->doc = doc;
	m->attrs = attrs;
	m->type = type;
	m->value = value;
	return m;
}

struct member *ast_member_append(struct member *list, struct member *m)
{
	return ast_append(list, m, offsetof(struct member, next));
}

static struct decl *ast_decl(struct parse_ctx *c, enum decl_kind kind, char *name, struct loc loc)
{
	struct decl *d = ast_new(c, sizeof(*d));

	d->kind = kind;
	d->name = name;
	d->loc = loc;
	d->src = c->src;
	return d;
}

struct decl *ast_const(struct parse_ctx *c, char *name, struct loc loc, struct type *t, struct expr *v)
{
	struct decl *d = ast_decl(c, D_CONST, name, loc);

	d->u.cnst.type = t;
	d->u.cnst.value = v;
	return d;
}

struct decl *ast_typedef(struct parse_ctx *c, char *name, struct loc loc, struct type *t)
{
	struct decl *d = ast_decl(c, D_TYPEDEF, name, loc);

	d->u.tdef.type = t;
	if (t && t->kind == TY_FN)
		t->fn->name = name;
	return d;
}

struct decl *ast_enum(struct parse_ctx *c, enum decl_kind kind, char *name, struct loc loc,
		      struct type *base, struct member *members)
{
	struct decl *d = ast_decl(c, kind, name, loc);

	d->u.enm.base = base;
	d->u.enm.members = members;
	return d;
}

struct decl *ast_record(struct parse_ctx *c, enum decl_kind kind, char *name, struct loc loc,
			struct member *fields)
{
	struct decl *d = ast_decl(c, kind, name, loc);

	d->u.rec.fields = fields;
	return d;
}

struct decl *ast_handle(struct parse_ctx *c, char *name, struct loc loc)
{
	return ast_decl(c, D_HANDLE, name, loc);
}

struct decl *ast_error_decl(struct parse_ctx *c, char *name, struct loc loc, struct expr *v)
{
	struct decl *d = ast_decl(c, D_ERROR, name, loc);

	d->u.err.value = v;
	return d;
}

struct decl *ast_interface(struct parse_ctx *c, bool is_multi, char *name, struct loc loc,
			   struct method *methods)
{
	struct decl *d = ast_decl(c, D_INTERFACE, name, loc);

	d->u.iface.is_multi = is_multi;
	d->u.iface.methods = methods;
	return d;
}

void ast_set_default(struct parse_ctx *c, struct decl *iface, char *name, struct loc loc)
{
	(void)c;
	iface->u.iface.default_impl.name = name;
	iface->u.iface.default_impl.loc = loc;
}

struct decl *ast_syscall(struct parse_ctx *c, int64_t nr, struct loc nr_loc, char *name, struct loc loc,
			 struct param *params, struct type *ret, struct ref *raises, int has_raises)
{
	struct decl *d = ast_decl(c, D_SYSCALL, name, loc);

	d->u.sys.number = ast_expr_int(c, EXPR_INT, nr, nr_loc);
	d->u.sys.nr = nr;
	d->u.sys.sig.name = name;
	d->u.sys.sig.loc = loc;
	d->u.sys.sig.params = params;
	d->u.sys.sig.ret = ret;
	d->u.sys.sig.raises = raises;
	d->u.sys.sig.has_raises = has_raises;
	return d;
}

struct decl *ast_component(struct parse_ctx *c)
{
	struct decl *d = ast_decl(c, D_COMPONENT, NULL, (struct loc){ 0 });

	d->u.comp.init_rank = -1;
	return d;
}

void ast_component_name(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc)
{
	(void)c;
	comp->name = name;
	comp->loc = loc;
}

void ast_comp_property(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, struct expr *v)
{
	struct property *p = ast_new(c, sizeof(*p));

	p->name = name;
	p->loc = loc;
	p->value = v;
	comp->u.comp.props = ast_append(comp->u.comp.props, p, offsetof(struct property, next));
}

void ast_comp_provides(struct parse_ctx *c, struct decl *comp, char *iface, struct loc loc,
		       struct binding *bindings)
{
	struct provide *p = ast_new(c, sizeof(*p));

	p->iface.name = iface;
	p->iface.loc = loc;
	p->bindings = bindings;
	comp->u.comp.provides = ast_append(comp->u.comp.provides, p, offsetof(struct provide, next));
}

void ast_comp_requires(struct parse_ctx *c, struct decl *comp, char *iface, struct loc loc, bool is_optional)
{
	struct require *r = ast_new(c, sizeof(*r));

	r->iface.name = iface;
	r->iface.loc = loc;
	r->is_optional = is_optional;
	comp->u.comp.requires = ast_append(comp->u.comp.requires, r, offsetof(struct require, next));
}

void ast_comp_syscall(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, char *cname,
		      struct loc cname_loc)
{
	struct syscall_impl *s = ast_new(c, sizeof(*s));

	s->syscall.name = name;
	s->syscall.loc = loc;
	s->cname = cname;
	s->cname_loc = cname_loc;
	comp->u.comp.syscalls = ast_append(comp->u.comp.syscalls, s, offsetof(struct syscall_impl, next));
}

void ast_comp_tunable(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, char *doc,
		      struct type *t, struct expr *def, struct expr *min, struct expr *max)
{
	struct tunable *tn = ast_new(c, sizeof(*tn));

	tn->name = name;
	tn->loc = loc;
	tn->doc = doc;
	tn->type = t;
	tn->def = def;
	tn->min = min;
	tn->max = max;
	comp->u.comp.tunables = ast_append(comp->u.comp.tunables, tn, offsetof(struct tunable, next));
}

struct binding *ast_binding(struct parse_ctx *c, char *method, struct loc loc, char *cname, struct loc cname_loc)
{
	struct binding *b = ast_new(c, sizeof(*b));

	b->method = method;
	b->loc = loc;
	b->cname = cname;
	b->cname_loc = cname_loc;
	return b;
}

struct binding *ast_binding_append(struct binding *list, struct binding *b)
{
	return ast_append(list, b, offsetof(struct binding, next));
}
