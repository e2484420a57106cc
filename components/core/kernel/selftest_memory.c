/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-kernel self-tests of whatever this image binds to pmm, heap and
 * sched, through the interfaces only: the host conformance suites test
 * each implementation in depth; these prove the composed kernel works on
 * real memory. They run before threads start, because the scheduling case
 * drives the policy directly.
 */
#include <tessera/components/kernel_core.h>

#include "selftest.h"

/* Frames of every order come aligned, are writable through the direct map,
 * and freeing them restores the free count. */
static bool pmm_frames_are_aligned_writable_and_returned(void)
{
	struct pmm_stats before, after;
	paddr_t frames[5];

	pmm_stats(&before);
	for (uint32_t order = 0; order < 5; order++) {
		if (pmm_alloc(order, &frames[order]) != 0)
			return selftest_fail("pmm_alloc failed");
		if (frames[order] & ((PAGE_SIZE << order) - 1))
			return selftest_fail("frame not aligned to its order");
		__builtin_memset((void *)memmap_phys_to_virt(frames[order]), 0xa5, PAGE_SIZE << order);
	}
	for (uint32_t order = 0; order < 5; order++)
		if (pmm_free(frames[order], order) != 0)
			return selftest_fail("pmm_free failed");
	pmm_stats(&after);
	return after.free_frames == before.free_frames || selftest_fail("free frames not restored");
}

static bool pmm_double_free_is_refused(void)
{
	paddr_t frame;

	if (pmm_alloc(0, &frame) != 0 || pmm_free(frame, 0) != 0)
		return selftest_fail("alloc/free failed");
	return pmm_free(frame, 0) == -EINVAL || selftest_fail("double free accepted");
}

/* Blocks of many sizes hold their own bytes until freed. */
static bool heap_blocks_keep_their_contents(void)
{
	enum { N = 64 };
	unsigned char *blocks[N];

	for (int i = 0; i < N; i++) {
		size_t size = 8u << (i % 10);

		if (heap_alloc(size, (void **)&blocks[i]) != 0)
			return selftest_fail("heap_alloc failed");
		__builtin_memset(blocks[i], i, size);
	}
	for (int i = 0; i < N; i++) {
		size_t size = 8u << (i % 10);

		for (size_t k = 0; k < size; k++)
			if (blocks[i][k] != (unsigned char)i)
				return selftest_fail("a block was overwritten");
		heap_free(blocks[i]);
	}
	return true;
}

/* Every enqueued entity is picked once, and the queue then runs dry. */
static bool sched_picks_every_runnable_entity(void)
{
	enum { N = 4 };
	struct sched_entity se[N];
	unsigned seen = 0;

	for (int i = 0; i < N; i++) {
		__builtin_memset(&se[i], 0, sizeof(se[i]));
		if (sched_init_entity(&se[i], SCHED_PRIO_DEFAULT) != 0)
			return selftest_fail("sched_init_entity failed");
		sched_enqueue(&se[i]);
	}
	for (int i = 0; i < N; i++) {
		struct sched_entity *next = sched_pick_next();

		if (!next)
			return selftest_fail("pick_next ran dry early");
		seen |= 1u << (next - se);
		sched_dequeue(next);
	}
	if (sched_pick_next() || sched_nr_runnable() != 0)
		return selftest_fail("queue not empty after picking everything");
	return seen == (1u << N) - 1 || selftest_fail("an entity was picked twice");
}

static const struct selftest_case memory_cases[] = {
	SELFTEST_CASE(pmm_frames_are_aligned_writable_and_returned),
	SELFTEST_CASE(pmm_double_free_is_refused),
	SELFTEST_CASE(heap_blocks_keep_their_contents),
	SELFTEST_CASE(sched_picks_every_runnable_entity),
};

const struct selftest_suite selftest_memory = {
	"kernel_memory", memory_cases, sizeof(memory_cases) / sizeof(memory_cases[0]),
};
