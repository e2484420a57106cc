/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cases of the heap conformance suite, defined in heap_alloc_test.c,
 * heap_cache_test.c, heap_pressure_test.c and heap_lock_test.c and listed,
 * in running order, by heap_suite.c.
 */
#ifndef TESSERA_TESTS_HEAP_CASES_H
#define TESSERA_TESTS_HEAP_CASES_H

#include "heap_world.h"

/* heap_alloc_test.c */
void heap_alloc_zero_is_einval(struct ktap *t);
void heap_alloc_huge_is_enomem(struct ktap *t);
void heap_alloc_is_aligned(struct ktap *t);
void heap_usable_size_covers_request(struct ktap *t);
void heap_free_null_is_noop(struct ktap *t);
void heap_stats_count_operations(struct ktap *t);
void heap_double_free_is_detected(struct ktap *t);

/* heap_cache_test.c */
void heap_cache_create_rejects_bad_arguments(struct ktap *t);
void heap_cache_null_arguments(struct ktap *t);
void heap_cache_objects_are_aligned_and_disjoint(struct ktap *t);
void heap_cache_destroy_is_busy_until_empty(struct ktap *t);
void heap_cache_double_free_is_detected(struct ktap *t);
void heap_cache_exhaustion_returns_enomem(struct ktap *t);
void heap_cache_stats_report_objects(struct ktap *t);

/* heap_pressure_test.c */
void heap_random_ops_match_model(struct ktap *t);
void heap_shrink_returns_every_frame(struct ktap *t);
void heap_churn_keeps_pages_bounded(struct ktap *t);
void heap_exhaustion_returns_enomem(struct ktap *t);
void heap_exhaustion_with_random_sizes(struct ktap *t);

/* heap_lock_test.c */
void heap_every_method_releases_its_lock(struct ktap *t);
void heap_interrupted_calls_hold_the_lock(struct ktap *t);

#endif
