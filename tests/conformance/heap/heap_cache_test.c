/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Heap conformance, object caches: argument checks, alignment and
 * disjointness of objects, -EBUSY on destroying a cache in use, double-free
 * detection, exhaustion and the optional cache statistics. Listed in
 * heap_suite.c; each case starts from a fresh world.
 */
#include "heap_cases.h"

#include <string.h>

#define UNTOUCHED ((struct heap_cache *)(uintptr_t)0xdeadbeef0ULL)

void heap_cache_create_rejects_bad_arguments(struct ktap *t)
{
	static const struct {
		size_t size, align;
	} bad[] = {
		{ 0, 0 }, { HEAP_CACHE_MAX_SIZE + 1, 0 }, { SIZE_MAX, 0 }, { 64, 3 }, { 64, 24 }, { 64, 2 * PAGE_SIZE },
		{ 64, SIZE_MAX },
	};
	struct heap_cache *c = UNTOUCHED;

	ktap_expect(t, heap_cache_create(NULL, 64, 0, &c) == -EINVAL, "a NULL name is -EINVAL");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ktap_expect(t, heap_cache_create("bad", bad[i].size, bad[i].align, &c) == -EINVAL,
			    "cache_create(size %zu, align %zu) is -EINVAL", bad[i].size, bad[i].align);
	ktap_expect(t, c == UNTOUCHED, "*cache left alone on failure");
	ktap_expect(t, world_heap_stats().pages == 0, "failed creates took no frames");
}

void heap_cache_null_arguments(struct ktap *t)
{
	struct heap_cache *c;
	void *p = NULL;

	ktap_expect(t, heap_cache_alloc(NULL, &p) == -EINVAL, "cache_alloc(NULL) is -EINVAL");
	ktap_expect(t, p == NULL, "cache_alloc(NULL) left *obj alone");
	ktap_expect(t, heap_cache_destroy(NULL) == 0, "cache_destroy(NULL) does nothing");
	if (!ktap_expect(t, heap_cache_create("null", 32, 0, &c) == 0, "cache_create"))
		return;
	heap_cache_free(c, NULL);
	ktap_expect(t, world_heap_stats().invalid_frees == 0, "cache_free(c, NULL) does nothing");
	ktap_expect(t, heap_cache_destroy(c) == 0, "destroy");
	expect_all_frames_back(t);
}

struct cache_spec {
	const char *name;
	size_t size, align;
};

static const struct cache_spec specs[] = {
	{ "one-byte", 1, 0 },	  { "pointer", 8, 0 },	   { "odd", 24, 0 },	  { "task", 200, 64 },
	{ "page", 4096, 4096 }, { "biggest", HEAP_CACHE_MAX_SIZE, 0 }, { "line", 100, 128 },
};
#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static size_t expected_align(const struct cache_spec *s)
{
	return s->align ? s->align : 8;
}

void heap_cache_objects_are_aligned_and_disjoint(struct ktap *t)
{
	struct heap_cache *c[NSPECS];
	struct model m = { 0 };
	struct rng r = rng_seed(0x5eed0010);

	for (size_t i = 0; i < NSPECS; i++)
		if (!ktap_expect(t, heap_cache_create(specs[i].name, specs[i].size, specs[i].align, &c[i]) == 0,
				 "create %s", specs[i].name))
			return;
	/* Interleave the caches so that their slabs or blocks mix in memory. */
	for (int k = 0; k < 3000; k++) {
		size_t i = (size_t)rng_below(&r, NSPECS);
		void *p;

		if (!ktap_expect(t, heap_cache_alloc(c[i], &p) == 0, "alloc from %s", specs[i].name))
			break;
		ktap_expect(t, (uintptr_t)p % expected_align(&specs[i]) == 0, "%s object %p aligned to %zu",
			    specs[i].name, p, expected_align(&specs[i]));
		model_add(t, &m, p, specs[i].size, specs[i].size, c[i]);
	}
	model_verify(t, &m);
	while (m.n)
		model_free(t, &m, (size_t)rng_below(&r, m.n));
	for (size_t i = 0; i < NSPECS; i++)
		ktap_expect(t, heap_cache_destroy(c[i]) == 0, "destroy %s", specs[i].name);
	model_release(&m);
	expect_all_frames_back(t);
}

void heap_cache_destroy_is_busy_until_empty(struct ktap *t)
{
	struct heap_cache *c;
	void *a, *b;

	if (!ktap_expect(t, heap_cache_create("busy", 48, 16, &c) == 0, "create"))
		return;
	if (!ktap_expect(t, heap_cache_alloc(c, &a) == 0, "alloc"))
		return;
	ktap_expect(t, heap_cache_destroy(c) == -EBUSY, "destroy with one object out is -EBUSY");
	/* -EBUSY changed nothing: the cache still serves. */
	if (!ktap_expect(t, heap_cache_alloc(c, &b) == 0, "alloc after -EBUSY"))
		return;
	ktap_expect(t, a != b, "distinct objects");
	heap_cache_free(c, a);
	ktap_expect(t, heap_cache_destroy(c) == -EBUSY, "destroy with one object still out is -EBUSY");
	heap_cache_free(c, b);
	ktap_expect(t, heap_cache_destroy(c) == 0, "destroy once empty");
	expect_all_frames_back(t);
}

void heap_cache_double_free_is_detected(struct ktap *t)
{
	struct heap_cache *c;
	struct heap_stats before, after;
	void *a, *keep, *x, *y;

	if (!ktap_expect(t, heap_cache_create("twice", 72, 0, &c) == 0, "create"))
		return;
	if (!ktap_expect(t, heap_cache_alloc(c, &a) == 0 && heap_cache_alloc(c, &keep) == 0, "allocs"))
		return;
	heap_cache_free(c, a);
	before = world_heap_stats();
	heap_cache_free(c, a);
	after = world_heap_stats();
	ktap_expect(t, after.invalid_frees == before.invalid_frees + 1, "double cache_free detected");
	if (ktap_expect(t, heap_cache_alloc(c, &x) == 0 && heap_cache_alloc(c, &y) == 0, "allocs after"))
		ktap_expect(t, x != y && x != keep && y != keep, "distinct objects after a double free");
	heap_cache_free(c, x);
	heap_cache_free(c, y);
	heap_cache_free(c, keep);
	ktap_expect(t, heap_cache_destroy(c) == 0, "destroy");
	expect_all_frames_back(t);
}

void heap_cache_exhaustion_returns_enomem(struct ktap *t)
{
	struct heap_cache *c;
	struct model m = { 0 };
	void *p;
	int err;

	world_reset(48);
	if (!ktap_expect(t, heap_cache_create("fill", 180, 0, &c) == 0, "create"))
		return;
	while ((err = heap_cache_alloc(c, &p)) == 0)
		if (!model_add(t, &m, p, 180, 180, c))
			break;
	ktap_expect(t, err == -ENOMEM, "cache_alloc fails with -ENOMEM when pmm is empty, got %d", err);
	ktap_expect(t, m.n * 180 >= 48 * PAGE_SIZE / 2, "only %zu objects before -ENOMEM", m.n);
	ktap_expect(t, heap_cache_destroy(c) == -EBUSY, "a full cache is busy");
	model_free(t, &m, m.n / 2);
	if (ktap_expect(t, heap_cache_alloc(c, &p) == 0, "a freed object is reused at exhaustion"))
		model_add(t, &m, p, 180, 180, c);
	model_verify(t, &m);
	model_free_all(t, &m);
	ktap_expect(t, heap_cache_destroy(c) == 0, "destroy");
	model_release(&m);
	expect_all_frames_back(t);
}

/* The entry for `name` in the heap's cache list, or NULL. */
static const struct heap_cache_info *find_cache(const struct heap_cache_info *v, long n, const char *name)
{
	for (long i = 0; i < n; i++)
		if (strcmp((const char *)v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static long read_cache_stats(struct heap_cache_info *v, size_t len)
{
	memset(v, 0, len * sizeof(*v));
	return heap_cache_stats(v, len);
}

void heap_cache_stats_report_objects(struct ktap *t)
{
	static const char long_name[] = "a-cache-name-longer-than-thirty-one-bytes";
	struct heap_cache_info v[64];
	const struct heap_cache_info *e;
	struct heap_cache *c, *c2;
	void *obj[100];
	long n;

	if (!heap_has_cache_stats()) {
		ktap_printf("    # heap_cache_stats_report_objects: the heap reports no caches (optional)\n");
		return;
	}
	if (!ktap_expect(t, heap_cache_create("conf-stats", 200, 0, &c) == 0 &&
				    heap_cache_create(long_name, 16, 0, &c2) == 0,
			 "create"))
		return;
	for (int i = 0; i < 100; i++)
		ktap_expect(t, heap_cache_alloc(c, &obj[i]) == 0, "alloc %d", i);
	n = read_cache_stats(v, 64);
	ktap_expect(t, n >= 2 && n <= 64, "%ld caches reported", n);
	ktap_expect(t, heap_cache_stats(NULL, 0) == n, "a zero-length buffer still counts every cache");
	e = find_cache(v, n, "conf-stats");
	if (ktap_expect(t, e != NULL, "conf-stats is listed")) {
		ktap_expect(t, e->object_size == 200 && e->stride >= 200, "object size %zu, stride %zu", e->object_size,
			    e->stride);
		ktap_expect(t, e->active_objects == 100 && e->total_objects >= 100, "active %llu, total %llu",
			    (unsigned long long)e->active_objects, (unsigned long long)e->total_objects);
	}
	ktap_expect(t, find_cache(v, n, "a-cache-name-longer-than-thirty") != NULL, "a long name is kept truncated");
	for (int i = 0; i < 50; i++)
		heap_cache_free(c, obj[i]);
	e = find_cache(v, read_cache_stats(v, 64), "conf-stats");
	ktap_expect(t, e && e->active_objects == 50, "50 objects active after 50 frees");
	for (int i = 50; i < 100; i++)
		heap_cache_free(c, obj[i]);
	ktap_expect(t, heap_cache_destroy(c) == 0 && heap_cache_destroy(c2) == 0, "destroy");
	n = read_cache_stats(v, 64);
	ktap_expect(t, find_cache(v, n, "conf-stats") == NULL, "a destroyed cache is no longer listed");
	expect_all_frames_back(t);
}
