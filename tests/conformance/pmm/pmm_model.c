/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host fixture and reference model of the pmm tests (see pmm_model.h).
 * Host code: it uses libc freely. Every frame an allocator hands out is
 * checked against the shadow array (inside a region, aligned, not already
 * handed out) and tagged in host memory, so a later free can tell whether
 * the allocator wrote into memory it had given away.
 */
#include "pmm_model.h"

#include <tessera/composition.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Mixed into the tags of every frame of a live block. */
#define PMM_MODEL_TAG_SALT 0x7e55e7a5a5a5a5a5ULL
/* A frame the probe has handed out and not yet returned. */
#define PMM_FRAME_PROBED 3

void *pmm_model_setup(void)
{
	struct pmm_model *m = calloc(1, sizeof(*m));

	if (!m)
		abort();
	for (size_t i = 0; i < tessera_ninit; i++) {
		int rc = tessera_init_table[i].fn();

		if (rc && !m->init_rc)
			m->init_rc = rc;
	}
	return m;
}

/* Host buffers of finished cases, kept for the next ones: most cases use
 * the same memory map, and faulting in tens of MiB per case is most of
 * the suite's run time. Reachable until exit, so not leaks. */
static struct {
	uint8_t *mem;
	size_t pages;
} pmm_model_pool[4 * PMM_MODEL_MAX_REGIONS];

static uint8_t *pmm_model_buffer_get(size_t pages)
{
	for (size_t i = 0; i < sizeof(pmm_model_pool) / sizeof(pmm_model_pool[0]); i++) {
		if (pmm_model_pool[i].mem && pmm_model_pool[i].pages == pages) {
			uint8_t *mem = pmm_model_pool[i].mem;

			pmm_model_pool[i].mem = NULL;
			return mem;
		}
	}
	return aligned_alloc(PAGE_SIZE, pages * PAGE_SIZE);
}

static void pmm_model_buffer_put(uint8_t *mem, size_t pages)
{
	for (size_t i = 0; i < sizeof(pmm_model_pool) / sizeof(pmm_model_pool[0]); i++) {
		if (!pmm_model_pool[i].mem) {
			pmm_model_pool[i].mem = mem;
			pmm_model_pool[i].pages = pages;
			return;
		}
	}
	free(mem);
}

void pmm_model_teardown(void *fixture)
{
	struct pmm_model *m = fixture;

	for (int i = 0; i < m->nregions; i++) {
		pmm_model_buffer_put(m->regions[i].mem, m->regions[i].pages);
		free(m->regions[i].frames);
	}
	free(m->live);
	free(m);
}

struct pmm_model *pmm_model_of(struct ktap *t)
{
	struct pmm_model *m = t->fixture;

	if (!ktap_expect(t, m->init_rc == 0, "the components' init returned %d", m->init_rc))
		return NULL;
	return m;
}

uint64_t pmm_model_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

struct pmm_model_region *pmm_model_region_of(struct pmm_model *m, paddr_t pa)
{
	for (int i = 0; i < m->nregions; i++) {
		struct pmm_model_region *r = &m->regions[i];

		if (pa >= r->base && (pa - r->base) / PAGE_SIZE < r->pages)
			return r;
	}
	return NULL;
}

/* Fills new RAM with noise (one random page, repeated): an allocator must
 * neither count on fresh memory being clear nor read metadata it has not
 * written, and noise gives such a read a chance to look valid and fail. */
static void pmm_model_scribble(uint8_t *mem, size_t pages, uint64_t seed)
{
	uint64_t noise[PAGE_SIZE / sizeof(uint64_t)];

	seed |= 1;
	for (size_t i = 0; i < PAGE_SIZE / sizeof(uint64_t); i++)
		noise[i] = pmm_model_rand(&seed);
	for (size_t i = 0; i < pages; i++)
		memcpy(mem + i * PAGE_SIZE, noise, PAGE_SIZE);
}

int pmm_model_add_region(struct pmm_model *m, paddr_t base, size_t pages)
{
	struct pmm_model_region *r = &m->regions[m->nregions];
	int rc;

	if (m->nregions == PMM_MODEL_MAX_REGIONS)
		abort(); /* a suite bug, not an allocator's */
	r->mem = pmm_model_buffer_get(pages);
	r->frames = calloc(pages, 1);
	if (!r->mem || !r->frames)
		abort();
	pmm_model_scribble(r->mem, pages, base);
	rc = pmm_add_region(base, pages, r->mem);
	if (rc) {
		pmm_model_buffer_put(r->mem, pages);
		free(r->frames);
		memset(r, 0, sizeof(*r));
		return rc;
	}
	r->base = base;
	r->pages = pages;
	m->nregions++;
	m->pages += pages;
	return 0;
}

static uint8_t *pmm_model_frame(struct pmm_model_region *r, paddr_t pa)
{
	return &r->frames[(pa - r->base) / PAGE_SIZE];
}

/* Takes one frame from the allocator for the probe; false at -ENOMEM. */
static bool pmm_model_probe_one(struct ktap *t, struct pmm_model *m, paddr_t *pa, uint64_t *fresh)
{
	struct pmm_model_region *r;
	int rc = pmm_alloc(0, pa);

	if (rc == -ENOMEM)
		return false;
	if (!ktap_expect(t, rc == 0, "alloc(0) returned %d while probing", rc))
		return false;
	r = pmm_model_region_of(m, *pa);
	if (!ktap_expect(t, r && !(*pa % PAGE_SIZE), "alloc(0) gave %#llx, outside every region",
			 (unsigned long long)*pa))
		return false;
	switch (*pmm_model_frame(r, *pa)) {
	case PMM_FRAME_UNMANAGED:
		++*fresh;
		break;
	case PMM_FRAME_FREE:
		break;
	default:
		ktap_expect(t, false, "alloc(0) gave %#llx, which is already handed out",
			    (unsigned long long)*pa);
		return false;
	}
	*pmm_model_frame(r, *pa) = PMM_FRAME_PROBED;
	return true;
}

/* After a probe, no frame the model thought free may have been missed. */
static void pmm_model_probe_missed(struct ktap *t, struct pmm_model *m)
{
	for (int i = 0; i < m->nregions; i++) {
		struct pmm_model_region *r = &m->regions[i];

		for (size_t j = 0; j < r->pages; j++)
			ktap_expect(t, r->frames[j] != PMM_FRAME_FREE,
				    "free frame %#llx was not handed out before -ENOMEM",
				    (unsigned long long)(r->base + j * PAGE_SIZE));
	}
}

bool pmm_model_probe(struct ktap *t, struct pmm_model *m)
{
	paddr_t *got = malloc((m->pages + 1) * sizeof(*got));
	uint64_t n = 0, fresh = 0;
	struct pmm_stats before, st;
	int failures = t->failures;

	if (!got)
		abort();
	pmm_stats(&before);
	while (n <= m->pages && pmm_model_probe_one(t, m, &got[n], &fresh))
		n++;
	ktap_expect(t, n <= m->pages, "more frames handed out than were given");
	pmm_model_probe_missed(t, m);
	for (uint64_t i = 0; i < n && i < m->pages; i++) {
		int rc = pmm_free(got[i], 0);

		ktap_expect(t, rc == 0, "free(%#llx, 0) returned %d", (unsigned long long)got[i], rc);
		*pmm_model_frame(pmm_model_region_of(m, got[i]), got[i]) = PMM_FRAME_FREE;
	}
	free(got);
	m->managed += fresh;
	pmm_stats(&st);
	m->max_order = st.max_order;
	ktap_expect(t, st.max_order <= PMM_MAX_ORDER, "max_order %u is above PMM_MAX_ORDER", st.max_order);
	/* The probe took every free frame and gave it back: the free blocks,
	 * merged as far as they go, must be what they were. */
	ktap_expect(t, !memcmp(before.free_blocks, st.free_blocks, sizeof(st.free_blocks)),
		    "allocating and freeing every free frame changed the free blocks");
	return pmm_model_check_stats(t, m) && t->failures == failures;
}

/* Checks a block alloc handed out: inside one region, aligned, all free. */
static bool pmm_model_block_ok(struct ktap *t, struct pmm_model *m, paddr_t pa, uint32_t order)
{
	struct pmm_model_region *r = pmm_model_region_of(m, pa);
	uint64_t n = 1ULL << order;

	if (!ktap_expect(t, pa % (PAGE_SIZE << order) == 0, "alloc(%u) gave %#llx, not aligned to its size",
			 order, (unsigned long long)pa))
		return false;
	if (!ktap_expect(t, r && (pa - r->base) / PAGE_SIZE + n <= r->pages,
			 "alloc(%u) gave %#llx, not inside one region", order, (unsigned long long)pa))
		return false;
	for (uint64_t i = 0; i < n; i++) {
		uint8_t state = *pmm_model_frame(r, pa + i * PAGE_SIZE);

		if (!ktap_expect(t, state == PMM_FRAME_FREE, "alloc(%u) gave %#llx, whose frame %#llx is %s",
				 order, (unsigned long long)pa, (unsigned long long)(pa + i * PAGE_SIZE),
				 state == PMM_FRAME_USED ? "already handed out" : "not a managed frame"))
			return false;
	}
	return true;
}

/* The words written at each end of every frame of a live block: where an
 * allocator keeping links in free frames would put them. */
#define PMM_MODEL_TAG_WORDS 8

static void pmm_model_tag_frame(uint8_t *p, paddr_t frame)
{
	uint64_t tag = frame ^ PMM_MODEL_TAG_SALT;
	size_t tail = PAGE_SIZE - PMM_MODEL_TAG_WORDS * sizeof(tag);

	for (size_t i = 0; i < PMM_MODEL_TAG_WORDS; i++) {
		memcpy(p + i * sizeof(tag), &tag, sizeof(tag));
		memcpy(p + tail + i * sizeof(tag), &tag, sizeof(tag));
	}
}

static bool pmm_model_frame_tagged(const uint8_t *p, paddr_t frame)
{
	uint64_t tag = frame ^ PMM_MODEL_TAG_SALT, head, tail;
	size_t end = PAGE_SIZE - PMM_MODEL_TAG_WORDS * sizeof(tag);

	for (size_t i = 0; i < PMM_MODEL_TAG_WORDS; i++) {
		memcpy(&head, p + i * sizeof(tag), sizeof(tag));
		memcpy(&tail, p + end + i * sizeof(tag), sizeof(tag));
		if (head != tag || tail != tag)
			return false;
	}
	return true;
}

static void pmm_model_tag(struct pmm_model *m, paddr_t pa, uint32_t order)
{
	struct pmm_model_region *r = pmm_model_region_of(m, pa);

	for (uint64_t i = 0; i < (1ULL << order); i++) {
		paddr_t frame = pa + i * PAGE_SIZE;

		pmm_model_tag_frame(r->mem + (frame - r->base), frame);
		*pmm_model_frame(r, frame) = PMM_FRAME_USED;
	}
	m->used += 1ULL << order;
}

static void pmm_model_push_live(struct pmm_model *m, paddr_t pa, uint32_t order)
{
	if (m->nlive == m->live_cap) {
		m->live_cap = m->live_cap ? 2 * m->live_cap : 256;
		m->live = realloc(m->live, m->live_cap * sizeof(*m->live));
		if (!m->live)
			abort();
	}
	m->live[m->nlive++] = (struct pmm_model_block){ pa, order };
}

int pmm_model_alloc(struct ktap *t, struct pmm_model *m, uint32_t order, paddr_t *pa)
{
	const paddr_t untouched = 0x5eed000;
	paddr_t got = untouched;
	int rc = pmm_alloc(order, &got);

	if (rc == -EINVAL) {
		ktap_expect(t, order > m->max_order, "alloc(%u) returned -EINVAL, max_order is %u", order,
			    m->max_order);
	} else if (rc == -ENOMEM) {
		ktap_expect(t, order > m->max_order || !pmm_model_has_free_block(m, order),
			    "alloc(%u) returned -ENOMEM with an aligned run of %llu frames free", order,
			    1ULL << order);
	} else if (ktap_expect(t, rc == 0, "alloc(%u) returned %d", order, rc)) {
		ktap_expect(t, order <= m->max_order, "alloc(%u) succeeded above max_order %u", order,
			    m->max_order);
		if (!pmm_model_block_ok(t, m, got, order))
			return rc;
		pmm_model_tag(m, got, order);
		pmm_model_push_live(m, got, order);
		*pa = got;
		return 0;
	}
	ktap_expect(t, got == untouched, "a failed alloc(%u) wrote %#llx to *frame", order,
		    (unsigned long long)got);
	return rc;
}

/* Whether every frame of a live block still carries the tags it got. */
static bool pmm_model_tags_intact(struct ktap *t, struct pmm_model *m, paddr_t pa, uint32_t order)
{
	struct pmm_model_region *r = pmm_model_region_of(m, pa);

	for (uint64_t i = 0; i < (1ULL << order); i++) {
		paddr_t frame = pa + i * PAGE_SIZE;

		if (!ktap_expect(t, pmm_model_frame_tagged(r->mem + (frame - r->base), frame),
				 "frame %#llx of live block %#llx was overwritten while allocated",
				 (unsigned long long)frame, (unsigned long long)pa))
			return false;
	}
	return true;
}

bool pmm_model_free(struct ktap *t, struct pmm_model *m, size_t i)
{
	struct pmm_model_block b = m->live[i];
	struct pmm_model_region *r = pmm_model_region_of(m, b.pa);
	bool intact = pmm_model_tags_intact(t, m, b.pa, b.order);
	int rc = pmm_free(b.pa, b.order);

	m->live[i] = m->live[--m->nlive];
	if (!ktap_expect(t, rc == 0, "free(%#llx, %u) returned %d", (unsigned long long)b.pa, b.order, rc))
		return false;
	for (uint64_t k = 0; k < (1ULL << b.order); k++)
		*pmm_model_frame(r, b.pa + k * PAGE_SIZE) = PMM_FRAME_FREE;
	m->used -= 1ULL << b.order;
	return intact;
}

bool pmm_model_free_all(struct ktap *t, struct pmm_model *m)
{
	bool ok = true;

	while (m->nlive)
		ok &= pmm_model_free(t, m, m->nlive - 1);
	return ok;
}

/* The next run of free frames of r at or after frame index *from, as frame
 * indexes [*start, *end); false when there is none. */
static bool pmm_model_next_run(const struct pmm_model_region *r, size_t *from, size_t *start,
			       size_t *end)
{
	size_t j = *from;

	while (j < r->pages && r->frames[j] != PMM_FRAME_FREE)
		j++;
	if (j == r->pages)
		return false;
	*start = j;
	while (j < r->pages && r->frames[j] == PMM_FRAME_FREE)
		j++;
	*end = *from = j;
	return true;
}

bool pmm_model_has_free_block(const struct pmm_model *m, uint32_t order)
{
	uint64_t n = 1ULL << order;

	for (int i = 0; i < m->nregions; i++) {
		const struct pmm_model_region *r = &m->regions[i];
		uint64_t pfn0 = r->base / PAGE_SIZE;
		size_t from = 0, start, end;

		while (pmm_model_next_run(r, &from, &start, &end)) {
			uint64_t first = (pfn0 + start + n - 1) & ~(n - 1);

			if (first + n <= pfn0 + end)
				return true;
		}
	}
	return false;
}

/* Splits the free frame numbers [first, end) into the largest aligned
 * blocks up to max_order, counting them by order. */
static void pmm_model_split(uint64_t first, uint64_t end, uint32_t max_order, struct pmm_stats *st)
{
	while (first < end) {
		uint32_t k = 0;

		while (k < max_order && !(first & ((2ULL << k) - 1)) && end - first >= (2ULL << k))
			k++;
		st->free_blocks[k]++;
		first += 1ULL << k;
	}
}

void pmm_model_stats(const struct pmm_model *m, struct pmm_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->total_frames = m->managed;
	st->free_frames = m->managed - m->used;
	st->meta_frames = m->pages - m->managed;
	st->regions = (uint32_t)m->nregions;
	st->max_order = m->max_order;
	for (int i = 0; i < m->nregions; i++) {
		const struct pmm_model_region *r = &m->regions[i];
		uint64_t pfn0 = r->base / PAGE_SIZE;
		size_t from = 0, start, end;

		while (pmm_model_next_run(r, &from, &start, &end))
			pmm_model_split(pfn0 + start, pfn0 + end, m->max_order, st);
	}
}

bool pmm_model_check_stats(struct ktap *t, const struct pmm_model *m)
{
	struct pmm_stats got, want;
	uint64_t sum = 0;
	bool ok = true;

	pmm_stats(&got);
	pmm_model_stats(m, &want);
	ok &= ktap_expect(t, got.total_frames == want.total_frames, "total_frames %llu, model %llu",
			  (unsigned long long)got.total_frames, (unsigned long long)want.total_frames);
	ok &= ktap_expect(t, got.free_frames == want.free_frames, "free_frames %llu, model %llu",
			  (unsigned long long)got.free_frames, (unsigned long long)want.free_frames);
	ok &= ktap_expect(t, got.meta_frames == want.meta_frames, "meta_frames %llu, model %llu",
			  (unsigned long long)got.meta_frames, (unsigned long long)want.meta_frames);
	ok &= ktap_expect(t, got.regions == want.regions, "regions %u, model %u", got.regions,
			  want.regions);
	for (uint32_t k = 0; k <= PMM_MAX_ORDER; k++) {
		ok &= ktap_expect(t, got.free_blocks[k] == want.free_blocks[k],
				  "free_blocks[%u] %llu, model %llu", k,
				  (unsigned long long)got.free_blocks[k],
				  (unsigned long long)want.free_blocks[k]);
		sum += got.free_blocks[k] << k;
	}
	ok &= ktap_expect(t, sum == got.free_frames, "free blocks add up to %llu frames, free_frames %llu",
			  (unsigned long long)sum, (unsigned long long)got.free_frames);
	return ok;
}

struct pmm_model *pmm_model_start(struct ktap *t, paddr_t base, size_t pages)
{
	struct pmm_model *m = pmm_model_of(t);

	if (!m)
		return NULL;
	if (!ktap_expect(t, pmm_model_add_region(m, base, pages) == 0, "add_region failed"))
		return NULL;
	return pmm_model_probe(t, m) ? m : NULL;
}
