/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Heap conformance, locking (heap.idl: every method atomic, callable from
 * interrupt handlers): each method releases the heap's lock on every way it
 * returns, and the heap's work runs under that lock. Listed in heap_suite.c;
 * each case starts from a fresh world.
 */
#include "heap_cases.h"

#include <stdint.h>

#include "pmm/lock_probe.h"

#define LOCK_TEST_MAX_BLOCKS 256

/* cache_alloc until it fails, which must be with -ENOMEM, then frees all. */
static void exhaust_cache(struct ktap *t, struct heap_cache *c)
{
	void *obj[LOCK_TEST_MAX_BLOCKS];
	int n = 0, err;

	while (n < LOCK_TEST_MAX_BLOCKS && (err = heap_cache_alloc(c, &obj[n])) == 0)
		n++;
	ktap_expect(t, n < LOCK_TEST_MAX_BLOCKS && err == -ENOMEM, "cache_alloc at exhaustion gave %d", err);
	while (n > 0)
		heap_cache_free(c, obj[--n]);
}

/* alloc of a page until it fails, which must be with -ENOMEM, then frees all. */
static void exhaust_alloc(struct ktap *t)
{
	void *p[LOCK_TEST_MAX_BLOCKS];
	int n = 0, err;

	while (n < LOCK_TEST_MAX_BLOCKS && (err = heap_alloc(PAGE_SIZE, &p[n])) == 0)
		n++;
	ktap_expect(t, n < LOCK_TEST_MAX_BLOCKS && err == -ENOMEM, "alloc at exhaustion gave %d", err);
	while (n > 0)
		heap_free(p[--n]);
}

/* The cache_* methods, each along every way it returns. */
static void cache_methods_every_way(struct ktap *t)
{
	struct heap_cache *c;
	void *obj;

	ktap_expect(t, heap_cache_create(NULL, 16, 0, &c) == -EINVAL, "a NULL name is refused");
	ktap_expect(t, heap_cache_create("conf-lock", 0, 0, &c) == -EINVAL, "size 0 is refused");
	if (!ktap_expect(t, heap_cache_create("conf-lock", 2000, 0, &c) == 0, "cache_create"))
		return;
	ktap_expect(t, heap_cache_alloc(NULL, &obj) == -EINVAL, "cache_alloc(NULL) is refused");
	if (!ktap_expect(t, heap_cache_alloc(c, &obj) == 0, "cache_alloc"))
		return;
	ktap_expect(t, heap_cache_destroy(c) == -EBUSY, "a cache with an object out is busy");
	heap_cache_free(c, NULL);
	heap_cache_free(c, obj);
	heap_cache_free(c, obj); /* a double free: counted */
	exhaust_cache(t, c);
	ktap_expect(t, heap_cache_destroy(c) == 0, "cache_destroy");
	ktap_expect(t, heap_cache_destroy(NULL) == 0, "cache_destroy(NULL)");
}

/*
 * Every method along each way it returns, success and each error, each
 * followed by another call. Every call takes the heap's lock, so if one
 * returned with it held, the host spinlock aborts the whole suite at the
 * next call ("deadlock: spinlock ... already held" on stderr), as the
 * kernel panics there: a leaked lock shows as this case never finishing.
 */
void heap_every_method_releases_its_lock(struct ktap *t)
{
	struct heap_cache_info info;
	void *p, *big;

	world_reset(64); /* small enough to run out of */
	ktap_expect(t, heap_alloc(0, &p) == -EINVAL, "alloc(0) is refused");
	ktap_expect(t, heap_alloc(SIZE_MAX, &p) == -ENOMEM, "alloc(SIZE_MAX) is -ENOMEM");
	if (!ktap_expect(t, heap_alloc(100, &p) == 0 && heap_alloc(3 * PAGE_SIZE, &big) == 0, "alloc"))
		return;
	ktap_expect(t, heap_usable_size(NULL) == 0 && heap_usable_size(p) >= 100, "usable_size");
	heap_free(NULL);
	heap_free(p);
	heap_free(p); /* a double free: counted */
	heap_free(big);
	exhaust_alloc(t);
	cache_methods_every_way(t);
	heap_shrink();
	if (heap_has_cache_stats())
		ktap_expect(t, heap_cache_stats(&info, 1) >= 0, "cache_stats");
	ktap_expect(t, world_heap_stats().invalid_frees == 2, "%llu invalid frees counted, 2 made",
		    (unsigned long long)world_heap_stats().invalid_frees);
	expect_all_frames_back(t);
}

/* The work of the interrupt case: blocks of every kind, then their frees. */
static void churn(void *arg)
{
	static const size_t sizes[] = { 16, 200, 2000, 3000, 3 * PAGE_SIZE };
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	struct heap_cache *c = arg;
	void *obj = NULL;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (heap_alloc(sizes[i], &p[i]))
			p[i] = NULL;
	if (heap_cache_alloc(c, &obj) == 0)
		heap_cache_free(c, obj);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		heap_free(p[i]);
	heap_shrink();
}

/* What an interrupt handler allocating memory would do in the middle. */
static void interrupt(void)
{
	void *p;

	if (heap_alloc(32, &p) == 0)
		heap_free(p);
}

/*
 * In the kernel an interrupt cannot land while the heap's lock is held: it
 * is taken with interrupts disabled. On the host a timer signal can, and
 * its handler's heap_alloc then finds the lock held and aborts: proof that
 * the methods do their work under the lock. Without a lock the child runs
 * out its time (or corrupts the heap) and the case fails.
 */
void heap_interrupted_calls_hold_the_lock(struct ktap *t)
{
	struct heap_cache *c;
	enum lock_probe_result r;

	if (!ktap_expect(t, heap_cache_create("conf-irq", 96, 0, &c) == 0, "cache_create"))
		return;
	r = lock_probe_run(churn, c, interrupt, 5.0);
	ktap_expect(t, r != LOCK_PROBE_NEVER_HELD,
		    "no simulated interrupt in 5 s of heap calls found the heap's lock held");
	ktap_expect(t, r != LOCK_PROBE_BROKEN, "the child running the calls failed");
	ktap_expect(t, heap_cache_destroy(c) == 0, "cache_destroy");
	expect_all_frames_back(t);
}
