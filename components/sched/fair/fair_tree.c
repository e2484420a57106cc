/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A red-black tree of scheduling entities keyed by virtual runtime, with
 * the leftmost node cached for an O(1) pick. fair.c calls insert and erase;
 * the balancing follows the textbook cases, written once for both sides
 * through a direction index instead of mirrored copies.
 */
#include "fair_tree.h"

enum { FAIR_LEFT = 0, FAIR_RIGHT = 1 };

static struct sched_entity *tree_child(const struct sched_entity *n, int dir)
{
	return dir == FAIR_LEFT ? n->left : n->right;
}

static void tree_set_child(struct sched_entity *n, int dir, struct sched_entity *c)
{
	if (dir == FAIR_LEFT)
		n->left = c;
	else
		n->right = c;
}

/* NULL leaves count as black. */
static bool tree_is_red(const struct sched_entity *n)
{
	return n && n->colour == FAIR_RED;
}

/* Point parent's link to old (or the root, when parent is NULL) at new. */
static void tree_replace_child(struct fair_tree *t, struct sched_entity *parent,
			       struct sched_entity *old, struct sched_entity *new)
{
	if (!parent)
		t->root = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
}

/* Move x down on side dir; its child on the other side takes its place. */
static void tree_rotate(struct fair_tree *t, struct sched_entity *x, int dir)
{
	struct sched_entity *y = tree_child(x, !dir);
	struct sched_entity *inner = tree_child(y, dir);

	tree_set_child(x, !dir, inner);
	if (inner)
		inner->parent = x;
	y->parent = x->parent;
	tree_replace_child(t, x->parent, x, y);
	tree_set_child(y, dir, x);
	x->parent = y;
}

static struct sched_entity *tree_first(struct sched_entity *n)
{
	while (n->left)
		n = n->left;
	return n;
}

/* The in-order successor of the leftmost node, which has no left child. */
static struct sched_entity *tree_next_of_leftmost(struct sched_entity *n)
{
	return n->right ? tree_first(n->right) : n->parent;
}

/* Restore "no red node has a red child" after linking the red node z. */
static void tree_insert_fixup(struct fair_tree *t, struct sched_entity *z)
{
	struct sched_entity *p;

	while ((p = z->parent) && p->colour == FAIR_RED) {
		/* p is red, so not the root: g exists. */
		struct sched_entity *g = p->parent;
		int dir = p == g->left ? FAIR_LEFT : FAIR_RIGHT;
		struct sched_entity *uncle = tree_child(g, !dir);

		if (tree_is_red(uncle)) {
			p->colour = FAIR_BLACK;
			uncle->colour = FAIR_BLACK;
			g->colour = FAIR_RED;
			z = g;
			continue;
		}
		if (z == tree_child(p, !dir)) {
			tree_rotate(t, p, dir);
			z = p;
			p = z->parent;
		}
		p->colour = FAIR_BLACK;
		g->colour = FAIR_RED;
		tree_rotate(t, g, !dir);
	}
	t->root->colour = FAIR_BLACK;
}

void fair_tree_insert(struct fair_tree *t, struct sched_entity *se)
{
	struct sched_entity **link = &t->root;
	struct sched_entity *parent = NULL;
	bool is_leftmost = true;

	while (*link) {
		parent = *link;
		if (fair_key_before(se->key, parent->key)) {
			link = &parent->left;
		} else {
			link = &parent->right;
			is_leftmost = false;
		}
	}
	se->left = NULL;
	se->right = NULL;
	se->parent = parent;
	se->colour = FAIR_RED;
	*link = se;
	if (is_leftmost)
		t->leftmost = se;
	tree_insert_fixup(t, se);
}

/*
 * Restore equal black heights after a black node left the subtree on
 * x's side of parent p; x (possibly a NULL leaf) carries the missing black.
 */
static void tree_erase_fixup(struct fair_tree *t, struct sched_entity *x, struct sched_entity *p)
{
	while (x != t->root && !tree_is_red(x)) {
		int dir = x == p->left ? FAIR_LEFT : FAIR_RIGHT;
		/* The sibling subtree has a black height of at least 1: w exists. */
		struct sched_entity *w = tree_child(p, !dir);

		if (tree_is_red(w)) {
			w->colour = FAIR_BLACK;
			p->colour = FAIR_RED;
			tree_rotate(t, p, dir);
			w = tree_child(p, !dir);
		}
		if (!tree_is_red(w->left) && !tree_is_red(w->right)) {
			w->colour = FAIR_RED;
			x = p;
			p = x->parent;
			continue;
		}
		if (!tree_is_red(tree_child(w, !dir))) {
			tree_child(w, dir)->colour = FAIR_BLACK;
			w->colour = FAIR_RED;
			tree_rotate(t, w, !dir);
			w = tree_child(p, !dir);
		}
		w->colour = p->colour;
		p->colour = FAIR_BLACK;
		tree_child(w, !dir)->colour = FAIR_BLACK;
		tree_rotate(t, p, dir);
		x = t->root;
	}
	if (x)
		x->colour = FAIR_BLACK;
}

/* Put y, already unlinked, where z is: same parent, children and colour. */
static void tree_transplant(struct fair_tree *t, struct sched_entity *z, struct sched_entity *y)
{
	y->left = z->left;
	y->right = z->right;
	y->parent = z->parent;
	y->colour = z->colour;
	if (y->left)
		y->left->parent = y;
	if (y->right)
		y->right->parent = y;
	tree_replace_child(t, z->parent, z, y);
}

void fair_tree_erase(struct fair_tree *t, struct sched_entity *z)
{
	/* y is the node that really leaves its place: z, or z's successor. */
	struct sched_entity *y = z->left && z->right ? tree_first(z->right) : z;
	struct sched_entity *x = y->left ? y->left : y->right;
	struct sched_entity *xp = y->parent;
	unsigned int removed_colour = y->colour;

	if (t->leftmost == z)
		t->leftmost = tree_next_of_leftmost(z);
	if (x)
		x->parent = xp;
	tree_replace_child(t, xp, y, x);
	if (y != z) {
		if (xp == z)
			xp = y;
		tree_transplant(t, z, y);
	}
	z->left = NULL;
	z->right = NULL;
	z->parent = NULL;
	if (removed_colour == FAIR_BLACK)
		tree_erase_fixup(t, x, xp);
}
