/* SPDX-License-Identifier: Apache-2.0 */
/*
 * spec_check(): runs the checking steps in order and builds the sorted
 * arrays the emitters walk. Each step reports what it finds and keeps
 * going, so one run shows every error.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static int check_by_name(const void *a, const void *b)
{
	return strcmp((*(struct decl *const *)a)->name, (*(struct decl *const *)b)->name);
}

static int check_by_syscall_nr(const void *a, const void *b)
{
	const struct decl *x = *(struct decl *const *)a, *y = *(struct decl *const *)b;

	if (x->u.sys.nr != y->u.sys.nr)
		return x->u.sys.nr < y->u.sys.nr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int check_by_errno(const void *a, const void *b)
{
	const struct decl *x = *(struct decl *const *)a, *y = *(struct decl *const *)b;

	if (x->u.err.number != y->u.err.number)
		return x->u.err.number < y->u.err.number ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Every named declaration of the kinds in mask, sorted with cmp. */
static struct decl **check_gather(struct checker *c, unsigned mask, size_t *count,
				  int (*cmp)(const void *, const void *))
{
	size_t n = 0;

	for (struct source *src = c->s->sources; src; src = src->next)
		for (struct decl *d = src->decls; d; d = d->next)
			n += d->name && (mask & KIND_BIT(d->kind));
	struct decl **v = arena_alloc(c->s->arena, (n + 1) * sizeof(*v));
	n = 0;
	for (struct source *src = c->s->sources; src; src = src->next)
		for (struct decl *d = src->decls; d; d = d->next)
			if (d->name && (mask & KIND_BIT(d->kind)))
				v[n++] = d;
	qsort(v, n, sizeof(*v), cmp);
	*count = n;
	return v;
}

int spec_check(struct spec *s)
{
	struct checker c = { s, symtab_new(), symtab_new(), symtab_new() };
	int before = diag_error_count();

	check_collect_names(&c);
	s->interfaces = check_gather(&c, KIND_BIT(D_INTERFACE), &s->ninterfaces, check_by_name);
	s->components = check_gather(&c, KIND_BIT(D_COMPONENT), &s->ncomponents, check_by_name);
	s->types = check_gather(&c, KINDS_TYPE | KIND_BIT(D_CONST), &s->ntypes, check_by_name);
	check_type_decls(&c);
	s->errors = check_gather(&c, KIND_BIT(D_ERROR), &s->nerrors, check_by_errno);
	check_interfaces(&c);
	check_syscalls(&c);
	s->syscalls = check_gather(&c, KIND_BIT(D_SYSCALL), &s->nsyscalls, check_by_syscall_nr);
	check_components(&c);
	if (s->has_config)
		check_configuration(&c);
	symtab_free(c.reported);
	symtab_free(c.kconfig);
	symtab_free(c.syscall_nrs);
	return diag_error_count() - before;
}
