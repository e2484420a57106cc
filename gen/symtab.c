/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The global name table (see symtab.h). Keys are not copied: they point into
 * the spec's arena, which outlives the table.
 */
#include "symtab.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct symtab_slot {
	const char *key;
	void *value;
};

struct symtab {
	struct symtab_slot *slots;
	size_t cap, used;
};

static uint64_t symtab_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct symtab_slot *symtab_alloc_slots(size_t cap)
{
	struct symtab_slot *s = calloc(cap, sizeof(*s));

	if (!s) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	return s;
}

struct symtab *symtab_new(void)
{
	struct symtab *t = calloc(1, sizeof(*t));

	if (!t) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	t->cap = 256;
	t->slots = symtab_alloc_slots(t->cap);
	return t;
}

void symtab_free(struct symtab *t)
{
	if (!t)
		return;
	free(t->slots);
	free(t);
}

static struct symtab_slot *symtab_find(struct symtab_slot *slots, size_t cap, const char *name)
{
	size_t i = symtab_hash(name) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, name) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void symtab_grow(struct symtab *t)
{
	size_t cap = t->cap * 2;
	struct symtab_slot *slots = symtab_alloc_slots(cap);

	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			*symtab_find(slots, cap, t->slots[i].key) = t->slots[i];
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

void *symtab_get(const struct symtab *t, const char *name)
{
	return symtab_find(t->slots, t->cap, name)->value;
}

void *symtab_put(struct symtab *t, const char *name, void *value)
{
	if ((t->used + 1) * 2 > t->cap)
		symtab_grow(t);
	struct symtab_slot *s = symtab_find(t->slots, t->cap, name);

	if (s->key)
		return s->value;
	s->key = name;
	s->value = value;
	t->used++;
	return NULL;
}
