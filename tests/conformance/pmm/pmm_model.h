/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host fixture and reference model of the pmm conformance suite
 * (pmm_suite.c) and the implementations' own tests: host buffers posing as
 * RAM at fake physical addresses, and a shadow array of who owns each frame
 * that every alloc and free is checked against.
 */
#ifndef TESSERA_TESTS_PMM_MODEL_H
#define TESSERA_TESTS_PMM_MODEL_H

#include <tessera/pmm.h>

#include "ktap.h"

#define PMM_MODEL_MAX_REGIONS 8

/* What the model knows of one frame of a region. */
enum pmm_model_frame {
	PMM_FRAME_UNMANAGED, /* the allocator's metadata, or not probed yet */
	PMM_FRAME_FREE,
	PMM_FRAME_USED,
};

/* A run of host memory given to the allocator as RAM at `base`. */
struct pmm_model_region {
	paddr_t base;
	size_t pages;
	uint8_t *mem; /* the host buffer, page aligned */
	uint8_t *frames; /* enum pmm_model_frame, one per page */
};

/* A block the allocator handed out and the suite has not returned. */
struct pmm_model_block {
	paddr_t pa;
	uint32_t order;
};

struct pmm_model {
	int init_rc; /* what the components' init functions returned */
	struct pmm_model_region regions[PMM_MODEL_MAX_REGIONS];
	int nregions;
	uint64_t pages; /* given to add_region, metadata included */
	uint64_t managed; /* frames the probe found the allocator hands out */
	uint64_t used; /* frames handed out and not returned */
	uint32_t max_order; /* from the allocator's stats */
	struct pmm_model_block *live;
	size_t nlive, live_cap;
};

/* ktap setup/teardown: run every init in the init table (resetting the
 * allocator), then hand out an empty model; free the host buffers. */
void *pmm_model_setup(void);
void pmm_model_teardown(void *fixture);
/* The model of a case, after checking that setup went well (NULL if not). */
struct pmm_model *pmm_model_of(struct ktap *t);

/* Gives the allocator `pages` of fresh host memory as RAM at `base`;
 * returns pmm_add_region's result (the buffer is dropped on failure). */
int pmm_model_add_region(struct pmm_model *m, paddr_t base, size_t pages);
/* Allocates order-0 frames until -ENOMEM to learn which frames are
 * managed, checking each, then returns them all. */
bool pmm_model_probe(struct ktap *t, struct pmm_model *m);
/* The case's model with one region added and probed, or NULL after
 * reporting why not: the start of a component test. */
struct pmm_model *pmm_model_start(struct ktap *t, paddr_t base, size_t pages);

/* pmm_alloc checked against the model; returns its result. On success the
 * block is recorded as live and tagged in host memory. */
int pmm_model_alloc(struct ktap *t, struct pmm_model *m, uint32_t order, paddr_t *pa);
/* Returns live block i through pmm_free, checking its tags survived. */
bool pmm_model_free(struct ktap *t, struct pmm_model *m, size_t i);
bool pmm_model_free_all(struct ktap *t, struct pmm_model *m);

/* Whether the model has a free, aligned run of 2^order frames in a region:
 * exactly when alloc(order) must succeed. */
bool pmm_model_has_free_block(const struct pmm_model *m, uint32_t order);
/* The model's view of the statistics: free frames split into the largest
 * aligned blocks inside each region. */
void pmm_model_stats(const struct pmm_model *m, struct pmm_stats *st);
/* Compares pmm_stats with the model's view. */
bool pmm_model_check_stats(struct ktap *t, const struct pmm_model *m);

/* The region holding physical address pa, or NULL. */
struct pmm_model_region *pmm_model_region_of(struct pmm_model *m, paddr_t pa);

/* xorshift64*: a small seeded generator, so a failing sequence replays. */
uint64_t pmm_model_rand(uint64_t *state);

#endif /* TESSERA_TESTS_PMM_MODEL_H */
