/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The init order: selected components, each after every component that
 * provides something it requires. A depth-first walk with an explicit stack
 * (a 100k-component chain would overflow the C stack), visiting components
 * and their dependencies in name order so the result is deterministic.
 *
 * A requirement of a multi interface orders the requirer after the
 * providers that can come first. One that closes a cycle (the VFS requires
 * fs, procfs provides fs and requires proc, which requires the VFS) is
 * left out of the order instead: the provider registers after the
 * requirer's init and is found at run time, which is what a registry is
 * for. The walk backs off to that edge and goes on. Any other cycle is
 * reported whole.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_internal.h"
#include "diag.h"

enum { WHITE, GRAY, BLACK };

struct order_graph {
	struct spec *s;
	size_t *first_edge; /* per component index: its edges start here in s->edges */
	size_t *nedges;
	int *color;
	size_t *stack; /* component indexes */
	size_t *cursor; /* per stack level: next edge to follow */
	size_t depth;
};

/* Component indexes are kept in check_state while ordering. */
static size_t order_index(const struct decl *d)
{
	return (size_t)d->check_state;
}

static struct loc order_require_loc(const struct dep_edge *e)
{
	for (const struct require *rq = e->from->u.comp.requires; rq; rq = rq->next)
		if (rq->iface.decl == e->iface)
			return rq->iface.loc;
	return e->from->loc;
}

/* The edge from stack level `level` to the next level's component. */
static const struct dep_edge *order_edge_at(struct order_graph *g, size_t level)
{
	return &g->s->edges[g->first_edge[g->stack[level]] + g->cursor[level] - 1];
}

static void order_report_cycle(struct order_graph *g, size_t target)
{
	size_t start = g->depth;
	struct arena *a = g->s->arena;

	while (start > 0 && g->stack[start - 1] != target)
		start--;
	start = start > 0 ? start - 1 : 0;
	char *path = arena_strdup(a, g->s->components[g->stack[start]]->name);
	for (size_t l = start; l < g->depth; l++)
		path = arena_printf(a, "%s -> %s", path, order_edge_at(g, l)->to->name);
	const struct dep_edge *first = order_edge_at(g, start);
	diag_error(302, order_require_loc(first), "dependency cycle: %s", path);
	for (size_t l = start; l < g->depth; l++) {
		const struct dep_edge *e = order_edge_at(g, l);
		diag_note(order_require_loc(e), "`%s` requires `%s`, which `%s` provides", e->from->name,
			  e->iface->name, e->to->name);
	}
	diag_help("components are initialised after what they require; make one of these requires "
		  "`optional` only if it is not needed during init, or split a component");
}

/*
 * The edge just taken from the top of the stack leads back to target,
 * which is on the stack. If an edge of that cycle requires a multi
 * interface, the newest such edge is left out of the order and the walk
 * returns to the level it left from, forgetting the components above it
 * (still gray: none was ordered yet) so they are walked again later.
 */
static bool order_break_cycle(struct order_graph *g, size_t target)
{
	size_t start = g->depth;

	while (start > 0 && g->stack[start - 1] != target)
		start--;
	start = start > 0 ? start - 1 : 0;
	for (size_t l = g->depth; l-- > start;) {
		struct dep_edge *e = (struct dep_edge *)order_edge_at(g, l);

		if (!e->iface->u.iface.is_multi)
			continue;
		e->not_ordered = true;
		while (g->depth > l + 1)
			g->color[g->stack[--g->depth]] = WHITE;
		return true;
	}
	return false;
}

static void order_push(struct order_graph *g, size_t idx)
{
	g->color[idx] = GRAY;
	g->stack[g->depth] = idx;
	g->cursor[g->depth] = 0;
	g->depth++;
}

static void order_walk(struct order_graph *g, size_t root)
{
	struct spec *s = g->s;

	order_push(g, root);
	while (g->depth > 0) {
		size_t top = g->stack[g->depth - 1];

		if (g->cursor[g->depth - 1] == g->nedges[top]) {
			g->color[top] = BLACK;
			s->components[top]->u.comp.init_rank = (int)s->ninit;
			s->init_order[s->ninit++] = s->components[top];
			g->depth--;
			continue;
		}
		struct dep_edge *e = &s->edges[g->first_edge[top] + g->cursor[g->depth - 1]++];
		size_t next = order_index(e->to);
		if (e->not_ordered)
			continue;
		if (g->color[next] == WHITE)
			order_push(g, next);
		else if (g->color[next] == GRAY && e->to != e->from && !order_break_cycle(g, next))
			order_report_cycle(g, next);
	}
}

void check_init_order(struct checker *c)
{
	struct spec *s = c->s;
	size_t n = s->ncomponents;
	struct order_graph g = { s, calloc(n + 1, sizeof(size_t)), calloc(n + 1, sizeof(size_t)),
				 calloc(n + 1, sizeof(int)), calloc(n + 1, sizeof(size_t)),
				 calloc(n + 1, sizeof(size_t)), 0 };

	if (!g.first_edge || !g.nedges || !g.color || !g.stack || !g.cursor)
		abort();
	for (size_t i = 0; i < n; i++)
		s->components[i]->check_state = (int)i;
	for (size_t k = s->nedges; k-- > 0;) {
		size_t from = order_index(s->edges[k].from);
		g.first_edge[from] = k;
		g.nedges[from]++;
	}
	s->init_order = arena_alloc(s->arena, (n + 1) * sizeof(*s->init_order));
	for (size_t i = 0; i < n; i++)
		if (s->components[i]->u.comp.is_selected && g.color[i] == WHITE)
			order_walk(&g, i);
	free(g.first_edge);
	free(g.nedges);
	free(g.color);
	free(g.stack);
	free(g.cursor);
}
