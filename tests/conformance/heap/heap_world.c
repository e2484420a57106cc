/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The heap conformance suite's fixture and tools (see heap_world.h): world
 * reset through the generated init table, the PRNG, patterns and the model
 * of live blocks. Host code: it uses libc freely.
 */
#include "heap_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/composition.h>

#include "doubles/host_ram.h"

/* ---- the world ---- */

void world_reset(size_t pages)
{
	paddr_t base = HOST_RAM_PHYS_BASE;
	int err;

	for (size_t i = 0; i < tessera_ninit; i++) {
		err = tessera_init_table[i].fn();
		if (err) {
			fprintf(stderr, "init of %s failed: %d\n", tessera_init_table[i].component, err);
			exit(2);
		}
	}
	err = pmm_add_region(base, pages, (void *)(uintptr_t)memmap_phys_to_virt(base));
	if (err) {
		fprintf(stderr, "pmm_add_region(%zu pages) failed: %d\n", pages, err);
		exit(2);
	}
}

uint64_t world_free_frames(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.free_frames;
}

uint64_t world_total_frames(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.total_frames;
}

struct heap_stats world_heap_stats(void)
{
	struct heap_stats st;

	heap_stats(&st);
	return st;
}

/* ---- PRNG ---- */

struct rng rng_seed(uint64_t seed)
{
	return (struct rng){ seed ? seed : 0x2545f4914f6cdd1dULL };
}

uint64_t rng_next(struct rng *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dULL;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	return rng_next(r) % n;
}

size_t rng_range(struct rng *r, size_t lo, size_t hi)
{
	return lo + (size_t)rng_below(r, (uint64_t)(hi - lo) + 1);
}

/* ---- patterns ---- */

static inline uint8_t pattern_byte(uint64_t seed, size_t k)
{
	return (uint8_t)(((seed + k) * 0x9e3779b97f4a7c15ULL) >> 56);
}

void pattern_fill(void *p, size_t len, uint64_t seed)
{
	uint8_t *b = p;

	for (size_t k = 0; k < len; k++)
		b[k] = pattern_byte(seed, k);
}

size_t pattern_find_damage(const void *p, size_t len, uint64_t seed)
{
	const uint8_t *b = p;

	for (size_t k = 0; k < len; k++)
		if (b[k] != pattern_byte(seed, k))
			return k;
	return len;
}

/* ---- the model ---- */

/* Index of the first block at or above p. */
static size_t model_lower_bound(const struct model *m, const uint8_t *p)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)m->v[mid].p < (uintptr_t)p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool block_overlaps(const struct block *b, const uint8_t *p, size_t len)
{
	return (uintptr_t)p < (uintptr_t)b->p + b->len && (uintptr_t)b->p < (uintptr_t)p + len;
}

bool model_add(struct ktap *t, struct model *m, uint8_t *p, size_t len, size_t asked,
	       struct heap_cache *cache)
{
	size_t i = model_lower_bound(m, p);

	ktap_expect(t, len >= asked, "block %p has %zu usable bytes, fewer than the %zu asked", (void *)p, len, asked);
	/* Live blocks are disjoint and sorted, so only the neighbours can overlap. */
	if ((i > 0 && block_overlaps(&m->v[i - 1], p, len)) || (i < m->n && block_overlaps(&m->v[i], p, len))) {
		ktap_expect(t, false, "new block %p+%zu overlaps a live block", (void *)p, len);
		return false;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 256;
		m->v = realloc(m->v, m->cap * sizeof(*m->v));
		if (!m->v)
			abort();
	}
	memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof(*m->v));
	m->v[i] = (struct block){ p, len, asked, ++m->next_seed * 0x100000001b3ULL, cache };
	m->n++;
	pattern_fill(p, len, m->v[i].seed);
	return true;
}

static void model_check(struct ktap *t, const struct block *b)
{
	size_t bad = pattern_find_damage(b->p, b->len, b->seed);

	ktap_expect(t, bad == b->len, "block %p+%zu (asked %zu) damaged at offset %zu", (void *)b->p, b->len,
		    b->asked, bad);
}

void model_free(struct ktap *t, struct model *m, size_t i)
{
	struct block b = m->v[i];

	model_check(t, &b);
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof(*m->v));
	m->n--;
	if (b.cache)
		heap_cache_free(b.cache, b.p);
	else
		heap_free(b.p);
}

void model_verify(struct ktap *t, const struct model *m)
{
	for (size_t i = 0; i < m->n; i++)
		model_check(t, &m->v[i]);
}

void model_free_all(struct ktap *t, struct model *m)
{
	while (m->n)
		model_free(t, m, m->n - 1);
}

uint64_t model_alloc_bytes(const struct model *m)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < m->n; i++)
		if (!m->v[i].cache)
			sum += m->v[i].len;
	return sum;
}

void model_release(struct model *m)
{
	free(m->v);
	*m = (struct model){ 0 };
}

void expect_all_frames_back(struct ktap *t)
{
	struct heap_stats st;

	heap_shrink();
	st = world_heap_stats();
	ktap_expect(t, world_free_frames() == world_total_frames(), "pmm has %llu of %llu frames free after shrink",
		    (unsigned long long)world_free_frames(), (unsigned long long)world_total_frames());
	ktap_expect(t, st.pages == 0, "heap still holds %llu pages after shrink", (unsigned long long)st.pages);
	ktap_expect(t, st.in_use == 0, "heap counts %llu bytes in use with nothing allocated",
		    (unsigned long long)st.in_use);
	ktap_expect(t, st.pmm_errors == 0, "pmm refused %llu returns", (unsigned long long)st.pmm_errors);
}
