/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The slab heap's entry points: the heap interface (tessera/heap.h) as the
 * binding calls it. alloc picks a size class (an object cache of
 * slab_cache.c) or, above the largest class, takes pages from pmm through
 * slab_pages.c; the cache_* methods wrap slab_cache.c.
 *
 * Locking: every heap method holds slab_lock, interrupts disabled, around
 * its work on the heap's state, so each is atomic and may be called from
 * any thread and from interrupt handlers. The *_locked functions, and all
 * of slab_cache.c and slab_pages.c, expect it held.
 */
#include <tessera/spinlock.h>

#include "slab.h"

/* Sizes up to this come from a size class; larger ones are page runs. */
#define SLAB_KMALLOC_MAX 2048U

/* The alignment alloc promises for every block. */
#define SLAB_KMALLOC_ALIGN 16U

#define SLAB_NR_CLASSES 10U

/* Linux's classes: powers of two, plus 96 and 192, which are common sizes
 * that would otherwise waste a third of a 128 or 256 byte object. Each is a
 * multiple of 16 and objects start at multiples of their size from a
 * page-aligned slab, so every object is 16-aligned, power-of-two ones
 * naturally. */
static const struct {
	size_t size;
	const char *name;
} slab_classes[SLAB_NR_CLASSES] = {
	{ 16, "kmalloc-16" },	{ 32, "kmalloc-32" },	{ 64, "kmalloc-64" },	{ 96, "kmalloc-96" },
	{ 128, "kmalloc-128" }, { 192, "kmalloc-192" }, { 256, "kmalloc-256" }, { 512, "kmalloc-512" },
	{ 1024, "kmalloc-1k" }, { 2048, "kmalloc-2k" },
};

/* The class of sizes 1..192, indexed by (size - 1) / 16. */
static const uint8_t slab_small_class[12] = { 0, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5 };

/*
 * The heap's one lock. It guards every cache (lists, slabs, free objects),
 * the cache list, the page table and the counters: the page table and the
 * counters are shared by all caches, so per-cache locks would still take a
 * heap-wide one on every free (the page-table lookup) and every slab grown.
 * Lock order: slab_lock, then pmm's. The heap calls pmm_alloc and pmm_free
 * with slab_lock held, so that growing a cache or moving the page table is
 * one atomic step rather than a retry loop; pmm never calls back.
 */
static struct spinlock slab_lock = SPINLOCK_INIT;

struct slab_counters slab_count;

static struct heap_cache slab_kmalloc_caches[SLAB_NR_CLASSES];

/* Where the descriptors of caches made by cache_create come from. */
static struct heap_cache slab_descriptors;

static unsigned slab_class_of(size_t size)
{
	if (size <= 192)
		return slab_small_class[(size - 1) / 16];
	/* 193..256 is class 6, then one class per power of two up to 2048. */
	return 6 + (unsigned)(64 - __builtin_clzll(size - 1)) - 8;
}

static int slab_reset_locked(void)
{
	int err;

	slab_caches = NULL;
	slab_count = (struct slab_counters){ 0 };
	slab_pages_reset();
	err = slab_cache_setup(&slab_descriptors, "heap_cache", sizeof(struct heap_cache), 0);
	if (err)
		return err;
	slab_cache_link(&slab_descriptors);
	/* Linked largest first so that statistics list them smallest first. */
	for (unsigned i = SLAB_NR_CLASSES; i-- > 0;) {
		struct heap_cache *c = &slab_kmalloc_caches[i];

		err = slab_cache_setup(c, slab_classes[i].name, slab_classes[i].size, SLAB_KMALLOC_ALIGN);
		if (err)
			return err;
		slab_cache_link(c);
	}
	return 0;
}

/**
 * slab_init() - Reset the heap to empty and set up the size classes.
 *
 * Forgets every block without returning frames: it runs at boot, and again
 * in host tests only after pmm was reset.
 *
 * Return: 0, or -EINVAL if a size class does not fit a slab (a build error
 * in the tables above).
 */
int slab_init(void)
{
	unsigned long flags = spin_lock_irqsave(&slab_lock);
	int err = slab_reset_locked();

	spin_unlock_irqrestore(&slab_lock, flags);
	return err;
}

/* A block above the largest class: a power-of-two run of pages, naturally
 * page aligned; only its first page is in the page table. */
static int slab_large_alloc(size_t size, void **ptr)
{
	size_t pages = (size >> PAGE_SHIFT) + ((size & (PAGE_SIZE - 1)) != 0);
	uint32_t order = pages > 1 ? (uint32_t)(64 - __builtin_clzll(pages - 1)) : 0;
	void *mem;
	int err;

	err = order > PMM_MAX_ORDER ? -ENOMEM : slab_pages_get(order, 1, &mem);
	if (err) {
		slab_count.failed++;
		return err;
	}
	slab_pages_map(mem, 1, slab_page_large(order));
	slab_count.in_use += PAGE_SIZE << order;
	slab_count.allocs++;
	*ptr = mem;
	return 0;
}

/**
 * slab_kmalloc() - Allocate a block of at least @size bytes (heap.alloc).
 * @size: bytes wanted.
 * @ptr: receives the block; written only on success.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 *
 * Return: 0, -EINVAL for a size of 0, or -ENOMEM when pmm has no frames.
 */
int slab_kmalloc(size_t size, void **ptr)
{
	unsigned long flags;
	int err;

	if (size == 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&slab_lock);
	if (size <= SLAB_KMALLOC_MAX)
		err = slab_cache_take(&slab_kmalloc_caches[slab_class_of(size)], ptr);
	else
		err = slab_large_alloc(size, ptr);
	spin_unlock_irqrestore(&slab_lock, flags);
	return err;
}

static inline bool slab_is_page_aligned(const void *ptr)
{
	return ((uintptr_t)ptr & (PAGE_SIZE - 1)) == 0;
}

static inline uint32_t slab_large_order(uintptr_t owner)
{
	return (uint32_t)(owner >> 1);
}

static void slab_kfree_locked(void *ptr)
{
	uintptr_t owner = slab_page_owner(ptr);
	struct slab *s;

	if (owner && slab_page_is_large(owner) && slab_is_page_aligned(ptr)) {
		slab_pages_put(ptr, slab_large_order(owner), 1);
		slab_count.in_use -= PAGE_SIZE << slab_large_order(owner);
		slab_count.frees++;
		return;
	}
	s = slab_of(ptr);
	if (!s || !slab_object_is_live(s, ptr)) {
		slab_count.invalid_frees++;
		return;
	}
	slab_cache_put(s, ptr);
}

/**
 * slab_kfree() - Free a block from slab_kmalloc() (heap.free).
 * @ptr: the block, or NULL.
 *
 * A pointer that starts no live block (a double free, an address inside a
 * block) is counted in invalid_frees and otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 */
void slab_kfree(void *ptr)
{
	unsigned long flags;

	if (!ptr)
		return;
	flags = spin_lock_irqsave(&slab_lock);
	slab_kfree_locked(ptr);
	spin_unlock_irqrestore(&slab_lock, flags);
}

static size_t slab_usable_size_locked(const void *ptr)
{
	uintptr_t owner = slab_page_owner(ptr);
	struct slab *s;

	if (owner && slab_page_is_large(owner))
		return slab_is_page_aligned(ptr) ? PAGE_SIZE << slab_large_order(owner) : 0;
	s = slab_of(ptr);
	if (!s || !slab_object_is_live(s, ptr))
		return 0;
	return s->cache->stride;
}

/**
 * slab_usable_size() - Bytes of a block the caller may use (heap.usable_size).
 * @ptr: a live block, or NULL.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 *
 * Return: the object's stride or the page run's size; 0 for NULL or a
 * pointer that starts no live block.
 */
size_t slab_usable_size(const void *ptr)
{
	unsigned long flags;
	size_t size;

	if (!ptr)
		return 0;
	flags = spin_lock_irqsave(&slab_lock);
	size = slab_usable_size_locked(ptr);
	spin_unlock_irqrestore(&slab_lock, flags);
	return size;
}

/* Installs a set-up descriptor in an object of the descriptor cache. */
static int slab_cache_create_locked(const struct heap_cache *setup, struct heap_cache **cache)
{
	void *mem;
	int err = slab_cache_take(&slab_descriptors, &mem);

	if (err)
		return err;
	*(struct heap_cache *)mem = *setup;
	slab_cache_link(mem);
	*cache = mem;
	return 0;
}

/**
 * slab_cache_create() - Create an object cache (heap.cache_create).
 * @name: its name for statistics.
 * @size: object size.
 * @align: object alignment, or 0.
 * @cache: receives the cache; written only on success.
 *
 * The descriptor is itself an object of the "heap_cache" cache; it is
 * filled in on the stack, outside the lock, then copied into place.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 *
 * Return: 0, -EINVAL for a bad argument, or -ENOMEM.
 */
int slab_cache_create(const char *name, size_t size, size_t align, struct heap_cache **cache)
{
	struct heap_cache setup;
	unsigned long flags;
	int err;

	if (!name)
		return -EINVAL;
	err = slab_cache_setup(&setup, name, size, align);
	if (err)
		return err;
	flags = spin_lock_irqsave(&slab_lock);
	err = slab_cache_create_locked(&setup, cache);
	spin_unlock_irqrestore(&slab_lock, flags);
	return err;
}

/**
 * slab_cache_alloc() - Allocate an object from a cache (heap.cache_alloc).
 * @cache: the cache.
 * @obj: receives the object; written only on success.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 *
 * Return: 0, -EINVAL for a NULL cache, or -ENOMEM.
 */
int slab_cache_alloc(struct heap_cache *cache, void **obj)
{
	unsigned long flags;
	int err;

	if (!cache)
		return -EINVAL;
	flags = spin_lock_irqsave(&slab_lock);
	err = slab_cache_take(cache, obj);
	spin_unlock_irqrestore(&slab_lock, flags);
	return err;
}

static void slab_cache_free_locked(struct heap_cache *cache, void *obj)
{
	struct slab *s = slab_of(obj);

	if (!s || s->cache != cache || !slab_object_is_live(s, obj)) {
		slab_count.invalid_frees++;
		return;
	}
	slab_cache_put(s, obj);
}

/**
 * slab_cache_free() - Return an object to its cache (heap.cache_free).
 * @cache: the cache it came from.
 * @obj: the object, or NULL.
 *
 * An object that is not live in @cache is counted in invalid_frees and
 * otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 */
void slab_cache_free(struct heap_cache *cache, void *obj)
{
	unsigned long flags;

	if (!obj)
		return;
	flags = spin_lock_irqsave(&slab_lock);
	slab_cache_free_locked(cache, obj);
	spin_unlock_irqrestore(&slab_lock, flags);
}

static int slab_cache_destroy_locked(struct heap_cache *cache)
{
	struct slab *s = slab_of(cache);

	if (!s || s->cache != &slab_descriptors || !slab_object_is_live(s, cache)) {
		slab_count.invalid_frees++;
		return 0;
	}
	if (cache->active)
		return -EBUSY;
	slab_cache_trim(cache, 0);
	slab_cache_unlink(cache);
	slab_cache_put(s, cache);
	return 0;
}

/**
 * slab_cache_destroy() - Destroy an empty cache (heap.cache_destroy).
 * @cache: a cache from slab_cache_create(), or NULL.
 *
 * Its empty slabs go back to pmm and its descriptor to the descriptor
 * cache. A pointer that is not a live descriptor (a cache destroyed twice,
 * a size class) is counted in invalid_frees and otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock).
 *
 * Return: 0, or -EBUSY while the cache has objects handed out.
 */
int slab_cache_destroy(struct heap_cache *cache)
{
	unsigned long flags;
	int err;

	if (!cache)
		return 0;
	flags = spin_lock_irqsave(&slab_lock);
	err = slab_cache_destroy_locked(cache);
	spin_unlock_irqrestore(&slab_lock, flags);
	return err;
}

/**
 * slab_shrink() - Return every empty slab, and spare page-table frames, to pmm (heap.shrink).
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock), so
 * interrupts stay off for the whole walk: O(caches + empty slabs).
 */
void slab_shrink(void)
{
	unsigned long flags = spin_lock_irqsave(&slab_lock);

	for (struct heap_cache *c = slab_caches; c; c = c->next)
		slab_cache_trim(c, 0);
	slab_pages_compact();
	spin_unlock_irqrestore(&slab_lock, flags);
}

/**
 * slab_stats() - Report the heap's counters (heap.stats).
 * @st: receives them.
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock), so
 * the counters agree with each other.
 */
void slab_stats(struct heap_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&slab_lock);

	*st = (struct heap_stats){
		.pages = slab_count.pages,
		.in_use = slab_count.in_use,
		.allocs = slab_count.allocs,
		.frees = slab_count.frees,
		.failed = slab_count.failed,
		.invalid_frees = slab_count.invalid_frees,
		.pmm_errors = slab_count.pmm_errors,
	};
	spin_unlock_irqrestore(&slab_lock, flags);
}

static void slab_cache_describe(const struct heap_cache *c, struct heap_cache_info *info)
{
	uint64_t slabs = c->partial.count + c->full.count + c->empty.count;
	size_t i = 0;

	*info = (struct heap_cache_info){
		.object_size = c->size,
		.stride = c->stride,
		.active_objects = c->active,
		.total_objects = slabs * c->capacity,
		.pages = slabs << c->order,
	};
	for (; c->name[i]; i++)
		info->name[i] = (uint8_t)c->name[i];
}

/**
 * slab_cache_stats() - Describe every cache, newest first (heap.cache_stats).
 * @caches: receives up to @caches_len entries.
 * @caches_len: length of @caches.
 *
 * Lists the caches made by cache_create, the descriptor cache "heap_cache"
 * and the size classes "kmalloc-16" to "kmalloc-2k".
 *
 * Context: any, interrupt handlers included; atomic (takes slab_lock), so
 * the list is one snapshot.
 *
 * Return: the number of caches, which may exceed @caches_len.
 */
long slab_cache_stats(struct heap_cache_info *caches, size_t caches_len)
{
	unsigned long flags = spin_lock_irqsave(&slab_lock);
	long n = 0;

	for (const struct heap_cache *c = slab_caches; c; c = c->next, n++) {
		if ((size_t)n < caches_len)
			slab_cache_describe(c, &caches[n]);
	}
	spin_unlock_irqrestore(&slab_lock, flags);
	return n;
}
