/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The first checking step: every top-level name (and every enum or flags
 * member, which become C constants) in one global table, duplicates
 * reported; plus the shared lookups for unknown names and visibility.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"
#include "symtab.h"

static struct loc check_member_loc(const struct decl *owner, const char *name)
{
	for (const struct member *m = owner->u.enm.members; m; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m->loc;
	return owner->loc;
}

/* Where a name stored in the table was declared: the decl, or its member. */
static struct loc check_name_loc(const struct decl *d, const char *name)
{
	if (strcmp(d->name, name) == 0)
		return d->loc;
	return check_member_loc(d, name);
}

static const char *check_name_kind(const struct decl *d, const char *name)
{
	if (strcmp(d->name, name) == 0)
		return decl_kind_name(d->kind);
	return d->kind == D_ENUM ? "enum member" : "flags member";
}

static void check_put_name(struct checker *c, const char *name, struct loc loc, struct decl *d)
{
	struct decl *prev = symtab_put(c->s->names, name, d);

	if (!prev)
		return;
	diag_error(110, loc, "`%s` is already declared as %s %s", name,
		   strchr("aeiou", check_name_kind(prev, name)[0]) ? "an" : "a", check_name_kind(prev, name));
	diag_note(check_name_loc(prev, name), "first declared here");
	diag_help("names share one namespace (they become C identifiers); rename one of them");
}

static void check_manifest_shape(struct checker *c, struct source *src)
{
	int ncomponents = 0;

	for (struct decl *d = src->decls; d; d = d->next) {
		if (d->kind == D_COMPONENT && src->is_manifest && ncomponents++ == 0)
			continue;
		if (d->kind == D_COMPONENT && src->is_manifest) {
			diag_error(130, d->loc, "a manifest declares one component; `%s` is a second one", d->name);
			diag_help("give each component its own directory with its own component.idl");
		} else if (d->kind == D_COMPONENT) {
			diag_error(130, d->loc, "component `%s` is declared outside a component.idl", d->name);
			diag_help("move it to components/<area>/<impl>/component.idl");
		} else if (src->is_manifest) {
			diag_error(130, d->loc, "a component.idl holds only its component, not %s %s",
				   d->kind == D_INTERFACE || d->kind == D_ENUM || d->kind == D_ERROR ? "an" : "a",
				   decl_kind_name(d->kind));
			diag_help("declare it in idl/<area>.idl");
		}
	}
	(void)c;
}

static const char *check_dirname(struct checker *c, const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? arena_strndup(c->s->arena, path, (size_t)(slash - path)) : ".";
}

void check_collect_names(struct checker *c)
{
	for (struct source *src = c->s->sources; src; src = src->next) {
		check_manifest_shape(c, src);
		for (struct decl *d = src->decls; d; d = d->next) {
			if (!d->name)
				continue;
			if (d->kind == D_COMPONENT)
				d->u.comp.dir = check_dirname(c, src->path);
			check_put_name(c, d->name, d->loc, d);
			if (d->kind != D_ENUM && d->kind != D_FLAGS)
				continue;
			for (struct member *m = d->u.enm.members; m; m = m->next)
				check_put_name(c, m->name, m->loc, d);
		}
	}
}

struct decl *check_lookup(struct checker *c, const char *name)
{
	return symtab_get(c->s->names, name);
}

/* Levenshtein distance, capped: only small typos are worth suggesting. */
static int check_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static const struct decl *check_suggest(struct checker *c, const char *name, unsigned kind_mask)
{
	const struct decl *best = NULL;
	int best_dist = strlen(name) > 3 ? 3 : 2;

	for (const struct source *src = c->s->sources; src; src = src->next) {
		for (const struct decl *d = src->decls; d; d = d->next) {
			if (!d->name || !(kind_mask & KIND_BIT(d->kind)))
				continue;
			int dist = check_distance(name, d->name);
			if (dist < best_dist) {
				best = d;
				best_dist = dist;
			}
		}
	}
	return best;
}

static const char *check_suggest_builtin(const char *name)
{
	static const char *const builtins[] = { "bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32",
						"i64", "usize", "isize", "paddr", "vaddr", "string", NULL };

	for (int i = 0; builtins[i]; i++)
		if (check_distance(name, builtins[i]) <= (strlen(builtins[i]) > 3 ? 2 : 1))
			return builtins[i];
	return NULL;
}

void check_report_unknown(struct checker *c, int id, struct loc loc, const char *what, const char *name,
			  unsigned kind_mask)
{
	char *key = arena_printf(c->s->arena, "%d:%s", id, name);

	if (symtab_put(c->reported, key, key))
		return;
	diag_error(id, loc, "unknown %s `%s`", what, name);
	const char *builtin = (kind_mask & KINDS_TYPE) ? check_suggest_builtin(name) : NULL;
	const struct decl *near = builtin ? NULL : check_suggest(c, name, kind_mask);
	if (builtin)
		diag_help("did you mean the built-in type `%s`?", builtin);
	else if (near)
		diag_help("did you mean `%s` (%s:%d)?", near->name, near->src->path, near->loc.line);
}

bool check_is_visible(const struct source *from, const struct decl *d)
{
	if (!from || d->src == from || from->is_manifest)
		return true;
	for (const struct import *imp = from->imports; imp; imp = imp->next)
		if (imp->target == d->src)
			return true;
	return false;
}
