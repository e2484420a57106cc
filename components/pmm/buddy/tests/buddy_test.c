/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests of what pmm_buddy promises beyond the pmm conformance suite: exact
 * misuse detection on free, the max_order tunable, smallest-fit splitting.
 * Built on the host under ASan+UBSan by tests/conformance/pmm/CMakeLists.txt.
 */
#include <tessera/components/pmm_buddy.h>

#include "ktap.h"
#include "pmm/pmm_model.h"

static void buddy_free_with_a_smaller_order_is_detected(struct ktap *t)
{
	struct pmm_model *m = pmm_model_start(t, 0x100000, 1100);
	paddr_t pa;

	if (!m || pmm_model_alloc(t, m, 2, &pa))
		return;
	ktap_expect(t, pmm_free(pa, 1) == -EINVAL, "free(order 1) of an order-2 block was accepted");
	ktap_expect(t, pmm_free(pa, 0) == -EINVAL, "free(order 0) of an order-2 block was accepted");
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
}

static void buddy_free_inside_a_block_is_detected(struct ktap *t)
{
	struct pmm_model *m = pmm_model_start(t, 0x100000, 1100);
	paddr_t pa;

	if (!m || pmm_model_alloc(t, m, 3, &pa))
		return;
	ktap_expect(t, pmm_free(pa + 4 * PAGE_SIZE, 2) == -EINVAL, "free of the upper half of a block was accepted");
	ktap_expect(t, pmm_free(pa + PAGE_SIZE, 0) == -EINVAL, "free of a frame inside a block was accepted");
	pmm_model_check_stats(t, m);
	pmm_model_free_all(t, m);
}

static void buddy_max_order_tunable_caps_blocks(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);
	struct pmm_stats st;
	paddr_t pa;

	if (!m)
		return;
	pmm_buddy_max_order = 3;
	if (!ktap_expect(t, buddy_init() == 0, "init with max_order 3 failed") ||
	    !ktap_expect(t, pmm_model_add_region(m, 0x100000, 1100) == 0, "add_region failed") ||
	    !pmm_model_probe(t, m))
		goto restore;
	pmm_stats(&st);
	ktap_expect(t, st.max_order == 3, "stats report max_order %u", st.max_order);
	for (uint32_t k = 4; k <= PMM_MAX_ORDER; k++)
		ktap_expect(t, st.free_blocks[k] == 0, "%llu free blocks of order %u", (unsigned long long)st.free_blocks[k], k);
	ktap_expect(t, pmm_model_alloc(t, m, 4, &pa) == -EINVAL, "alloc(4) with max_order 3 was accepted");
	ktap_expect(t, pmm_model_alloc(t, m, 3, &pa) == 0, "alloc(3) with max_order 3 failed");
	pmm_model_free_all(t, m);
	pmm_model_check_stats(t, m);
restore:
	pmm_buddy_max_order = PMM_MAX_ORDER;
}

static void buddy_init_rejects_max_order_out_of_range(struct ktap *t)
{
	if (!pmm_model_of(t))
		return;
	pmm_buddy_max_order = PMM_MAX_ORDER + 1;
	ktap_expect(t, buddy_init() == -EINVAL, "init accepted max_order %u", PMM_MAX_ORDER + 1);
	pmm_buddy_max_order = PMM_MAX_ORDER;
}

/* Frame 1023 is an order-0 block next to the order-10 block at 1024:
 * alloc(0) must take the small one rather than split the large one. */
static void buddy_alloc_takes_the_smallest_block_that_fits(struct ktap *t)
{
	struct pmm_model *m = pmm_model_of(t);
	struct pmm_stats before, after;
	paddr_t pa = 0;

	if (!m || !ktap_expect(t, pmm_model_add_region(m, 1023 * PAGE_SIZE, 1100) == 0, "add_region failed") ||
	    !pmm_model_probe(t, m))
		return;
	pmm_stats(&before);
	ktap_expect(t, pmm_model_alloc(t, m, 0, &pa) == 0 && pa == 1023 * PAGE_SIZE, "alloc(0) gave %#llx",
		    (unsigned long long)pa);
	pmm_stats(&after);
	ktap_expect(t, after.free_blocks[10] == before.free_blocks[10], "alloc(0) split an order-10 block");
	pmm_model_free_all(t, m);
}

static const struct ktap_case buddy_test_cases[] = {
	KTAP_CASE(buddy_free_with_a_smaller_order_is_detected),
	KTAP_CASE(buddy_free_inside_a_block_is_detected),
	KTAP_CASE(buddy_max_order_tunable_caps_blocks),
	KTAP_CASE(buddy_init_rejects_max_order_out_of_range),
	KTAP_CASE(buddy_alloc_takes_the_smallest_block_that_fits),
	{ 0 },
};

int main(void)
{
	return ktap_run_suite("pmm_buddy", buddy_test_cases, pmm_model_setup, pmm_model_teardown) ? 1 : 0;
}
