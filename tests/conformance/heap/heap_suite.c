/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The heap conformance suite's main: runs every case against the heap this
 * executable was built with (tests/host_test.cmake builds one per component
 * providing heap), each from a fresh world of pmm and memmap doubles, and
 * prints KTAP. Exit status 1 if any case failed.
 */
#include <string.h>

#include <tessera/composition.h>

#include "heap_cases.h"
#include "doubles/host_ram.h"

static const struct ktap_case heap_cases[] = {
	KTAP_CASE(heap_alloc_zero_is_einval),
	KTAP_CASE(heap_alloc_huge_is_enomem),
	KTAP_CASE(heap_alloc_is_aligned),
	KTAP_CASE(heap_usable_size_covers_request),
	KTAP_CASE(heap_free_null_is_noop),
	KTAP_CASE(heap_stats_count_operations),
	KTAP_CASE(heap_double_free_is_detected),
	KTAP_CASE(heap_cache_create_rejects_bad_arguments),
	KTAP_CASE(heap_cache_null_arguments),
	KTAP_CASE(heap_cache_objects_are_aligned_and_disjoint),
	KTAP_CASE(heap_cache_destroy_is_busy_until_empty),
	KTAP_CASE(heap_cache_double_free_is_detected),
	KTAP_CASE(heap_cache_exhaustion_returns_enomem),
	KTAP_CASE(heap_cache_stats_report_objects),
	KTAP_CASE(heap_random_ops_match_model),
	KTAP_CASE(heap_shrink_returns_every_frame),
	KTAP_CASE(heap_churn_keeps_pages_bounded),
	KTAP_CASE(heap_exhaustion_returns_enomem),
	KTAP_CASE(heap_exhaustion_with_random_sizes),
	KTAP_CASE(heap_every_method_releases_its_lock),
	KTAP_CASE(heap_interrupted_calls_hold_the_lock),
	{ 0 },
};

static void *heap_setup(void)
{
	world_reset(HOST_RAM_PAGES);
	return NULL;
}

int main(void)
{
	/* tessera_bindings[] names the heap under test: the suite's name. */
	const char *impl = "heap";

	for (size_t i = 0; i < tessera_nbindings; i++)
		if (!tessera_bindings[i].is_multi && strcmp(tessera_bindings[i].interface, "heap") == 0)
			impl = tessera_bindings[i].component;
	return ktap_run_suite(impl, heap_cases, heap_setup, NULL) ? 1 : 0;
}
