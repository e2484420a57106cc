/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fair scheduler's run queue: a red-black tree of sched_entity ordered
 * by key (virtual runtime), with the leftmost node cached. Private to
 * components/sched/fair; used by fair.c and its unit test.
 */
#ifndef TESSERA_SCHED_FAIR_TREE_H
#define TESSERA_SCHED_FAIR_TREE_H

#include <tessera/sched.h>

/* Colours stored in sched_entity.colour. */
#define FAIR_RED 0U
#define FAIR_BLACK 1U

/*
 * Nodes are linked through left/right/parent; a NULL child is a black leaf.
 * leftmost is the node with the smallest key (the first inserted among
 * equal keys), or NULL when the tree is empty.
 */
struct fair_tree {
	struct sched_entity *root;
	struct sched_entity *leftmost;
};

/*
 * Keys are nanosecond counters compared through their signed difference,
 * as Linux compares vruntimes, so ordering survives a wrap of the u64.
 */
static inline bool fair_key_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/* O(log n). An entity with the same key as others goes after them. */
void fair_tree_insert(struct fair_tree *t, struct sched_entity *se);
/* O(log n). se must be in t. */
void fair_tree_erase(struct fair_tree *t, struct sched_entity *se);

#endif /* TESSERA_SCHED_FAIR_TREE_H */
