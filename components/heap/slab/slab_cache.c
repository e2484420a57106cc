/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Object caches of the slab heap: slab layout, the partial/full/empty lists
 * and taking and returning objects. slab_kmalloc.c calls it for the heap
 * interface's cache_* methods and for the size classes behind alloc.
 *
 * Invariants: a slab is on exactly one list of its cache, the one its state
 * names: partial (0 < inuse < capacity, or a fresh slab), full (inuse ==
 * capacity) or empty (inuse == 0). An object is handed out exactly when its
 * bit in the slab's `used` map is set; a freed object is on the slab's free
 * list, and objects from index `fresh` on were never handed out, so a new
 * slab costs nothing to set up however many objects it holds.
 */
#include "slab.h"

struct heap_cache *slab_caches;

static void slab_list_push(struct slab_list *l, struct slab *s)
{
	s->prev = NULL;
	s->next = l->head;
	if (l->head)
		l->head->prev = s;
	l->head = s;
	l->count++;
}

static void slab_list_remove(struct slab_list *l, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		l->head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	l->count--;
}

static struct slab_list *slab_list_of(struct heap_cache *c, uint32_t state)
{
	if (state == SLAB_FULL)
		return &c->full;
	if (state == SLAB_EMPTY)
		return &c->empty;
	return &c->partial;
}

static void slab_move(struct slab *s, uint32_t state)
{
	slab_list_remove(slab_list_of(s->cache, s->state), s);
	s->state = state;
	slab_list_push(slab_list_of(s->cache, state), s);
}

/*
 * Chooses the slab size for objects `stride` bytes apart: the smallest
 * order that wastes at most an eighth of the slab (control block and tail
 * included), else the order wasting the least. Returns false if no slab up
 * to SLAB_MAX_ORDER holds even one object.
 */
static bool slab_layout(size_t stride, uint32_t *order, uint32_t *capacity)
{
	size_t best_waste = 0, best_bytes = 0;

	for (uint32_t o = 0; o <= SLAB_MAX_ORDER; o++) {
		size_t bytes = PAGE_SIZE << o;
		size_t n = (bytes - sizeof(struct slab)) / stride;

		if (n > SLAB_MAX_OBJECTS)
			n = SLAB_MAX_OBJECTS;
		if (n == 0)
			continue;
		size_t waste = bytes - n * stride;
		/* waste / bytes < best_waste / best_bytes, without division */
		if (best_bytes == 0 || waste * best_bytes < best_waste * bytes) {
			best_waste = waste;
			best_bytes = bytes;
			*order = o;
			*capacity = (uint32_t)n;
		}
		if (8 * waste <= bytes)
			break;
	}
	return best_bytes != 0;
}

static void slab_copy_name(char *dst, const char *src)
{
	size_t i = 0;

	for (; i < HEAP_CACHE_NAME_MAX - 1 && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/**
 * slab_cache_setup() - Fill in a cache descriptor, checking its arguments.
 * @cache: the descriptor; written only on success.
 * @name: shown by statistics; copied, truncated.
 * @size: object size, 1 to HEAP_CACHE_MAX_SIZE.
 * @align: a power of two up to PAGE_SIZE, or 0 for SLAB_MIN_ALIGN.
 *
 * Return: 0, or -EINVAL for a size or alignment the heap interface refuses.
 */
int slab_cache_setup(struct heap_cache *cache, const char *name, size_t size, size_t align)
{
	uint32_t order = 0, capacity = 0;
	size_t stride;

	if (size == 0 || size > HEAP_CACHE_MAX_SIZE)
		return -EINVAL;
	if (align > PAGE_SIZE || (align & (align - 1)))
		return -EINVAL;
	if (align < SLAB_MIN_ALIGN)
		align = SLAB_MIN_ALIGN;
	stride = (size + align - 1) & ~(align - 1);
	if (!slab_layout(stride, &order, &capacity))
		return -EINVAL;
	*cache = (struct heap_cache){
		.size = size,
		.stride = stride,
		.order = order,
		.capacity = capacity,
	};
	slab_copy_name(cache->name, name);
	return 0;
}

/** slab_cache_link() - Add a set-up cache to the list shrink and statistics walk. */
void slab_cache_link(struct heap_cache *cache)
{
	cache->prev = NULL;
	cache->next = slab_caches;
	if (slab_caches)
		slab_caches->prev = cache;
	slab_caches = cache;
}

/** slab_cache_unlink() - Take a cache off that list. */
void slab_cache_unlink(struct heap_cache *cache)
{
	if (cache->prev)
		cache->prev->next = cache->next;
	else
		slab_caches = cache->next;
	if (cache->next)
		cache->next->prev = cache->prev;
}

/* A new slab from pmm, on the partial list; its control block is its tail. */
static int slab_grow(struct heap_cache *c, struct slab **out)
{
	uint32_t pages = 1U << c->order;
	struct slab *s;
	void *mem;
	int err;

	err = slab_pages_get(c->order, pages, &mem);
	if (err)
		return err;
	s = (struct slab *)((uint8_t *)mem + (PAGE_SIZE << c->order) - sizeof(*s));
	*s = (struct slab){ .cache = c, .base = mem, .state = SLAB_PARTIAL };
	slab_pages_map(mem, pages, (uintptr_t)s);
	slab_list_push(&c->partial, s);
	*out = s;
	return 0;
}

/* The slab the next object comes from: a partial one, else an empty one,
 * else a new one. */
static int slab_pick(struct heap_cache *c, struct slab **out)
{
	struct slab *s = c->partial.head;

	if (s) {
		*out = s;
		return 0;
	}
	s = c->empty.head;
	if (s) {
		slab_move(s, SLAB_PARTIAL);
		*out = s;
		return 0;
	}
	return slab_grow(c, out);
}

/**
 * slab_cache_take() - Hand out one object of a cache.
 * @cache: the cache.
 * @obj: receives the object; written only on success.
 *
 * Return: 0, or -ENOMEM when a new slab was needed and pmm had no frames.
 */
int slab_cache_take(struct heap_cache *cache, void **obj)
{
	struct slab *s;
	uint32_t index;
	uint8_t *o;
	int err;

	err = slab_pick(cache, &s);
	if (err) {
		slab_count.failed++;
		return err;
	}
	if (s->free) {
		o = s->free;
		s->free = *(void **)s->free;
		index = (uint32_t)((size_t)(o - s->base) / cache->stride);
	} else {
		index = s->fresh++;
		o = s->base + (size_t)index * cache->stride;
	}
	s->used[index / 64] |= 1ULL << (index % 64);
	s->inuse++;
	if (s->inuse == cache->capacity)
		slab_move(s, SLAB_FULL);
	cache->active++;
	slab_count.in_use += cache->stride;
	slab_count.allocs++;
	*obj = o;
	return 0;
}

/**
 * slab_of() - The slab holding an address.
 * @obj: any address.
 *
 * Return: the slab, or NULL if the address is in no slab of this heap.
 */
struct slab *slab_of(const void *obj)
{
	uintptr_t owner = slab_page_owner(obj);

	if (!owner || slab_page_is_large(owner))
		return NULL;
	return (struct slab *)owner;
}

/**
 * slab_object_is_live() - Whether an address is an object of a slab now handed out.
 * @s: the slab, from slab_of(@obj).
 * @obj: the address.
 *
 * Return: true if @obj starts an object and that object's bit is set; false
 * for a free object (a double free), an address inside an object or one in
 * the control block.
 */
bool slab_object_is_live(const struct slab *s, const void *obj)
{
	size_t off = (size_t)((const uint8_t *)obj - s->base);
	size_t index = off / s->cache->stride;

	if (off % s->cache->stride || index >= s->fresh)
		return false;
	return s->used[index / 64] & (1ULL << (index % 64));
}

/* Gives the frames of a slab back to pmm. */
static void slab_release(struct slab *s)
{
	struct heap_cache *c = s->cache;

	slab_list_remove(slab_list_of(c, s->state), s);
	slab_pages_put(s->base, c->order, 1U << c->order);
}

/* A slab has just become empty: keep it for reuse, or give it back. */
static void slab_retire(struct slab *s)
{
	if (s->cache->empty.count >= heap_slab_empty_reserve) {
		slab_release(s);
		return;
	}
	/* Start over as if new: fresh objects are handed out in address order. */
	s->free = NULL;
	s->fresh = 0;
	slab_move(s, SLAB_EMPTY);
}

/**
 * slab_cache_put() - Take back a live object.
 * @s: its slab.
 * @obj: the object; slab_object_is_live() said so.
 */
void slab_cache_put(struct slab *s, void *obj)
{
	struct heap_cache *c = s->cache;
	uint32_t index = (uint32_t)((size_t)((uint8_t *)obj - s->base) / c->stride);

	s->used[index / 64] &= ~(1ULL << (index % 64));
	*(void **)obj = s->free;
	s->free = obj;
	s->inuse--;
	c->active--;
	slab_count.in_use -= c->stride;
	slab_count.frees++;
	if (s->inuse == 0)
		slab_retire(s);
	else if (s->state == SLAB_FULL)
		slab_move(s, SLAB_PARTIAL);
}

/**
 * slab_cache_trim() - Give back a cache's empty slabs beyond a number.
 * @cache: the cache.
 * @keep: empty slabs to keep.
 */
void slab_cache_trim(struct heap_cache *cache, uint64_t keep)
{
	while (cache->empty.count > keep)
		slab_release(cache->empty.head);
}
