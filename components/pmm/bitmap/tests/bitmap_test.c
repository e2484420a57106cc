/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests of pmm_bitmap's own behaviour beyond the pmm conformance suite: the
 * next-fit search, and the documented limit of its double-free detection.
 * Built on the host under ASan+UBSan by tests/conformance/pmm/CMakeLists.txt.
 */
#include <tessera/components/pmm_bitmap.h>

#include "ktap.h"
#include "pmm/pmm_model.h"

/* A freed frame is not reused until the search has gone round. */
static void bitmap_alloc_is_next_fit(struct ktap *t)
{
	struct pmm_model *m = pmm_model_start(t, 0x100000, 1100);
	paddr_t a, b, c = 0;

	if (!m || pmm_model_alloc(t, m, 0, &a) || pmm_model_alloc(t, m, 0, &b))
		return;
	ktap_expect(t, b == a + PAGE_SIZE, "second alloc(0) gave %#llx after %#llx", (unsigned long long)b,
		    (unsigned long long)a);
	pmm_model_free(t, m, 0);
	ktap_expect(t, pmm_model_alloc(t, m, 0, &c) == 0 && c == b + PAGE_SIZE,
		    "alloc(0) after freeing %#llx gave %#llx, not the frame after %#llx", (unsigned long long)a,
		    (unsigned long long)c, (unsigned long long)b);
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
}

/* Documented: the bitmap keeps no block sizes, so a partial free goes
 * through and the rest of the block stays allocated until freed. */
static void bitmap_partial_free_releases_only_that_part(struct ktap *t)
{
	struct pmm_model *m = pmm_model_start(t, 0x100000, 1100);
	struct pmm_stats before, after;
	paddr_t pa;

	if (!m || pmm_model_alloc(t, m, 2, &pa))
		return;
	pmm_stats(&before);
	ktap_expect(t, pmm_free(pa, 0) == 0, "free(order 0) of an order-2 block failed");
	pmm_stats(&after);
	ktap_expect(t, after.free_frames == before.free_frames + 1, "a partial free released %llu frames",
		    (unsigned long long)(after.free_frames - before.free_frames));
	ktap_expect(t, pmm_free(pa, 2) == -EINVAL, "free of a partly free block was accepted");
	ktap_expect(t, pmm_free(pa + PAGE_SIZE, 0) == 0, "free of frame 1 failed");
	ktap_expect(t, pmm_free(pa + 2 * PAGE_SIZE, 1) == 0, "free of frames 2-3 failed");
	pmm_stats(&after);
	ktap_expect(t, after.free_frames == after.total_frames, "%llu of %llu frames free at the end",
		    (unsigned long long)after.free_frames, (unsigned long long)after.total_frames);
}

static const struct ktap_case bitmap_test_cases[] = {
	KTAP_CASE(bitmap_alloc_is_next_fit),
	KTAP_CASE(bitmap_partial_free_releases_only_that_part),
	{ 0 },
};

int main(void)
{
	return ktap_run_suite("pmm_bitmap", bitmap_test_cases, pmm_model_setup, pmm_model_teardown) ? 1 : 0;
}
