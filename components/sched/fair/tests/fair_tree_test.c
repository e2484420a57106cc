/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unit test of the fair scheduler's red-black tree (fair_tree.c): random
 * inserts and erases, after each of which the red-black rules, the order,
 * the parent links, the cached leftmost and the O(log n) height are checked.
 * The conformance suite sees only behaviour; this sees the shape.
 */
#include "../fair_tree.h"

#include "ktap.h"

#include <string.h>

#define TREE_N 512

struct tree_fixture {
	struct fair_tree tree;
	struct sched_entity se[TREE_N];
	bool in_tree[TREE_N];
	int count;
};

static struct tree_fixture tree_state;

/* What a subtree must satisfy; its black height, or -1 when it breaks a rule. */
static int tree_check_node(const struct sched_entity *n, const struct sched_entity *parent, int *nodes, int *depth)
{
	int lh, rh, ld = 0, rd = 0;

	if (!n)
		return 1;
	if (n->parent != parent || (n->colour != FAIR_RED && n->colour != FAIR_BLACK))
		return -1;
	if (n->colour == FAIR_RED && ((n->left && n->left->colour == FAIR_RED) ||
				      (n->right && n->right->colour == FAIR_RED)))
		return -1;
	if ((n->left && fair_key_before(n->key, n->left->key)) || (n->right && fair_key_before(n->right->key, n->key)))
		return -1;
	lh = tree_check_node(n->left, n, nodes, &ld);
	rh = tree_check_node(n->right, n, nodes, &rd);
	if (lh < 0 || lh != rh)
		return -1;
	(*nodes)++;
	*depth = 1 + (ld > rd ? ld : rd);
	return lh + (n->colour == FAIR_BLACK);
}

static int tree_log2_ceil(int n)
{
	int k = 0;

	while ((1 << k) < n)
		k++;
	return k;
}

static bool tree_check(struct ktap *t, struct tree_fixture *f)
{
	const struct sched_entity *least = NULL;
	int nodes = 0, depth = 0;
	int bh = tree_check_node(f->tree.root, NULL, &nodes, &depth);

	for (int i = 0; i < TREE_N; i++)
		if (f->in_tree[i] && (!least || fair_key_before(f->se[i].key, least->key)))
			least = &f->se[i];
	return ktap_expect(t, bh > 0, "a red-black rule, the order or a parent link is broken") &&
	       ktap_expect(t, !f->tree.root || f->tree.root->colour == FAIR_BLACK, "the root is red") &&
	       ktap_expect(t, nodes == f->count, "%d nodes reachable, %d inserted", nodes, f->count) &&
	       ktap_expect(t, depth <= 2 * tree_log2_ceil(f->count + 1), "depth %d for %d nodes", depth, f->count) &&
	       ktap_expect(t, (!least && !f->tree.leftmost) || (least && f->tree.leftmost &&
							       f->tree.leftmost->key == least->key),
			   "the cached leftmost is not the least key");
}

static uint64_t tree_rng(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void *tree_setup(void)
{
	memset(&tree_state, 0, sizeof(tree_state));
	return &tree_state;
}

static void tree_insert(struct tree_fixture *f, int i, uint64_t key)
{
	f->se[i].key = key;
	fair_tree_insert(&f->tree, &f->se[i]);
	f->in_tree[i] = true;
	f->count++;
}

static void tree_erase(struct tree_fixture *f, int i)
{
	fair_tree_erase(&f->tree, &f->se[i]);
	f->in_tree[i] = false;
	f->count--;
}

static void fair_tree_random_inserts_and_erases_keep_it_balanced(struct ktap *t)
{
	struct tree_fixture *f = t->fixture;
	uint64_t x = 0x2545f4914f6cdd1dULL;

	for (int step = 0; step < 60000; step++) {
		int i = (int)(tree_rng(&x) % TREE_N);

		if (!f->in_tree[i])
			tree_insert(f, i, tree_rng(&x) % 1000); /* few distinct keys: many ties */
		else
			tree_erase(f, i);
		if (step % 7 == 0 && !tree_check(t, f))
			return;
	}
	tree_check(t, f);
}

static void fair_tree_leftmost_drains_in_key_order_fifo_among_ties(struct ktap *t)
{
	struct tree_fixture *f = t->fixture;
	uint64_t last_key = 0;
	int last_idx = -1;

	for (int i = 0; i < TREE_N; i++)
		tree_insert(f, i, (uint64_t)(i * 7919 % 64)); /* 8 of each key */
	while (f->tree.leftmost) {
		struct sched_entity *se = f->tree.leftmost;
		int i = (int)(se - f->se);

		if (last_idx >= 0 && !ktap_expect(t, last_key < se->key || (last_key == se->key && last_idx < i),
						  "entity %d (key %llu) came after %d (key %llu)", i,
						  (unsigned long long)se->key, last_idx, (unsigned long long)last_key))
			return;
		last_key = se->key;
		last_idx = i;
		tree_erase(f, i);
		if (f->count % 61 == 0 && !tree_check(t, f))
			return;
	}
	ktap_expect(t, f->count == 0 && !f->tree.root, "the tree is not empty after draining");
}

static void fair_tree_orders_keys_across_a_wrap(struct ktap *t)
{
	struct tree_fixture *f = t->fixture;

	/* Virtual runtimes near the top of u64 come before small ones past the wrap. */
	tree_insert(f, 0, 5);
	tree_insert(f, 1, UINT64_MAX - 5);
	tree_insert(f, 2, UINT64_MAX);
	ktap_expect(t, f->tree.leftmost == &f->se[1], "the key before the wrap is not leftmost");
	tree_erase(f, 1);
	ktap_expect(t, f->tree.leftmost == &f->se[2], "UINT64_MAX is not before 5");
	tree_check(t, f);
}

int main(void)
{
	static const struct ktap_case cases[] = {
		KTAP_CASE(fair_tree_random_inserts_and_erases_keep_it_balanced),
		KTAP_CASE(fair_tree_leftmost_drains_in_key_order_fifo_among_ties),
		KTAP_CASE(fair_tree_orders_keys_across_a_wrap),
		{ 0 },
	};

	return ktap_run_suite("sched_fair_tree", cases, tree_setup, NULL) ? 1 : 0;
}
