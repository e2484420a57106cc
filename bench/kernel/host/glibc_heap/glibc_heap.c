/* SPDX-License-Identifier: Apache-2.0 */
/*
 * glibc's malloc behind the heap interface (see component.idl): the host
 * heap benchmark binds it in place of a kernel heap to print the glibc
 * reference row with the very same benchmark code (core/kernel/bench.c).
 */
#include <tessera/components/bench_glibc_heap.h>
#include <tessera/pmm.h>

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* A cache is only its object size and alignment; objects are plain blocks. */
struct heap_cache {
	size_t size, align;
	uint64_t active;
};

/* Calls only: glibc keeps its own books. */
static struct heap_stats glibc_heap_counts;

/**
 * glibc_heap_init() - Reset the call counters.
 *
 * Return: 0.
 */
int glibc_heap_init(void)
{
	memset(&glibc_heap_counts, 0, sizeof(glibc_heap_counts));
	return 0;
}

/**
 * glibc_heap_alloc() - malloc(), with the interface's error convention.
 * @size: bytes wanted, at least 1.
 * @ptr: receives the block.
 *
 * Return: 0, -EINVAL for size 0, or -ENOMEM.
 */
int glibc_heap_alloc(size_t size, void **ptr)
{
	void *p;

	if (size == 0)
		return -EINVAL;
	p = malloc(size);
	if (!p) {
		glibc_heap_counts.failed++;
		return -ENOMEM;
	}
	glibc_heap_counts.allocs++;
	*ptr = p;
	return 0;
}

/**
 * glibc_heap_free() - free().
 * @ptr: a block from glibc_heap_alloc(), or NULL.
 */
void glibc_heap_free(void *ptr)
{
	glibc_heap_counts.frees += ptr != NULL;
	free(ptr);
}

/**
 * glibc_heap_usable_size() - malloc_usable_size().
 * @ptr: a live block, or NULL.
 *
 * Return: its usable size; 0 for NULL.
 */
size_t glibc_heap_usable_size(const void *ptr)
{
	return malloc_usable_size((void *)ptr);
}

/**
 * glibc_heap_cache_create() - A cache descriptor: object size and alignment.
 * @name: ignored beyond being required.
 * @size: object size, 1 to HEAP_CACHE_MAX_SIZE.
 * @align: 0 or a power of two up to PAGE_SIZE.
 * @cache: receives the descriptor.
 *
 * Return: 0, -EINVAL for invalid arguments, or -ENOMEM.
 */
int glibc_heap_cache_create(const char *name, size_t size, size_t align, struct heap_cache **cache)
{
	struct heap_cache *c;

	if (!name || size == 0 || size > HEAP_CACHE_MAX_SIZE || (align & (align - 1)) || align > PAGE_SIZE)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->size = size;
	c->align = align < sizeof(void *) ? sizeof(void *) : align;
	*cache = c;
	return 0;
}

/**
 * glibc_heap_cache_alloc() - An aligned block of the cache's object size.
 * @cache: from glibc_heap_cache_create().
 * @obj: receives the object.
 *
 * Return: 0, -EINVAL for a NULL cache, or -ENOMEM.
 */
int glibc_heap_cache_alloc(struct heap_cache *cache, void **obj)
{
	void *p = NULL;

	if (!cache)
		return -EINVAL;
	if (posix_memalign(&p, cache->align, cache->size))
		return -ENOMEM;
	cache->active++;
	*obj = p;
	return 0;
}

/**
 * glibc_heap_cache_free() - free() an object of the cache.
 * @cache: the cache it came from.
 * @obj: the object, or NULL.
 */
void glibc_heap_cache_free(struct heap_cache *cache, void *obj)
{
	if (obj)
		cache->active--;
	free(obj);
}

/**
 * glibc_heap_cache_destroy() - Free the descriptor of an empty cache.
 * @cache: the cache, or NULL.
 *
 * Return: 0, or -EBUSY while it has live objects.
 */
int glibc_heap_cache_destroy(struct heap_cache *cache)
{
	if (cache && cache->active)
		return -EBUSY;
	free(cache);
	return 0;
}

/**
 * glibc_heap_shrink() - malloc_trim(0): give free memory back to the system.
 */
void glibc_heap_shrink(void)
{
	malloc_trim(0);
}

/**
 * glibc_heap_stats() - The call counters; pages and bytes are not tracked.
 * @st: receives them.
 */
void glibc_heap_stats(struct heap_stats *st)
{
	*st = glibc_heap_counts;
}

/**
 * glibc_heap_cache_stats() - Not kept: malloc has no caches to describe.
 * @caches: unused.
 * @caches_len: unused.
 *
 * Return: -EOPNOTSUPP.
 */
long glibc_heap_cache_stats(struct heap_cache_info *caches, size_t caches_len)
{
	(void)caches;
	(void)caches_len;
	return -EOPNOTSUPP;
}
