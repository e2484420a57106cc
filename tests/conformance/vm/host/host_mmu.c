/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A host model of the platform's user page tables (<tessera/mmu.h>) for
 * the vm suite: each space keeps its leaves in a table, and takes one
 * frame from the caller's allocator for its root and one per 2 MiB
 * region it maps into (as a leaf table would), so a leak or a double
 * free of page-table frames shows in the pmm double's counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_mmu.h"

#define HOST_MMU_SPACES 64
#define HOST_MMU_REGION (2ull << 20)

struct host_leaf {
	uint64_t va;
	uint64_t phys;
	unsigned prot;
};

struct host_table {
	uint64_t region; /* 2 MiB aligned */
	uint64_t phys;
};

struct host_space {
	uint64_t root;
	struct host_leaf *leaves;
	size_t nleaves, cap_leaves;
	struct host_table *tables;
	size_t ntables, cap_tables;
};

static struct host_space host_spaces[HOST_MMU_SPACES];
static uint64_t host_active_root;

__attribute__((noreturn)) static void host_mmu_die(const char *what)
{
	fprintf(stderr, "host mmu: %s\n", what);
	abort();
}

static struct host_space *host_space_of(const struct mmu_space *space)
{
	for (int i = 0; i < HOST_MMU_SPACES; i++)
		if (space->root_phys && host_spaces[i].root == space->root_phys)
			return &host_spaces[i];
	host_mmu_die("unknown space");
}

static void *host_grow(void *array, size_t *cap, size_t size)
{
	*cap = *cap ? *cap * 2 : 16;
	array = realloc(array, *cap * size);
	if (!array)
		host_mmu_die("out of host memory");
	return array;
}

int mmu_space_init(struct mmu_space *space, mmu_table_alloc_fn *alloc, void *ctx)
{
	for (int i = 0; i < HOST_MMU_SPACES; i++) {
		struct host_space *s = &host_spaces[i];

		if (s->root)
			continue;
		s->root = alloc(ctx);
		if (!s->root)
			return -ENOMEM;
		space->root_phys = s->root;
		return 0;
	}
	host_mmu_die("too many spaces");
}

void mmu_space_release(struct mmu_space *space, mmu_table_free_fn *free_fn, void *ctx)
{
	struct host_space *s = host_space_of(space);

	if (host_active_root == s->root)
		host_mmu_die("releasing the active space");
	for (size_t i = 0; i < s->ntables; i++)
		free_fn(s->tables[i].phys, ctx);
	free_fn(s->root, ctx);
	free(s->leaves);
	free(s->tables);
	memset(s, 0, sizeof(*s));
	space->root_phys = 0;
}

static struct host_leaf *host_leaf_find(const struct host_space *s, uint64_t va)
{
	for (size_t i = 0; i < s->nleaves; i++)
		if (s->leaves[i].va == va)
			return &s->leaves[i];
	return NULL;
}

static int host_table_need(struct host_space *s, uint64_t va, mmu_table_alloc_fn *alloc, void *ctx)
{
	uint64_t region = va & ~(HOST_MMU_REGION - 1);
	uint64_t phys;

	for (size_t i = 0; i < s->ntables; i++)
		if (s->tables[i].region == region)
			return 0;
	phys = alloc(ctx);
	if (!phys)
		return -ENOMEM;
	if (s->ntables == s->cap_tables)
		s->tables = host_grow(s->tables, &s->cap_tables, sizeof(*s->tables));
	s->tables[s->ntables++] = (struct host_table){ region, phys };
	return 0;
}

static bool host_va_ok(uint64_t va)
{
	return va % MMU_PAGE_SIZE == 0 && va >= MMU_USER_BASE && va < MMU_USER_END;
}

int mmu_map(struct mmu_space *space, uint64_t va, uint64_t phys, unsigned prot, mmu_table_alloc_fn *alloc,
	    void *ctx)
{
	struct host_space *s = host_space_of(space);
	struct host_leaf *leaf;
	int err;

	if (!host_va_ok(va) || !prot || prot & ~(MMU_READ | MMU_WRITE | MMU_EXEC) || !phys)
		return -EINVAL;
	err = host_table_need(s, va, alloc, ctx);
	if (err)
		return err;
	leaf = host_leaf_find(s, va);
	if (!leaf) {
		if (s->nleaves == s->cap_leaves)
			s->leaves = host_grow(s->leaves, &s->cap_leaves, sizeof(*s->leaves));
		leaf = &s->leaves[s->nleaves++];
	}
	*leaf = (struct host_leaf){ va, phys, prot };
	return 0;
}

uint64_t mmu_unmap(struct mmu_space *space, uint64_t va)
{
	struct host_space *s = host_space_of(space);
	struct host_leaf *leaf = host_leaf_find(s, va);
	uint64_t phys;

	if (!leaf)
		return 0;
	phys = leaf->phys;
	*leaf = s->leaves[--s->nleaves];
	return phys;
}

bool mmu_query(const struct mmu_space *space, uint64_t va, uint64_t *phys, unsigned *prot)
{
	const struct host_leaf *leaf = host_leaf_find(host_space_of(space), va & ~(MMU_PAGE_SIZE - 1));

	if (!leaf)
		return false;
	if (phys)
		*phys = leaf->phys;
	if (prot)
		*prot = leaf->prot;
	return true;
}

int mmu_protect(struct mmu_space *space, uint64_t va, unsigned prot)
{
	struct host_leaf *leaf = host_leaf_find(host_space_of(space), va);

	if (!prot)
		host_mmu_die("mmu_protect with no rights");
	if (!leaf)
		return -ENOENT;
	leaf->prot = prot;
	return 0;
}

static int host_leaf_order(const void *a, const void *b)
{
	const struct host_leaf *x = a, *y = b;

	return x->va < y->va ? -1 : x->va > y->va;
}

void mmu_for_each(const struct mmu_space *space, mmu_visit_fn *visit, void *ctx)
{
	struct host_space *s = host_space_of(space);
	size_t n = s->nleaves;

	if (!n)
		return;
	qsort(s->leaves, n, sizeof(*s->leaves), host_leaf_order);
	for (size_t i = 0; i < n; i++) {
		if (s->nleaves != n)
			host_mmu_die("a visitor mapped or unmapped");
		visit(s->leaves[i].va, s->leaves[i].phys, s->leaves[i].prot, ctx);
	}
}

void mmu_activate(const struct mmu_space *space)
{
	host_active_root = host_space_of(space)->root;
}

void mmu_activate_kernel(void)
{
	host_active_root = 0;
}

bool mmu_is_active(const struct mmu_space *space)
{
	return space->root_phys && space->root_phys == host_active_root;
}

size_t host_mmu_tables(void)
{
	size_t n = 0;

	for (int i = 0; i < HOST_MMU_SPACES; i++)
		if (host_spaces[i].root)
			n += 1 + host_spaces[i].ntables;
	return n;
}

size_t host_mmu_spaces(void)
{
	size_t n = 0;

	for (int i = 0; i < HOST_MMU_SPACES; i++)
		n += host_spaces[i].root != 0;
	return n;
}

uint64_t host_mmu_active_root(void)
{
	return host_active_root;
}
