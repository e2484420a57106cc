/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Heap conformance under load: long seeded random sequences of alloc, free
 * and cache operations checked against the model, frames going back to pmm,
 * bounded growth under churn, and exhaustion of pmm. Listed in
 * heap_suite.c; each case starts from a fresh world.
 */
#include "heap_cases.h"

#include "doubles/host_ram.h"

/* A size as kernels ask for them: mostly small, some page-sized or larger,
 * powers of two often (their alignment is promised). */
static size_t random_size(struct rng *r)
{
	uint64_t pick = rng_below(r, 100);

	if (pick < 55)
		return rng_range(r, 1, 128);
	if (pick < 80)
		return rng_range(r, 129, 2048);
	if (pick < 90)
		return (size_t)16 << rng_below(r, 9); /* 16 .. 4096 */
	if (pick < 98)
		return rng_range(r, 2049, 6 * PAGE_SIZE);
	return rng_range(r, 6 * PAGE_SIZE, 64 * PAGE_SIZE);
}

static void random_alloc(struct ktap *t, struct model *m, struct rng *r)
{
	size_t size = random_size(r);
	void *p;
	int err = heap_alloc(size, &p);

	if (!ktap_expect(t, err == 0, "alloc(%zu) = %d with plenty of RAM", size, err))
		return;
	ktap_expect(t, (uintptr_t)p % 16 == 0, "alloc(%zu) = %p is 16-byte aligned", size, p);
	model_add(t, m, p, heap_usable_size(p), size, NULL);
}

static void random_cache_alloc(struct ktap *t, struct model *m, struct heap_cache *c, size_t size)
{
	void *p;

	if (ktap_expect(t, heap_cache_alloc(c, &p) == 0, "cache_alloc of %zu bytes", size))
		model_add(t, m, p, size, size, c);
}

/* One step: allocate while the population is small, free while it is
 * large, so the live set wanders between a few and ~1500 blocks. */
static void random_step(struct ktap *t, struct model *m, struct rng *r, struct heap_cache *caches[2])
{
	static const size_t cache_sizes[2] = { 40, 328 };
	bool grow = rng_below(r, 1500) >= m->n;
	uint64_t kind = rng_below(r, 10);

	if (!grow && m->n) {
		model_free(t, m, (size_t)rng_below(r, m->n));
		return;
	}
	if (kind < 2)
		random_cache_alloc(t, m, caches[kind], cache_sizes[kind]);
	else
		random_alloc(t, m, r);
}

void heap_random_ops_match_model(struct ktap *t)
{
	struct heap_cache *caches[2];
	struct model m = { 0 };
	struct rng r = rng_seed(0x5eed0001);
	struct heap_stats base, st;

	if (!ktap_expect(t, heap_cache_create("conf-40", 40, 0, &caches[0]) == 0 &&
				    heap_cache_create("conf-328", 328, 64, &caches[1]) == 0,
			 "two caches"))
		return;
	base = world_heap_stats();
	for (int i = 0; i < 30000 && !t->failures; i++) {
		random_step(t, &m, &r, caches);
		if (i % 2048 == 0)
			model_verify(t, &m);
	}
	model_verify(t, &m);
	st = world_heap_stats();
	ktap_expect(t, st.in_use - base.in_use >= model_alloc_bytes(&m),
		    "in_use grew by %llu, at least the %llu usable bytes of live blocks",
		    (unsigned long long)(st.in_use - base.in_use), (unsigned long long)model_alloc_bytes(&m));
	ktap_expect(t, st.allocs - st.frees == base.allocs - base.frees + m.n, "allocs - frees = live blocks");
	model_free_all(t, &m);
	st = world_heap_stats();
	ktap_expect(t, st.in_use == base.in_use, "in_use back to %llu, is %llu", (unsigned long long)base.in_use,
		    (unsigned long long)st.in_use);
	ktap_expect(t, st.invalid_frees == 0 && st.pmm_errors == 0, "no invalid free, no pmm error");
	ktap_expect(t, heap_cache_destroy(caches[0]) == 0 && heap_cache_destroy(caches[1]) == 0, "caches destroyed");
	model_release(&m);
	expect_all_frames_back(t);
}

void heap_shrink_returns_every_frame(struct ktap *t)
{
	struct model m = { 0 };
	struct rng r = rng_seed(0x5eed0002);

	for (int i = 0; i < 3000; i++)
		random_alloc(t, &m, &r);
	/* Free in random order, so that slabs and runs empty in any order. */
	while (m.n)
		model_free(t, &m, (size_t)rng_below(&r, m.n));
	model_release(&m);
	expect_all_frames_back(t);
}

/* Allocating and freeing the same size over and over must not keep taking
 * frames: whatever the heap keeps is reused. */
static void check_churn(struct ktap *t, size_t size)
{
	uint64_t first = 0;

	for (int i = 0; i < 5000; i++) {
		void *a, *b;

		if (!ktap_expect(t, heap_alloc(size, &a) == 0 && heap_alloc(size, &b) == 0, "allocs of %zu", size))
			return;
		heap_free(a);
		heap_free(b);
		if (i == 0)
			first = world_heap_stats().pages;
	}
	ktap_expect(t, world_heap_stats().pages <= first, "churn of %zu-byte blocks grew the heap from %llu to %llu pages",
		    size, (unsigned long long)first, (unsigned long long)world_heap_stats().pages);
}

void heap_churn_keeps_pages_bounded(struct ktap *t)
{
	check_churn(t, 64);
	check_churn(t, 1500);
	check_churn(t, 5 * PAGE_SIZE);
	expect_all_frames_back(t);
}

/* Fills the heap with blocks of `size` until -ENOMEM. Returns the bytes handed out. */
static uint64_t fill(struct ktap *t, struct model *m, size_t size)
{
	uint64_t bytes = 0;
	void *p = NULL;
	int err;

	while ((err = heap_alloc(size, &p)) == 0) {
		bytes += size;
		if (!model_add(t, m, p, heap_usable_size(p), size, NULL))
			break;
	}
	ktap_expect(t, err == -ENOMEM, "alloc(%zu) fails with -ENOMEM when pmm is empty, got %d", size, err);
	return bytes;
}

/* With pmm out of frames: a block of `size` freed can be allocated again. */
static void check_reuse(struct ktap *t, struct model *m, size_t size)
{
	size_t i = m->n;
	void *p;

	while (i > 0 && m->v[i - 1].asked != size)
		i--;
	if (!ktap_expect(t, i > 0, "some alloc(%zu) succeeded before -ENOMEM", size))
		return;
	model_free(t, m, i - 1);
	ktap_expect(t, heap_alloc(size, &p) == 0, "alloc(%zu) reuses a freed block at exhaustion", size);
	model_add(t, m, p, heap_usable_size(p), size, NULL);
}

void heap_exhaustion_returns_enomem(struct ktap *t)
{
	static const size_t sizes[] = { 40, 200, 1000, 5000, 3 * PAGE_SIZE };
	const size_t pages = 64;

	/* One size per fresh world, so that each drains pmm by itself. */
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct model m = { 0 };
		uint64_t bytes;

		world_reset(pages);
		bytes = fill(t, &m, sizes[i]);
		ktap_expect(t, bytes >= pages * PAGE_SIZE / 2,
			    "only %llu bytes of %zu pages handed out in blocks of %zu before -ENOMEM",
			    (unsigned long long)bytes, pages, sizes[i]);
		check_reuse(t, &m, sizes[i]);
		model_verify(t, &m);
		model_free_all(t, &m);
		model_release(&m);
		expect_all_frames_back(t);
	}
}

void heap_exhaustion_with_random_sizes(struct ktap *t)
{
	struct model m = { 0 };
	struct rng r = rng_seed(0x5eed0003);
	int failures = 0;

	world_reset(96);
	while (failures < 200) {
		size_t size = random_size(&r);
		void *p;
		int err = heap_alloc(size, &p);

		if (err) {
			ktap_expect(t, err == -ENOMEM, "alloc(%zu) = %d, not -ENOMEM", size, err);
			failures++;
			continue;
		}
		if (!model_add(t, &m, p, heap_usable_size(p), size, NULL))
			break;
		/* Free now and then, so exhaustion meets fragmentation. */
		if (rng_below(&r, 4) == 0)
			model_free(t, &m, (size_t)rng_below(&r, m.n));
	}
	ktap_expect(t, world_heap_stats().failed == (uint64_t)failures, "stats.failed counts every -ENOMEM");
	model_verify(t, &m);
	model_free_all(t, &m);
	model_release(&m);
	expect_all_frames_back(t);
}
