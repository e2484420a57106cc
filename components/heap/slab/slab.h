/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the slab heap (components/heap/slab): its caches, slabs and
 * page bookkeeping, shared by slab_kmalloc.c (the heap interface's entry
 * points), slab_cache.c (object caches) and slab_pages.c (frames and the
 * page table).
 *
 * Locking: slab_kmalloc.c's slab_lock guards all of the heap's mutable
 * state. Every function declared here runs with it held, except
 * slab_cache_setup(), which touches nothing but the descriptor it is given.
 */
#ifndef TESSERA_HEAP_SLAB_SLAB_H
#define TESSERA_HEAP_SLAB_SLAB_H

#include <tessera/components/heap_slab.h>

/* Largest slab: 2^3 pages. Bigger slabs would only lower the waste of
 * objects near HEAP_CACHE_MAX_SIZE, at the price of larger page runs. */
#define SLAB_MAX_ORDER 3U

/* Objects one slab may hold: the size of its allocation bitmap. */
#define SLAB_MAX_OBJECTS 512U

/* Smallest object stride and alignment: a free object holds a pointer. */
#define SLAB_MIN_ALIGN 8U

/* Which list of its cache a slab is on. */
enum slab_state { SLAB_PARTIAL, SLAB_FULL, SLAB_EMPTY };

/*
 * The control block of a slab, in the slab's own last bytes: objects start
 * at the slab's first byte, so an object's offset is a multiple of the
 * stride and a page-aligned slab gives power-of-two objects their natural
 * alignment.
 */
struct slab {
	struct slab *next; /* in the cache's list for `state` */
	struct slab *prev;
	struct heap_cache *cache;
	uint8_t *base; /* first object, the first byte of the slab */
	void *free; /* freed objects, each holding the next; NULL-terminated */
	uint32_t inuse; /* objects handed out */
	uint32_t fresh; /* objects from this index on were never handed out */
	uint32_t state; /* enum slab_state */
	uint32_t pad;
	uint64_t used[SLAB_MAX_OBJECTS / 64]; /* bit per object: handed out */
};

/* The control block ends the slab, right after the last object slot. */
_Static_assert(sizeof(struct slab) % SLAB_MIN_ALIGN == 0, "control block breaks alignment");

/* A list of slabs in one state, with its length. */
struct slab_list {
	struct slab *head;
	uint64_t count;
};

/* An object cache. The first block is constant once the cache is set up. */
struct heap_cache {
	char name[HEAP_CACHE_NAME_MAX];
	size_t size; /* as asked */
	size_t stride; /* size rounded up to the alignment */
	uint32_t order; /* every slab is 2^order pages */
	uint32_t capacity; /* objects per slab */

	struct slab_list partial; /* some objects free: allocations come from here */
	struct slab_list full;
	struct slab_list empty; /* at most heap_slab_empty_reserve, until shrink */
	uint64_t active; /* objects handed out */
	struct heap_cache *next; /* in slab_heap.caches */
	struct heap_cache *prev;
};

/* What a page of the heap belongs to, as the page table records it: a slab
 * (the pointer, 8-aligned) or the first page of a large block (its order,
 * tagged with the low bit). */
#define SLAB_PAGE_LARGE 1UL

static inline uintptr_t slab_page_large(uint32_t order)
{
	return ((uintptr_t)order << 1) | SLAB_PAGE_LARGE;
}

static inline bool slab_page_is_large(uintptr_t owner)
{
	return owner & SLAB_PAGE_LARGE;
}

/* Counters of the whole heap; slab_stats() reports them. */
struct slab_counters {
	uint64_t pages; /* frames held, page table included */
	uint64_t in_use; /* bytes handed out */
	uint64_t allocs;
	uint64_t frees;
	uint64_t failed;
	uint64_t invalid_frees;
	uint64_t pmm_errors;
};

/* Every cache (the size classes, the descriptor cache and those made by
 * cache_create), newest first, for shrink and statistics. Both guarded by
 * slab_lock. */
extern struct heap_cache *slab_caches;
extern struct slab_counters slab_count;

/* slab_cache.c */
int slab_cache_setup(struct heap_cache *cache, const char *name, size_t size, size_t align);
void slab_cache_link(struct heap_cache *cache);
void slab_cache_unlink(struct heap_cache *cache);
int slab_cache_take(struct heap_cache *cache, void **obj);
struct slab *slab_of(const void *obj);
bool slab_object_is_live(const struct slab *s, const void *obj);
void slab_cache_put(struct slab *s, void *obj);
void slab_cache_trim(struct heap_cache *cache, uint64_t keep);

/* slab_pages.c */
int slab_pages_get(uint32_t order, uint32_t nmap, void **mem);
void slab_pages_map(void *mem, uint32_t nmap, uintptr_t owner);
void slab_pages_put(void *mem, uint32_t order, uint32_t nmap);
uintptr_t slab_page_owner(const void *addr);
void slab_pages_reset(void);
void slab_pages_compact(void);

#endif /* TESSERA_HEAP_SLAB_SLAB_H */
