/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The slab heap's frames and its page table. Every run of frames the heap
 * takes from pmm goes through here, and so does every lookup of what a
 * pointer belongs to: slab_cache.c and slab_kmalloc.c call it.
 *
 * The page table maps a page of the heap (its direct-map address shifted by
 * PAGE_SHIFT) to its owner, playing the part of Linux's struct page: every
 * page of a slab maps to the slab, the first page of a large block to the
 * block's order. It is an open-addressing hash table with linear probing,
 * kept at most half full (so a lookup, hit or miss, probes about two slots)
 * and itself made of frames from pmm. Deleting shifts the following entries
 * back, so there are no tombstones and a miss stops at the first empty slot.
 * Page number 0 marks an empty slot: the page at address 0 is never RAM of
 * the direct map.
 */
#include "slab.h"

/* Fibonacci hashing: multiply by 2^64 / phi, keep the top bits. */
#define SLAB_HASH_MULT 0x9e3779b97f4a7c15ULL

struct slab_pte {
	uintptr_t page; /* address >> PAGE_SHIFT, or 0 if the slot is free */
	uintptr_t owner; /* a struct slab *, or slab_page_large(order) */
};

/* The table lives in 2^order frames; slots is NULL while no page is mapped. */
struct slab_table {
	struct slab_pte *slots;
	uint64_t count; /* pages mapped */
	uint32_t order;
	uint32_t bits; /* log2 of the number of slots */
};

static struct slab_table slab_table;

static inline uint64_t slab_table_capacity(uint32_t order)
{
	return ((uint64_t)PAGE_SIZE << order) / sizeof(struct slab_pte);
}

static inline uint64_t slab_table_home(const struct slab_table *t, uintptr_t page)
{
	return (uint64_t)(page * SLAB_HASH_MULT) >> (64 - t->bits);
}

static inline uintptr_t slab_page_number(const void *addr)
{
	return (uintptr_t)addr >> PAGE_SHIFT;
}

/* Takes 2^order frames from pmm; `*mem` is where the direct map shows them. */
static int slab_frames_get(uint32_t order, void **mem)
{
	paddr_t pa;
	int err;

	if (order > PMM_MAX_ORDER)
		return -ENOMEM;
	err = pmm_alloc(order, &pa);
	if (err)
		return -ENOMEM; /* -EINVAL too: the order is above what pmm serves */
	*mem = (void *)(uintptr_t)memmap_phys_to_virt(pa);
	slab_count.pages += 1ULL << order;
	return 0;
}

static void slab_frames_put(void *mem, uint32_t order)
{
	int err = pmm_free(memmap_virt_to_phys((vaddr_t)(uintptr_t)mem), order);

	/* The frames are exactly what pmm gave us, so a refusal means broken
	 * bookkeeping here or there: count it for the tests, leak the frames. */
	if (err)
		slab_count.pmm_errors++;
	slab_count.pages -= 1ULL << order;
}

/* The slot holding `page`, or the empty slot where it would go. */
static uint64_t slab_table_slot(const struct slab_table *t, uintptr_t page)
{
	uint64_t mask = (1ULL << t->bits) - 1;
	uint64_t i = slab_table_home(t, page);

	while (t->slots[i].page && t->slots[i].page != page)
		i = (i + 1) & mask;
	return i;
}

/* Moves every entry into a fresh table of 2^order frames; the old one goes
 * back to pmm. Fails, changing nothing, if pmm has no frames. */
static int slab_table_resize(uint32_t order)
{
	struct slab_table old = slab_table;
	struct slab_table *t = &slab_table;
	void *mem;
	int err;

	err = slab_frames_get(order, &mem);
	if (err)
		return err;
	__builtin_memset(mem, 0, PAGE_SIZE << order);
	t->slots = mem;
	t->order = order;
	t->bits = (uint32_t)__builtin_ctzll(slab_table_capacity(order));
	for (uint64_t i = 0; old.slots && i < (1ULL << old.bits); i++) {
		if (old.slots[i].page)
			t->slots[slab_table_slot(t, old.slots[i].page)] = old.slots[i];
	}
	if (old.slots)
		slab_frames_put(old.slots, old.order);
	return 0;
}

/* Makes room for `n` more pages while keeping the table at most half full. */
static int slab_table_reserve(uint64_t n)
{
	uint64_t need = 2 * (slab_table.count + n);
	uint32_t order = 0;

	if (slab_table.slots && need <= slab_table_capacity(slab_table.order))
		return 0;
	while (slab_table_capacity(order) < need)
		order++;
	return slab_table_resize(order);
}

/* Removes the entry in slot `i`, pulling back the entries of its probe run
 * that would otherwise become unreachable. */
static void slab_table_delete(struct slab_table *t, uint64_t i)
{
	uint64_t mask = (1ULL << t->bits) - 1;
	uint64_t j = i;

	for (;;) {
		j = (j + 1) & mask;
		if (!t->slots[j].page)
			break;
		uint64_t home = slab_table_home(t, t->slots[j].page);
		/* Entry j may stay if its home lies cyclically in (i, j]. */
		bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
		if (stays)
			continue;
		t->slots[i] = t->slots[j];
		i = j;
	}
	t->slots[i].page = 0;
	t->slots[i].owner = 0;
	t->count--;
}

/**
 * slab_pages_get() - Take 2^order frames and make room to map some of them.
 * @order: log2 of the number of frames.
 * @nmap: how many of its pages the caller will map with slab_pages_map().
 * @mem: receives the run's direct-map address.
 *
 * Return: 0, or -ENOMEM (pmm is out of frames, or the order is beyond it).
 */
int slab_pages_get(uint32_t order, uint32_t nmap, void **mem)
{
	int err = slab_table_reserve(nmap);

	if (err)
		return err;
	err = slab_frames_get(order, mem);
	/* A table made for this run alone would hold no page: give it back. */
	if (err && slab_table.count == 0)
		slab_pages_compact();
	return err;
}

/**
 * slab_pages_map() - Record the owner of the first pages of a run.
 * @mem: the run, from slab_pages_get().
 * @nmap: pages to map, at most what slab_pages_get() made room for.
 * @owner: a struct slab * or slab_page_large(order).
 */
void slab_pages_map(void *mem, uint32_t nmap, uintptr_t owner)
{
	struct slab_table *t = &slab_table;

	for (uint32_t k = 0; k < nmap; k++) {
		uintptr_t page = slab_page_number(mem) + k;
		uint64_t i = slab_table_slot(t, page);

		t->slots[i].page = page;
		t->slots[i].owner = owner;
		t->count++;
	}
}

/**
 * slab_pages_put() - Forget the pages of a run and return its frames to pmm.
 * @mem: the run, from slab_pages_get().
 * @order: the order it was taken with.
 * @nmap: how many of its pages were mapped.
 *
 * The last page leaving the table takes the table with it, so a heap with
 * nothing allocated holds no frame.
 */
void slab_pages_put(void *mem, uint32_t order, uint32_t nmap)
{
	struct slab_table *t = &slab_table;

	for (uint32_t k = 0; k < nmap; k++) {
		uint64_t i = slab_table_slot(t, slab_page_number(mem) + k);

		if (t->slots[i].page)
			slab_table_delete(t, i);
	}
	slab_frames_put(mem, order);
	if (t->count == 0)
		slab_pages_compact();
}

/**
 * slab_page_owner() - What the page holding an address belongs to.
 * @addr: any address.
 *
 * Return: the owner slab_pages_map() recorded, or 0 if the page is not the
 * heap's (or not the first page of a large block).
 */
uintptr_t slab_page_owner(const void *addr)
{
	const struct slab_table *t = &slab_table;

	if (!t->slots)
		return 0;
	return t->slots[slab_table_slot(t, slab_page_number(addr))].owner;
}

/**
 * slab_pages_compact() - Give back the page table's spare frames.
 *
 * An empty table goes back to pmm entirely; one at most an eighth full
 * moves to the smallest table it fills at most a quarter, if pmm can supply
 * the frames.
 */
void slab_pages_compact(void)
{
	struct slab_table *t = &slab_table;
	uint32_t order = t->order;

	if (!t->slots)
		return;
	if (t->count == 0) {
		slab_frames_put(t->slots, t->order);
		t->slots = NULL;
		return;
	}
	while (order > 0 && 4 * t->count <= slab_table_capacity(order - 1))
		order--;
	if (order < t->order)
		(void)slab_table_resize(order); /* on -ENOMEM the bigger table serves on */
}

/**
 * slab_pages_reset() - Forget the table without returning its frames.
 *
 * For slab_init(), which runs again only after pmm was reset.
 */
void slab_pages_reset(void)
{
	slab_table = (struct slab_table){ 0 };
}
