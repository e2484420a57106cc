/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Heap conformance, alloc and free one call at a time: arguments the heap
 * must refuse, alignment, usable size, counters and double-free detection.
 * Listed in heap_suite.c; each case starts from a fresh world.
 */
#include "heap_cases.h"

#include <stdint.h>

#include "doubles/host_ram.h"

/* What heap_alloc must leave in *ptr when it fails. */
#define UNTOUCHED ((void *)(uintptr_t)0xdeadbeef0ULL)

void heap_alloc_zero_is_einval(struct ktap *t)
{
	void *p = UNTOUCHED;

	ktap_expect(t, heap_alloc(0, &p) == -EINVAL, "alloc(0) is -EINVAL");
	ktap_expect(t, p == UNTOUCHED, "alloc(0) left *ptr alone");
	ktap_expect(t, world_heap_stats().allocs == 0, "alloc(0) counted no allocation");
}

void heap_alloc_huge_is_enomem(struct ktap *t)
{
	static const size_t sizes[] = {
		SIZE_MAX, SIZE_MAX - 15, SIZE_MAX - PAGE_SIZE, SIZE_MAX / 2 + 1, (size_t)1 << 40,
		HOST_RAM_BYTES + 1, (PAGE_SIZE << PMM_MAX_ORDER) + 1,
	};
	size_t n = sizeof(sizes) / sizeof(sizes[0]);
	struct heap_stats st;
	void *p;

	for (size_t i = 0; i < n; i++) {
		p = UNTOUCHED;
		ktap_expect(t, heap_alloc(sizes[i], &p) == -ENOMEM, "alloc(%#zx) is -ENOMEM", sizes[i]);
		ktap_expect(t, p == UNTOUCHED, "alloc(%#zx) left *ptr alone", sizes[i]);
	}
	st = world_heap_stats();
	ktap_expect(t, st.failed == n, "stats.failed is %llu after %zu failures", (unsigned long long)st.failed, n);
	/* The heap still works and leaked nothing on the failed paths. */
	ktap_expect(t, heap_alloc(100, &p) == 0, "alloc(100) after the failures");
	heap_free(p);
	expect_all_frames_back(t);
}

static bool is_pow2(size_t n)
{
	return n && !(n & (n - 1));
}

/* Allocates three blocks of `size` into the model and checks their alignment
 * and usable size. */
static void check_size(struct ktap *t, struct model *m, size_t size)
{
	for (int k = 0; k < 3; k++) {
		void *p = NULL;
		int err = heap_alloc(size, &p);
		size_t usable;

		if (!ktap_expect(t, err == 0, "alloc(%zu) = %d", size, err))
			return;
		usable = heap_usable_size(p);
		ktap_expect(t, (uintptr_t)p % 16 == 0, "alloc(%zu) = %p is 16-byte aligned", size, p);
		if (is_pow2(size) && size <= PAGE_SIZE)
			ktap_expect(t, (uintptr_t)p % size == 0, "alloc(%zu) = %p is naturally aligned", size, p);
		if (!ktap_expect(t, usable >= size, "usable_size %zu >= %zu", usable, size))
			usable = size;
		model_add(t, m, p, usable, size, NULL);
	}
}

void heap_alloc_is_aligned(struct ktap *t)
{
	struct model m = { 0 };

	for (size_t size = 1; size <= 2 * PAGE_SIZE; size <<= 1) {
		check_size(t, &m, size);
		check_size(t, &m, size + 1);
		if (size > 1)
			check_size(t, &m, size - 1);
	}
	/* Interleave sizes so that a block is not always placed in a fresh
	 * slab or run. */
	for (size_t size = 16; size <= PAGE_SIZE; size <<= 1)
		check_size(t, &m, size);
	model_verify(t, &m);
	model_free_all(t, &m);
	model_release(&m);
	expect_all_frames_back(t);
}

void heap_usable_size_covers_request(struct ktap *t)
{
	struct model m = { 0 };

	ktap_expect(t, heap_usable_size(NULL) == 0, "usable_size(NULL) is 0");
	for (size_t size = 1; size <= 3 * PAGE_SIZE; size += size < 300 ? 1 : 37)
		check_size(t, &m, size);
	/* model_add filled every usable byte; nothing may have spilled over. */
	model_verify(t, &m);
	model_free_all(t, &m);
	model_release(&m);
	expect_all_frames_back(t);
}

void heap_free_null_is_noop(struct ktap *t)
{
	struct heap_stats before = world_heap_stats(), after;

	heap_free(NULL);
	after = world_heap_stats();
	ktap_expect(t, after.frees == before.frees && after.invalid_frees == before.invalid_frees,
		    "free(NULL) counted nothing");
}

void heap_stats_count_operations(struct ktap *t)
{
	struct model m = { 0 };
	struct rng r = rng_seed(7);
	struct heap_stats st;

	for (int i = 0; i < 200; i++) {
		size_t size = rng_range(&r, 1, 3 * PAGE_SIZE);
		void *p;

		if (ktap_expect(t, heap_alloc(size, &p) == 0, "alloc(%zu)", size))
			model_add(t, &m, p, heap_usable_size(p), size, NULL);
	}
	st = world_heap_stats();
	ktap_expect(t, st.allocs == 200 && st.frees == 0, "200 allocs counted (%llu, %llu)",
		    (unsigned long long)st.allocs, (unsigned long long)st.frees);
	ktap_expect(t, st.in_use == model_alloc_bytes(&m), "in_use %llu is the sum of usable sizes %llu",
		    (unsigned long long)st.in_use, (unsigned long long)model_alloc_bytes(&m));
	ktap_expect(t, st.pages > 0 && st.pages * PAGE_SIZE >= st.in_use, "%llu pages hold %llu bytes",
		    (unsigned long long)st.pages, (unsigned long long)st.in_use);
	ktap_expect(t, world_total_frames() - world_free_frames() == st.pages, "pmm agrees the heap holds %llu frames",
		    (unsigned long long)st.pages);
	model_free_all(t, &m);
	st = world_heap_stats();
	ktap_expect(t, st.frees == 200 && st.in_use == 0, "200 frees counted, in_use %llu",
		    (unsigned long long)st.in_use);
	model_release(&m);
}

/* Frees `a` twice with `keep` live beside it, then checks the heap noticed
 * and still hands out distinct blocks. */
static void check_double_free(struct ktap *t, size_t size)
{
	struct model m = { 0 };
	struct heap_stats before, after;
	void *a, *keep, *x, *y;

	if (!ktap_expect(t, heap_alloc(size, &a) == 0 && heap_alloc(size, &keep) == 0, "two allocs of %zu", size))
		return;
	model_add(t, &m, keep, size, size, NULL);
	heap_free(a);
	before = world_heap_stats();
	heap_free(a);
	after = world_heap_stats();
	ktap_expect(t, after.invalid_frees == before.invalid_frees + 1, "double free of %zu bytes detected", size);
	ktap_expect(t, after.frees == before.frees, "the second free was not counted as a free");
	/* A double free that went through would hand `a` out twice. */
	if (ktap_expect(t, heap_alloc(size, &x) == 0 && heap_alloc(size, &y) == 0, "allocs after double free"))
		ktap_expect(t, x != y, "distinct blocks after a double free (%p, %p)", x, y);
	model_add(t, &m, x, size, size, NULL);
	model_add(t, &m, y, size, size, NULL);
	model_free_all(t, &m);
	model_release(&m);
	expect_all_frames_back(t);
}

void heap_double_free_is_detected(struct ktap *t)
{
	check_double_free(t, 24);
	check_double_free(t, 700);
	check_double_free(t, 2048);
	check_double_free(t, 3 * PAGE_SIZE + 5);
}
