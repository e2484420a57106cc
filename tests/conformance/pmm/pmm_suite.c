/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The pmm conformance suite: what every page-frame allocator promises in
 * idl/pmm.idl, checked against a model (pmm_model.c). tessera_conformance
 * builds it once per component providing pmm and runs it under ASan+UBSan.
 */
#include <tessera/composition.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"
#include "lock_probe.h"
#include "pmm_model.h"

/* A physical memory map with holes: bases aligned to 1 MiB, to one page
 * (odd frame numbers), straddling 1 GiB, far above 4 GiB, and a sliver. */
static const struct {
	paddr_t base;
	size_t pages;
} pmm_suite_map[] = {
	{ 0x100000, 3000 },
	{ 0x1005000, 4099 },
	{ 0x3fffd000, 2053 },
	{ 0x9000, 7 },
	{ 0x200000000, 2049 },
};

#define PMM_SUITE_NREGIONS (sizeof(pmm_suite_map) / sizeof(pmm_suite_map[0]))

/* Adds the suite's memory map and probes it; NULL if anything failed. */
static struct pmm_model *pmm_suite_start(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);

	if (!m)
		return NULL;
	for (size_t i = 0; i < PMM_SUITE_NREGIONS; i++) {
		int rc = pmm_model_add_region(m, pmm_suite_map[i].base, pmm_suite_map[i].pages);

		if (!ktap_expect(t, rc == 0, "add_region(%#llx, %zu) returned %d",
				 (unsigned long long)pmm_suite_map[i].base, pmm_suite_map[i].pages, rc))
			return NULL;
	}
	return pmm_model_probe(t, m) ? m : NULL;
}

static bool pmm_suite_same_blocks(const struct pmm_stats *a, const struct pmm_stats *b)
{
	return memcmp(a->free_blocks, b->free_blocks, sizeof(a->free_blocks)) == 0;
}

static void pmm_without_regions_nothing_is_allocated(struct ktap *t)
{
	paddr_t pa = 0x1234000;
	struct pmm_stats st;

	if (!pmm_model_of(t))
		return;
	ktap_expect(t, pmm_alloc(0, &pa) == -ENOMEM, "alloc(0) with no regions is not -ENOMEM");
	ktap_expect(t, pa == 0x1234000, "a failed alloc wrote to *frame");
	ktap_expect(t, pmm_free(0x100000, 0) == -EINVAL, "free with no regions is not -EINVAL");
	pmm_stats(&st);
	ktap_expect(t, st.total_frames == 0 && st.free_frames == 0 && st.meta_frames == 0 && st.regions == 0,
		    "stats of an empty allocator are not zero");
	ktap_expect(t, st.max_order <= PMM_MAX_ORDER, "max_order %u is above PMM_MAX_ORDER", st.max_order);
}

static void pmm_add_region_rejects_bad_arguments(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);
	uint8_t *buf = aligned_alloc(PAGE_SIZE, 16 * PAGE_SIZE);
	paddr_t top = ~(paddr_t)0 & ~(paddr_t)(PAGE_SIZE - 1);

	if (!m || !buf)
		goto free_buf;
	ktap_expect(t, pmm_add_region(0x100800, 16, buf) == -EINVAL, "a base inside a page is accepted");
	ktap_expect(t, pmm_add_region(0x100000, 16, NULL) == -EINVAL, "a NULL mapping is accepted");
	ktap_expect(t, pmm_add_region(0x100000, 0, buf) == -EINVAL, "an empty region is accepted");
	ktap_expect(t, pmm_add_region(0x100000, 16, buf + 8) == -EINVAL, "a mapping inside a page is accepted");
	ktap_expect(t, pmm_add_region(top - 3 * PAGE_SIZE, 16, buf) == -EINVAL,
		    "a region wrapping around the address space is accepted");
	ktap_expect(t, pmm_add_region(0x100000, (size_t)-1, buf) == -EINVAL, "SIZE_MAX pages are accepted");

	ktap_expect(t, pmm_model_add_region(m, 0x100000, 64) == 0, "a good region is refused");
	ktap_expect(t, pmm_add_region(0x100000 + 10 * PAGE_SIZE, 16, buf) == -EINVAL,
		    "a region inside another is accepted");
	ktap_expect(t, pmm_add_region(0x100000 - 4 * PAGE_SIZE, 16, buf) == -EINVAL,
		    "a region overlapping another's start is accepted");
	ktap_expect(t, pmm_add_region(0x100000 + 60 * PAGE_SIZE, 16, buf) == -EINVAL,
		    "a region overlapping another's end (its metadata) is accepted");
	ktap_expect(t, pmm_model_add_region(m, 0x100000 + 64 * PAGE_SIZE, 16) == 0,
		    "a region right after another is refused");
	/* Nothing the refused calls were given may have been taken. */
	pmm_model_probe(t, m);
free_buf:
	free(buf);
}

static void pmm_add_region_too_small_for_metadata_fails_with_enomem(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);
	int rc;

	if (!m)
		return;
	rc = pmm_model_add_region(m, 0x100000, 1);
	ktap_expect(t, rc == -ENOMEM, "a one-page region gave %d, not -ENOMEM", rc);
	pmm_model_probe(t, m);
	ktap_expect(t, m->managed == 0, "a refused region handed out %llu frames",
		    (unsigned long long)m->managed);
}

static void pmm_stats_account_for_every_page(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	struct pmm_stats st;

	if (!m)
		return;
	pmm_stats(&st);
	ktap_expect(t, st.total_frames + st.meta_frames == m->pages, "%llu + %llu frames, %llu pages given",
		    (unsigned long long)st.total_frames, (unsigned long long)st.meta_frames,
		    (unsigned long long)m->pages);
	ktap_expect(t, st.free_frames == st.total_frames, "a fresh allocator has frames in use");
	ktap_expect(t, st.regions == PMM_SUITE_NREGIONS, "%u regions counted, %zu given", st.regions,
		    PMM_SUITE_NREGIONS);
	/* In-region metadata: a bit or a byte per frame and a header. */
	ktap_expect(t, st.meta_frames <= 2 * PMM_SUITE_NREGIONS + m->pages / 512,
		    "%llu frames of metadata for %llu pages", (unsigned long long)st.meta_frames,
		    (unsigned long long)m->pages);
}

/* Allocates the largest order until -ENOMEM, then the next, down to 0;
 * counts[k] receives how many blocks of order k were handed out. */
static void pmm_suite_fill(struct ktap *t, struct pmm_model *m, uint64_t *counts)
{
	paddr_t pa;

	for (int k = (int)m->max_order; k >= 0; k--) {
		counts[k] = 0;
		while (pmm_model_alloc(t, m, (uint32_t)k, &pa) == 0)
			counts[k]++;
	}
}

static void pmm_exhaustion_returns_enomem_for_every_order(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	uint64_t counts[PMM_MAX_ORDER + 1];
	struct pmm_stats st;
	paddr_t pa;

	if (!m)
		return;
	pmm_suite_fill(t, m, counts);
	ktap_expect(t, m->used == m->managed, "%llu of %llu frames handed out before -ENOMEM",
		    (unsigned long long)m->used, (unsigned long long)m->managed);
	for (uint32_t k = 0; k <= m->max_order; k++)
		ktap_expect(t, pmm_model_alloc(t, m, k, &pa) == -ENOMEM, "alloc(%u) on full memory is not -ENOMEM", k);
	pmm_stats(&st);
	ktap_expect(t, st.free_frames == 0, "full memory has %llu free frames", (unsigned long long)st.free_frames);
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

static void pmm_largest_first_fill_takes_exactly_the_free_blocks(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	uint64_t counts[PMM_MAX_ORDER + 1];
	struct pmm_stats before;

	if (!m)
		return;
	pmm_stats(&before);
	pmm_suite_fill(t, m, counts);
	for (uint32_t k = 0; k <= m->max_order; k++)
		ktap_expect(t, counts[k] == before.free_blocks[k], "%llu blocks of order %u handed out, %llu reported free",
			    (unsigned long long)counts[k], k, (unsigned long long)before.free_blocks[k]);
	pmm_model_free_all(t, m);
}

static void pmm_alloc_aligns_every_order(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	paddr_t pa;

	if (!m)
		return;
	for (uint32_t k = 0; k <= m->max_order; k++)
		for (int i = 0; i < 3; i++)
			ktap_expect(t, pmm_model_alloc(t, m, k, &pa) == 0, "alloc(%u) #%d failed", k, i);
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

static void pmm_alloc_rejects_orders_above_max_order(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	paddr_t pa;

	if (!m)
		return;
	const uint32_t orders[] = { m->max_order + 1, PMM_MAX_ORDER + 1, 31, 32, 64, UINT32_MAX };

	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		ktap_expect(t, pmm_model_alloc(t, m, orders[i], &pa) == -EINVAL, "alloc(%u) is not -EINVAL",
			    orders[i]);
	pmm_model_check_stats(t, m);
}

/* A frame of a region the allocator keeps for itself, or 0 if none. */
static paddr_t pmm_suite_meta_frame(struct pmm_model *m)
{
	for (int i = 0; i < m->nregions; i++)
		for (size_t j = 0; j < m->regions[i].pages; j++)
			if (m->regions[i].frames[j] == PMM_FRAME_UNMANAGED)
				return m->regions[i].base + j * PAGE_SIZE;
	return 0;
}

/* The managed frames of r (by the probe) as frame indexes [*first, *end). */
static bool pmm_suite_managed_span(const struct pmm_model_region *r, size_t *first, size_t *end)
{
	*first = 0;
	while (*first < r->pages && r->frames[*first] == PMM_FRAME_UNMANAGED)
		(*first)++;
	*end = r->pages;
	while (*end > *first && r->frames[*end - 1] == PMM_FRAME_UNMANAGED)
		(*end)--;
	return *first < *end;
}

/* Frees the smallest aligned blocks that hold the first (last) managed frame
 * of r and reach below (past) it: part of each is not the allocator's. */
static void pmm_suite_free_across_edges(struct ktap *t, struct pmm_model *m, struct pmm_model_region *r)
{
	uint64_t pfn0 = r->base / PAGE_SIZE;
	size_t first, end;

	if (!pmm_suite_managed_span(r, &first, &end))
		return;
	for (uint32_t k = 1; k <= m->max_order; k++) {
		uint64_t n = 1ULL << k;
		uint64_t low = (pfn0 + first) & ~(n - 1), high = (pfn0 + end - 1) & ~(n - 1);

		if (low < pfn0 + first)
			ktap_expect(t, pmm_free(low * PAGE_SIZE, k) == -EINVAL,
				    "free(%#llx, %u), reaching below a region's first frame, was accepted",
				    (unsigned long long)(low * PAGE_SIZE), k);
		if (high + n > pfn0 + end)
			ktap_expect(t, pmm_free(high * PAGE_SIZE, k) == -EINVAL,
				    "free(%#llx, %u), reaching past a region's last frame, was accepted",
				    (unsigned long long)(high * PAGE_SIZE), k);
	}
}

/* Every foreign address is tried on full memory, where every frame the
 * allocator owns is handed out: nothing nearby is free to excuse a refusal. */
static void pmm_free_rejects_frames_it_does_not_own(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	uint64_t counts[PMM_MAX_ORDER + 1];

	if (!m)
		return;
	pmm_suite_fill(t, m, counts);
	const paddr_t foreign[] = {
		0,
		0x8000, /* the page below a region */
		0x100000 + 3000 * PAGE_SIZE, /* the page after a region */
		0x1005000 - PAGE_SIZE,
		0x4000000000, /* far above every region */
		pmm_suite_meta_frame(m),
	};

	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
		int rc = pmm_free(foreign[i], 0);

		ktap_expect(t, rc == -EINVAL, "free(%#llx, 0) returned %d", (unsigned long long)foreign[i], rc);
	}
	/* An aligned block that runs past the end of a region. */
	ktap_expect(t, pmm_free(0xc00000, 10) == -EINVAL,
		    "a block crossing a region's end was accepted");
	for (int i = 0; i < m->nregions; i++)
		pmm_suite_free_across_edges(t, m, &m->regions[i]);
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

static void pmm_free_rejects_misaligned_frames(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	paddr_t pa;

	if (!m || pmm_model_alloc(t, m, 2, &pa))
		return;
	ktap_expect(t, pmm_free(pa + 1, 0) == -EINVAL, "free of an address inside a page was accepted");
	ktap_expect(t, pmm_free(pa + PAGE_SIZE, 2) == -EINVAL, "free of a block not aligned to its order was accepted");
	ktap_expect(t, pmm_free(pa, PMM_MAX_ORDER + 1) == -EINVAL, "free above PMM_MAX_ORDER was accepted");
	ktap_expect(t, pmm_free(pa, UINT32_MAX) == -EINVAL, "free of order UINT32_MAX was accepted");
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

static void pmm_double_free_is_detected(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	struct pmm_model_block blocks[64];
	size_t n = 0;
	paddr_t pa;

	if (!m)
		return;
	for (uint32_t k = 0; k < 64 && n < 64; k++)
		if (pmm_model_alloc(t, m, k % (m->max_order + 1), &pa) == 0)
			blocks[n++] = m->live[m->nlive - 1];
	pmm_model_free_all(t, m);
	for (size_t i = 0; i < n; i++) {
		int rc = pmm_free(blocks[i].pa, blocks[i].order);

		ktap_expect(t, rc == -EINVAL, "second free(%#llx, %u) returned %d", (unsigned long long)blocks[i].pa,
			    blocks[i].order, rc);
	}
	pmm_model_check_stats(t, m);
}

static void pmm_free_with_a_larger_order_is_detected(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	paddr_t pa;

	if (!m || pmm_model_alloc(t, m, 1, &pa))
		return;
	/* The rest of the order-2 block is free (or not memory): not ours to free. */
	ktap_expect(t, pmm_free(pa & ~(4 * PAGE_SIZE - 1), 2) == -EINVAL,
		    "free of a larger block than was allocated was accepted");
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
}

static void pmm_free_coalesces_buddies(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	struct pmm_stats fresh, now;
	uint64_t seed = 0x600dcafe;
	paddr_t pa;

	if (!m)
		return;
	pmm_stats(&fresh);
	ktap_expect(t, fresh.free_blocks[m->max_order] >= 2, "the map holds only %llu blocks of order %u",
		    (unsigned long long)fresh.free_blocks[m->max_order], m->max_order);
	for (int i = 0; i < 300; i++)
		pmm_model_alloc(t, m, (uint32_t)(pmm_model_rand(&seed) % 3), &pa);
	pmm_stats(&now);
	ktap_expect(t, !pmm_suite_same_blocks(&now, &fresh), "allocations split no block");
	pmm_model_check_stats(t, m);
	while (m->nlive)
		pmm_model_free(t, m, pmm_model_rand(&seed) % m->nlive);
	pmm_stats(&now);
	ktap_expect(t, pmm_suite_same_blocks(&now, &fresh), "freed blocks did not merge back into the largest ones");
	pmm_model_check_stats(t, m);
}

static void pmm_freed_frames_are_handed_out_again(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	uint64_t counts[PMM_MAX_ORDER + 1];
	struct pmm_model_block back;
	paddr_t pa = 0;

	if (!m)
		return;
	pmm_suite_fill(t, m, counts);
	back = m->live[m->nlive / 2];
	if (!pmm_model_free(t, m, m->nlive / 2))
		return;
	ktap_expect(t, pmm_model_alloc(t, m, back.order, &pa) == 0 && pa == back.pa,
		    "the only free block (%#llx, order %u) was not handed out again: got %#llx",
		    (unsigned long long)back.pa, back.order, (unsigned long long)pa);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

static void pmm_regions_added_later_extend_memory(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);
	uint64_t counts[PMM_MAX_ORDER + 1];
	paddr_t pa = 0;

	if (!m || pmm_model_add_region(m, 0x100000, 100) || !pmm_model_probe(t, m))
		return;
	pmm_suite_fill(t, m, counts);
	ktap_expect(t, pmm_model_add_region(m, 0x7000000, 50) == 0, "a region added after use was refused");
	pmm_model_probe(t, m);
	ktap_expect(t, pmm_model_alloc(t, m, 0, &pa) == 0 && pa >= 0x7000000,
		    "alloc(0) after adding a region to full memory gave %#llx", (unsigned long long)pa);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

/* One random step: with probability alloc_pct percent an alloc, of a
 * geometric order (half are order 0, a quarter order 1, ...) or, one time
 * in 32, above max_order; otherwise the free of a random live block. */
static void pmm_suite_random_step(struct ktap *t, struct pmm_model *m, uint64_t *seed, unsigned alloc_pct)
{
	uint64_t r = pmm_model_rand(seed);
	uint32_t order;
	paddr_t pa;

	if (m->nlive && r % 100 >= alloc_pct) {
		pmm_model_free(t, m, (r >> 8) % m->nlive);
		return;
	}
	if ((r >> 8) % 32 == 0)
		order = m->max_order + 1 + (uint32_t)((r >> 16) % 2);
	else
		order = (uint32_t)__builtin_ctzll((r >> 16) | (1ULL << m->max_order));
	pmm_model_alloc(t, m, order, &pa);
}

static void pmm_random_sequences_match_the_model(struct ktap *t)
{
	static const uint64_t seeds[] = { 1, 0x9e3779b97f4a7c15ULL, 0xdeadbeefcafef00dULL };
	const int steps = 10000;
	struct pmm_model *m = pmm_suite_start(t);
	struct pmm_stats fresh, now;

	if (!m)
		return;
	pmm_stats(&fresh);
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		uint64_t seed = seeds[s];

		for (int i = 0; i < steps && !t->failures; i++) {
			/* Run into exhaustion (at about step 3500), stay there a
			 * while, then drain. */
			pmm_suite_random_step(t, m, &seed, i < steps * 6 / 10 ? 80 : 30);
			if (i % 97 == 0)
				pmm_model_check_stats(t, m);
			if (t->failures)
				ktap_printf("    # seed %#llx, step %d\n", (unsigned long long)seeds[s], i);
		}
		pmm_model_free_all(t, m);
		pmm_stats(&now);
		ktap_expect(t, pmm_suite_same_blocks(&now, &fresh), "seed %#llx: free memory did not merge back",
			    (unsigned long long)seeds[s]);
	}
}

/*
 * Every method along each way it returns, success and each error, each
 * followed by another call. Every call takes the allocator's lock, so if
 * one returned with it held, the host spinlock aborts the whole suite at
 * the next call ("deadlock: spinlock ... already held" on stderr), as the
 * kernel panics there: a leaked lock shows as this case never finishing.
 */
static void pmm_every_method_releases_its_lock(struct ktap *t)
{
	static uint8_t spare[4 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
	struct pmm_model *m = pmm_model_of(t);
	uint64_t counts[PMM_MAX_ORDER + 1];
	struct pmm_stats st;
	paddr_t pa = 0;

	if (!m)
		return;
	pmm_stats(&st);
	ktap_expect(t, pmm_alloc(0, &pa) == -ENOMEM, "alloc without regions is not -ENOMEM");
	ktap_expect(t, pmm_free(0x100000, 0) == -EINVAL, "free without regions is not -EINVAL");
	ktap_expect(t, pmm_add_region(0x100000, 4, NULL) == -EINVAL, "a NULL mapping is accepted");
	ktap_expect(t, pmm_model_add_region(m, 0x100000, 1) == -ENOMEM, "a one-page region is accepted");
	if (!ktap_expect(t, pmm_model_add_region(m, 0x100000, 64) == 0, "a good region is refused") ||
	    !pmm_model_probe(t, m))
		return;
	ktap_expect(t, pmm_add_region(0x100000, 4, spare) == -EINVAL, "an overlapping region is accepted");
	ktap_expect(t, pmm_model_alloc(t, m, PMM_MAX_ORDER + 1, &pa) == -EINVAL, "alloc above PMM_MAX_ORDER");
	if (!ktap_expect(t, pmm_model_alloc(t, m, 0, &pa) == 0, "alloc(0) failed"))
		return;
	ktap_expect(t, pmm_free(pa + PAGE_SIZE / 2, 0) == -EINVAL, "a misaligned free is accepted");
	ktap_expect(t, pmm_model_free(t, m, m->nlive - 1), "free of a live block failed");
	ktap_expect(t, pmm_free(pa, 0) == -EINVAL, "a double free is accepted");
	pmm_suite_fill(t, m, counts);
	ktap_expect(t, pmm_model_alloc(t, m, 0, &pa) == -ENOMEM, "alloc(0) on full memory is not -ENOMEM");
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

/* The work of the interrupt case: allocations of a few orders, and frees. */
static void pmm_suite_churn(void *arg)
{
	paddr_t pa[8];
	int err[8];

	(void)arg;
	for (uint32_t k = 0; k < 8; k++)
		err[k] = pmm_alloc(k % 4, &pa[k]);
	for (uint32_t k = 0; k < 8; k++)
		if (!err[k])
			pmm_free(pa[k], k % 4);
}

/* What an interrupt handler asking for memory would do in the middle. */
static void pmm_suite_interrupt(void)
{
	paddr_t pa;

	if (pmm_alloc(0, &pa) == 0)
		pmm_free(pa, 0);
}

/* In the kernel an interrupt cannot land while the lock is held: it is
 * taken with interrupts disabled. On the host a timer signal can, and its
 * handler's call then finds the lock held and aborts: proof that alloc and
 * free do their work under the lock. Without a lock the child runs out
 * its time and the case fails. */
static void pmm_interrupted_calls_hold_the_lock(struct ktap *t)
{
	struct pmm_model *m = pmm_suite_start(t);
	enum lock_probe_result r;

	if (!m)
		return;
	r = lock_probe_run(pmm_suite_churn, NULL, pmm_suite_interrupt, 5.0);
	ktap_expect(t, r != LOCK_PROBE_NEVER_HELD,
		    "no simulated interrupt in 5 s of alloc and free found the allocator's lock held");
	ktap_expect(t, r != LOCK_PROBE_BROKEN, "the child running the calls failed");
	pmm_model_check_stats(t, m);
}

static const struct ktap_case pmm_suite_cases[] = {
	KTAP_CASE(pmm_without_regions_nothing_is_allocated),
	KTAP_CASE(pmm_add_region_rejects_bad_arguments),
	KTAP_CASE(pmm_add_region_too_small_for_metadata_fails_with_enomem),
	KTAP_CASE(pmm_stats_account_for_every_page),
	KTAP_CASE(pmm_exhaustion_returns_enomem_for_every_order),
	KTAP_CASE(pmm_largest_first_fill_takes_exactly_the_free_blocks),
	KTAP_CASE(pmm_alloc_aligns_every_order),
	KTAP_CASE(pmm_alloc_rejects_orders_above_max_order),
	KTAP_CASE(pmm_free_rejects_frames_it_does_not_own),
	KTAP_CASE(pmm_free_rejects_misaligned_frames),
	KTAP_CASE(pmm_double_free_is_detected),
	KTAP_CASE(pmm_free_with_a_larger_order_is_detected),
	KTAP_CASE(pmm_free_coalesces_buddies),
	KTAP_CASE(pmm_freed_frames_are_handed_out_again),
	KTAP_CASE(pmm_regions_added_later_extend_memory),
	KTAP_CASE(pmm_random_sequences_match_the_model),
	KTAP_CASE(pmm_every_method_releases_its_lock),
	KTAP_CASE(pmm_interrupted_calls_hold_the_lock),
	{ 0 },
};

int main(void)
{
	const char *impl = "none";
	char name[96];

	for (size_t i = 0; i < tessera_nbindings; i++)
		if (!strcmp(tessera_bindings[i].interface, "pmm"))
			impl = tessera_bindings[i].component;
	snprintf(name, sizeof(name), "pmm_conformance_%s", impl);
	return ktap_run_suite(name, pmm_suite_cases, pmm_model_setup, pmm_model_teardown) ? 1 : 0;
}
