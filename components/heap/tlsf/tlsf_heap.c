/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The TLSF heap's entry points: the heap interface (tessera/heap.h) as the
 * binding calls it. Blocks come from tlsf_block.c's lists, runs from
 * tlsf_pool.c; object caches are labelled counts over TLSF blocks.
 *
 * Locking: every heap method holds tlsf_lock, interrupts disabled, around
 * its work on the heap's state, so each is atomic and may be called from
 * any thread and from interrupt handlers. The *_locked functions, and all
 * of tlsf_block.c and tlsf_pool.c, expect it held.
 */
#include <tessera/spinlock.h>

#include "tlsf.h"

/*
 * The heap's one lock, over `tlsf`, every run and every block: the lists
 * are shared by every size and every cache, so there is nothing to split.
 * Lock order: tlsf_lock, then pmm's. The heap calls pmm_alloc and pmm_free
 * with tlsf_lock held, so that growing by a run and filing its block is one
 * atomic step; pmm never calls back.
 */
static struct spinlock tlsf_lock = SPINLOCK_INIT;

struct tlsf_control tlsf;

/**
 * tlsf_init() - Reset the heap to empty.
 *
 * Forgets every run without returning it: this runs at boot, and again in
 * host tests only after pmm was reset.
 *
 * Return: 0.
 */
int tlsf_init(void)
{
	unsigned long flags = spin_lock_irqsave(&tlsf_lock);

	tlsf = (struct tlsf_control){ 0 };
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return 0;
}

/* Serves `size` bytes aligned to `align` (a power of two >= TLSF_ALIGN). */
static int tlsf_alloc_aligned(size_t size, size_t align, void **ptr)
{
	size_t need = tlsf_request(size, align);
	struct tlsf_block *b = need ? tlsf_pick(size, align) : NULL;

	if (b) {
		tlsf_claim(b);
	} else if (!need || tlsf_grow(need, &b)) {
		tlsf.count.failed++;
		return -ENOMEM;
	}
	b = tlsf_take(b, size, align);
	tlsf.count.in_use += tlsf_size(b);
	tlsf.count.allocs++;
	*ptr = tlsf_payload(b);
	return 0;
}

/* Frees a block tlsf_is_live() accepted. */
static void tlsf_free_block(void *ptr)
{
	struct tlsf_block *b = tlsf_block_of(ptr);

	tlsf.count.in_use -= tlsf_size(b);
	tlsf.count.frees++;
	tlsf_release_or_keep(tlsf_merge(b));
}

/* kmalloc's alignment: natural for powers of two up to a page, else 16. */
static size_t tlsf_kmalloc_align(size_t size)
{
	if (size <= PAGE_SIZE && !(size & (size - 1)) && size > TLSF_ALIGN)
		return size;
	return TLSF_ALIGN;
}

/**
 * tlsf_kmalloc() - Allocate a block of at least @size bytes (heap.alloc).
 * @size: bytes wanted.
 * @ptr: receives the block; written only on success.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 *
 * Return: 0, -EINVAL for a size of 0, or -ENOMEM when no block fits and pmm
 * has no run for one.
 */
int tlsf_kmalloc(size_t size, void **ptr)
{
	unsigned long flags;
	int err;

	if (size == 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&tlsf_lock);
	err = tlsf_alloc_aligned(size, tlsf_kmalloc_align(size), ptr);
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return err;
}

static void tlsf_kfree_locked(void *ptr)
{
	if (!tlsf_is_live(ptr)) {
		tlsf.count.invalid_frees++;
		return;
	}
	tlsf_free_block(ptr);
}

/**
 * tlsf_kfree() - Free a block (heap.free).
 * @ptr: the block, or NULL.
 *
 * A pointer whose tag says it is not a live block (a double free) is
 * counted in invalid_frees and otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 */
void tlsf_kfree(void *ptr)
{
	unsigned long flags;

	if (!ptr)
		return;
	flags = spin_lock_irqsave(&tlsf_lock);
	tlsf_kfree_locked(ptr);
	spin_unlock_irqrestore(&tlsf_lock, flags);
}

/**
 * tlsf_usable_size() - Bytes of a block the caller may use (heap.usable_size).
 * @ptr: a live block, or NULL.
 *
 * The lock keeps a concurrent free from merging the block away while its
 * tags are read.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 *
 * Return: the block's payload size; 0 for NULL or a pointer that is not a
 * live block.
 */
size_t tlsf_usable_size(const void *ptr)
{
	unsigned long flags = spin_lock_irqsave(&tlsf_lock);
	size_t size = tlsf_is_live(ptr) ? tlsf_size(tlsf_block_of(ptr)) : 0;

	spin_unlock_irqrestore(&tlsf_lock, flags);
	return size;
}

static void tlsf_copy_name(char *dst, const char *src)
{
	size_t i = 0;

	for (; i < HEAP_CACHE_NAME_MAX - 1 && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/* Makes the descriptor a TLSF block and links it; arguments checked. */
static int tlsf_cache_create_locked(const char *name, size_t size, size_t align,
				    struct heap_cache **cache)
{
	struct heap_cache *c;
	void *mem;
	int err;

	err = tlsf_alloc_aligned(sizeof(*c), TLSF_ALIGN, &mem);
	if (err)
		return err;
	c = mem;
	*c = (struct heap_cache){
		.size = size,
		.align = align > TLSF_ALIGN ? align : TLSF_ALIGN,
		.next = tlsf.caches,
	};
	tlsf_copy_name(c->name, name);
	if (tlsf.caches)
		tlsf.caches->prev = c;
	tlsf.caches = c;
	*cache = c;
	return 0;
}

/**
 * tlsf_cache_create() - Create an object cache (heap.cache_create).
 * @name: its name for statistics.
 * @size: object size.
 * @align: object alignment, or 0.
 * @cache: receives the cache; written only on success.
 *
 * The descriptor is a TLSF block; objects will be TLSF blocks of @size.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 *
 * Return: 0, -EINVAL for a bad argument, or -ENOMEM.
 */
int tlsf_cache_create(const char *name, size_t size, size_t align, struct heap_cache **cache)
{
	unsigned long flags;
	int err;

	if (!name || size == 0 || size > HEAP_CACHE_MAX_SIZE)
		return -EINVAL;
	if (align > PAGE_SIZE || (align & (align - 1)))
		return -EINVAL;
	flags = spin_lock_irqsave(&tlsf_lock);
	err = tlsf_cache_create_locked(name, size, align, cache);
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return err;
}

/**
 * tlsf_cache_alloc() - Allocate an object from a cache (heap.cache_alloc).
 * @cache: the cache.
 * @obj: receives the object; written only on success.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 *
 * Return: 0, -EINVAL for a NULL cache, or -ENOMEM.
 */
int tlsf_cache_alloc(struct heap_cache *cache, void **obj)
{
	unsigned long flags;
	int err;

	if (!cache)
		return -EINVAL;
	flags = spin_lock_irqsave(&tlsf_lock);
	err = tlsf_alloc_aligned(cache->size, cache->align, obj);
	if (!err)
		cache->active++;
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return err;
}

static void tlsf_cache_free_locked(struct heap_cache *cache, void *obj)
{
	if (!cache || !cache->active || !tlsf_is_live(obj)) {
		tlsf.count.invalid_frees++;
		return;
	}
	cache->active--;
	tlsf_free_block(obj);
}

/**
 * tlsf_cache_free() - Return an object to its cache (heap.cache_free).
 * @cache: the cache it came from; TLSF cannot check that it did.
 * @obj: the object, or NULL.
 *
 * An object that is not a live block, or a cache with no object out, is
 * counted in invalid_frees and otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 */
void tlsf_cache_free(struct heap_cache *cache, void *obj)
{
	unsigned long flags;

	if (!obj)
		return;
	flags = spin_lock_irqsave(&tlsf_lock);
	tlsf_cache_free_locked(cache, obj);
	spin_unlock_irqrestore(&tlsf_lock, flags);
}

static int tlsf_cache_destroy_locked(struct heap_cache *cache)
{
	if (!tlsf_is_live(cache)) {
		tlsf.count.invalid_frees++;
		return 0;
	}
	if (cache->active)
		return -EBUSY;
	if (cache->prev)
		cache->prev->next = cache->next;
	else
		tlsf.caches = cache->next;
	if (cache->next)
		cache->next->prev = cache->prev;
	tlsf_free_block(cache);
	return 0;
}

/**
 * tlsf_cache_destroy() - Destroy an empty cache (heap.cache_destroy).
 * @cache: a cache from tlsf_cache_create(), or NULL.
 *
 * A descriptor that is not a live block (a cache destroyed twice) is
 * counted in invalid_frees and otherwise ignored.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock).
 *
 * Return: 0, or -EBUSY while the cache has objects handed out.
 */
int tlsf_cache_destroy(struct heap_cache *cache)
{
	unsigned long flags;
	int err;

	if (!cache)
		return 0;
	flags = spin_lock_irqsave(&tlsf_lock);
	err = tlsf_cache_destroy_locked(cache);
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return err;
}

/**
 * tlsf_shrink() - Return every entirely free run to pmm (heap.shrink).
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock), so
 * interrupts stay off for the whole walk: O(runs).
 */
void tlsf_shrink(void)
{
	unsigned long flags = spin_lock_irqsave(&tlsf_lock);

	tlsf_release_all_free();
	spin_unlock_irqrestore(&tlsf_lock, flags);
}

/**
 * tlsf_stats() - Report the heap's counters (heap.stats).
 * @st: receives them.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock), so
 * the counters agree with each other.
 */
void tlsf_stats(struct heap_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&tlsf_lock);

	*st = tlsf.count;
	spin_unlock_irqrestore(&tlsf_lock, flags);
}

static void tlsf_cache_describe(const struct heap_cache *c, struct heap_cache_info *info)
{
	size_t i = 0;

	*info = (struct heap_cache_info){
		.object_size = c->size,
		.stride = tlsf_round(c->size) + TLSF_TAG,
		.active_objects = c->active,
		.total_objects = c->active,
	};
	for (; c->name[i]; i++)
		info->name[i] = (uint8_t)c->name[i];
}

/**
 * tlsf_cache_stats() - Describe every cache, newest first (heap.cache_stats).
 * @caches: receives up to @caches_len entries.
 * @caches_len: length of @caches.
 *
 * Only the caches made by cache_create exist. An object's stride is its
 * payload and tag; its total count is its active count and its pages 0,
 * since every cache draws on the one pool.
 *
 * Context: any, interrupt handlers included; atomic (takes tlsf_lock), so
 * the list is one snapshot.
 *
 * Return: the number of caches, which may exceed @caches_len.
 */
long tlsf_cache_stats(struct heap_cache_info *caches, size_t caches_len)
{
	unsigned long flags = spin_lock_irqsave(&tlsf_lock);
	long n = 0;

	for (const struct heap_cache *c = tlsf.caches; c; c = c->next, n++) {
		if ((size_t)n < caches_len)
			tlsf_cache_describe(c, &caches[n]);
	}
	spin_unlock_irqrestore(&tlsf_lock, flags);
	return n;
}
