/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The copy and page-table cases of the platform_user suite (test_user.c
 * runs them, in its test address space, active): copies to and from user
 * memory with good and bad pointers, demand paging inside a copy, user
 * strings, and mmu.c's map, query, protect, unmap, walk and release.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/kprintf.h>
#include <tessera/mmu.h>
#include <tessera/uaccess.h>

#include "error_numbers.h"
#include "layout.h"
#include "test_user.h"

/* uaccess.S's raw copy, to fault it where the range checks never let a
 * copy go: the bytes it did not copy. */
size_t uaccess_copy(void *dst, const void *src, size_t len);

#define TEST_UNMAPPED_VA 0x500000ull
#define TEST_NONCANONICAL 0x8000000000000000ull
#define TEST_LAST_USER_PAGE (MMU_USER_END - MMU_PAGE_SIZE)

static void *test_user_ptr(uint64_t va)
{
	return (void *)(uintptr_t)va;
}

static bool test_copy_valid(void)
{
	uint8_t in[16], out[16];

	for (int i = 0; i < 16; i++)
		in[i] = (uint8_t)(0xa0 + i);
	if (!test_user_check(copy_to_user(test_user_ptr(TEST_DATA_VA + 100), in, 16) == 0, "copy_to_user"))
		return false;
	__builtin_memset(out, 0, sizeof(out));
	return test_user_check(__builtin_memcmp(test_user_data() + 100, in, 16) == 0, "the bytes in the page") &&
	       test_user_check(copy_from_user(out, test_user_ptr(TEST_DATA_VA + 100), 16) == 0, "copy_from_user") &&
	       test_user_check(__builtin_memcmp(in, out, 16) == 0, "the bytes copied back") &&
	       test_user_check(copy_from_user(out, test_user_ptr(TEST_DATA_VA), 0) == 0, "an empty copy");
}

/* Each must fail with -EFAULT, both ways, and never panic. */
static const uint64_t test_bad_pointers[] = {
	0,				/* NULL */
	TEST_UNMAPPED_VA,		/* user, unmapped, refused */
	TEST_DATA_VA + MMU_PAGE_SIZE - 8, /* runs into an unmapped page */
	MMU_USER_END - 8,		/* runs past user space */
	DIRECT_MAP_BASE + 0x100000,	/* kernel (the direct map) */
	KERNEL_VIRT_BASE + 0x100000,	/* kernel (the image) */
	TEST_NONCANONICAL,
	0x0000800000000000ull,		/* the first non-canonical address */
};

static bool test_copy_bad_pointers(void)
{
	uint8_t buf[16] = { 0 };
	bool ok = true;

	for (size_t i = 0; i < sizeof(test_bad_pointers) / sizeof(test_bad_pointers[0]); i++) {
		void *p = test_user_ptr(test_bad_pointers[i]);
		int from = copy_from_user(buf, p, 16), to = copy_to_user(p, buf, 16), clear = clear_user(p, 16);

		if (from != -EFAULT || to != -EFAULT || clear != -EFAULT) {
			kprintf("    # %#lx: from %d to %d clear %d\n", test_bad_pointers[i], from, to, clear);
			ok = false;
		}
	}
	return test_user_check(ok, "a bad pointer did not give -EFAULT") &&
	       test_user_check(!test_last_fault.user_mode, "the handler saw a kernel-mode copy");
}

static bool test_copy_to_read_only(void)
{
	uint8_t byte = 0;

	return test_user_check(copy_to_user(test_user_ptr(TEST_CODE_VA), &byte, 1) == -EFAULT, "-EFAULT") &&
	       test_user_check(test_last_fault.write && test_last_fault.present && !test_last_fault.user_mode,
			       "a protection fault");
}

static bool test_copy_demand_paged(void)
{
	uint64_t va = TEST_DEMAND_VA + 0x10000, value = 0;
	unsigned faults = test_page_faults;

	return test_user_check(copy_from_user(&value, test_user_ptr(va), sizeof(value)) == 0, "copy_from_user") &&
	       test_user_check(value == va, "the demand page's word") &&
	       test_user_check(test_page_faults == faults + 1, "one fault") &&
	       test_user_check(!test_last_fault.user_mode && test_last_fault.addr == va, "fault details") &&
	       test_user_check(test_fault_irqs_enabled, "the handler ran with interrupts disabled");
}

static bool test_raw_copy_noncanonical(void)
{
	uint64_t value = 0;

	return test_user_check(uaccess_copy(&value, test_user_ptr(TEST_NONCANONICAL), 8) == 8,
			       "a #GP inside the copy ends it");
}

static bool test_clear_user(void)
{
	uint8_t *page = test_user_data();

	__builtin_memset(page + 200, 0xff, 32);
	return test_user_check(clear_user(test_user_ptr(TEST_DATA_VA + 208), 8) == 0, "clear_user") &&
	       page[207] == 0xff && page[208] == 0 && page[215] == 0 && page[216] == 0xff;
}

static bool test_user_range(void)
{
	return test_user_check(user_range_ok(MMU_USER_BASE, 1) && user_range_ok(MMU_USER_END - 1, 1), "ends") &&
	       test_user_check(!user_range_ok(0, 1) && !user_range_ok(MMU_USER_BASE - 1, 1), "below") &&
	       test_user_check(!user_range_ok(MMU_USER_END, 1) && !user_range_ok(MMU_USER_END - 1, 2), "above") &&
	       test_user_check(!user_range_ok(MMU_USER_BASE, (size_t)-1), "overflow");
}

static bool test_strncpy_lengths(void)
{
	char *page = (char *)test_user_data();
	const char __user *s = test_user_ptr(TEST_DATA_VA + 300);
	char dst[8];

	__builtin_memcpy(page + 300, "hello", 6);
	page[400] = 0;
	return test_user_check(strncpy_from_user(dst, s, sizeof(dst)) == 5 && __builtin_memcmp(dst, "hello", 6) == 0,
			       "room to spare") &&
	       test_user_check(strncpy_from_user(dst, s, 6) == 5, "an exact fit") &&
	       test_user_check(strncpy_from_user(dst, s, 5) == -ENAMETOOLONG, "one byte short") &&
	       test_user_check(strncpy_from_user(dst, s, 0) == -ENAMETOOLONG, "no room") &&
	       test_user_check(strncpy_from_user(dst, test_user_ptr(TEST_DATA_VA + 400), 1) == 0 && dst[0] == 0,
			       "the empty string");
}

static bool test_strncpy_faults(void)
{
	char *page = (char *)test_user_data();
	char dst[64];
	uint64_t phys = test_alloc_frame(NULL);

	/* No NUL before the page's end, nor before user space's end. */
	__builtin_memset(page + MMU_PAGE_SIZE - 4, 'x', 4);
	if (!phys || mmu_map(&test_space, TEST_LAST_USER_PAGE, phys, MMU_READ, test_alloc_frame, NULL) != 0)
		return test_user_check(false, "mapping the last user page");
	__builtin_memset(test_frame_ptr(phys), 'y', MMU_PAGE_SIZE);
	return test_user_check(strncpy_from_user(dst, test_user_ptr(TEST_DATA_VA + MMU_PAGE_SIZE - 4), 64) == -EFAULT,
			       "into an unmapped page") &&
	       test_user_check(strncpy_from_user(dst, test_user_ptr(MMU_USER_END - 8), 64) == -EFAULT,
			       "past user space") &&
	       test_user_check(strncpy_from_user(dst, test_user_ptr(MMU_USER_END - 8), 8) == -ENAMETOOLONG,
			       "too long at user space's end") &&
	       test_user_check(strncpy_from_user(dst, NULL, 64) == -EFAULT, "NULL") &&
	       test_user_check(strncpy_from_user(dst, test_user_ptr(KERNEL_VIRT_BASE + 0x100000), 64) == -EFAULT,
			       "a kernel pointer") &&
	       test_user_check(mmu_unmap(&test_space, TEST_LAST_USER_PAGE) == phys, "unmapping");
}

static bool test_mmu_rejects_bad_arguments(void)
{
	uint64_t phys = 0x200000;

	return test_user_check(mmu_map(&test_space, 0, phys, MMU_READ, test_alloc_frame, NULL) == -EINVAL, "page 0") &&
	       test_user_check(mmu_map(&test_space, TEST_UNMAPPED_VA + 1, phys, MMU_READ, test_alloc_frame, NULL) ==
				       -EINVAL,
			       "unaligned va") &&
	       test_user_check(mmu_map(&test_space, MMU_USER_END, phys, MMU_READ, test_alloc_frame, NULL) == -EINVAL,
			       "past user space") &&
	       test_user_check(mmu_map(&test_space, DIRECT_MAP_BASE, phys, MMU_READ, test_alloc_frame, NULL) ==
				       -EINVAL,
			       "a kernel va") &&
	       test_user_check(mmu_map(&test_space, TEST_UNMAPPED_VA, phys, 0, test_alloc_frame, NULL) == -EINVAL,
			       "no protection") &&
	       test_user_check(mmu_map(&test_space, TEST_UNMAPPED_VA, phys, 8, test_alloc_frame, NULL) == -EINVAL,
			       "unknown protection") &&
	       test_user_check(mmu_protect(&test_space, TEST_UNMAPPED_VA, MMU_READ) == -ENOENT, "protect unmapped") &&
	       test_user_check(mmu_unmap(&test_space, TEST_UNMAPPED_VA) == 0, "unmap unmapped") &&
	       test_user_check(!mmu_query(&test_space, TEST_UNMAPPED_VA, NULL, NULL), "query unmapped");
}

static bool test_mmu_map_query_protect_unmap(void)
{
	uint64_t va = 0x123456789000ull, phys = test_alloc_frame(NULL), got = 0;
	unsigned prot = 0;
	bool ok;

	ok = test_user_check(mmu_map(&test_space, va, phys, MMU_READ | MMU_WRITE, test_alloc_frame, NULL) == 0,
			     "map") &&
	     test_user_check(mmu_query(&test_space, va + 123, &got, &prot) && got == phys &&
				     prot == (MMU_READ | MMU_WRITE),
			     "query") &&
	     test_user_check(mmu_protect(&test_space, va, MMU_READ | MMU_EXEC) == 0, "protect") &&
	     test_user_check(mmu_query(&test_space, va, NULL, &prot) && prot == (MMU_READ | MMU_EXEC), "new prot") &&
	     test_user_check(mmu_unmap(&test_space, va) == phys, "unmap returns the frame") &&
	     test_user_check(!mmu_query(&test_space, va, NULL, NULL), "gone");
	return ok;
}

/* The space is active: a remap must not leave the old translation in the TLB. */
static bool test_mmu_remap_flushes(void)
{
	uint64_t va = TEST_UNMAPPED_VA + 0x3000, a = test_alloc_frame(NULL), b = test_alloc_frame(NULL), word = 0;

	*(uint64_t *)test_frame_ptr(a) = 0xaaaa;
	*(uint64_t *)test_frame_ptr(b) = 0xbbbb;
	if (mmu_map(&test_space, va, a, MMU_READ, test_alloc_frame, NULL) != 0 ||
	    copy_from_user(&word, test_user_ptr(va), 8) != 0 || word != 0xaaaa)
		return test_user_check(false, "the first mapping");
	if (mmu_map(&test_space, va, b, MMU_READ, test_alloc_frame, NULL) != 0 ||
	    copy_from_user(&word, test_user_ptr(va), 8) != 0)
		return test_user_check(false, "the second mapping");
	mmu_unmap(&test_space, va);
	return test_user_check(word == 0xbbbb, "a stale translation") &&
	       test_user_check(copy_from_user(&word, test_user_ptr(va), 8) == -EFAULT, "read after unmap");
}

struct test_visit {
	unsigned count;
	uint64_t last_va;
	bool ordered;
};

static void test_visit(uint64_t va, uint64_t phys, unsigned prot, void *ctx)
{
	struct test_visit *v = ctx;

	(void)phys;
	(void)prot;
	v->ordered = v->ordered && (v->count == 0 || va > v->last_va);
	v->last_va = va;
	v->count++;
}

static unsigned test_tables_freed;

static void test_free_table(uint64_t phys, void *ctx)
{
	(void)phys;
	(void)ctx;
	test_tables_freed++;
}

/* A second space: its own mappings, the kernel half shared, and every
 * table it allocated released. */
static bool test_mmu_space_walk_and_release(void)
{
	static const uint64_t vas[] = { 0x7000, 0x1000, 0x40000000, 0x7f0000000000, 0x2000 };
	struct mmu_space space;
	struct test_visit visit = { .ordered = true };
	unsigned tables = 0;

	if (mmu_space_init(&space, test_alloc_frame, &tables) != 0)
		return test_user_check(false, "init");
	for (size_t i = 0; i < sizeof(vas) / sizeof(vas[0]); i++) {
		if (mmu_map(&space, vas[i], 0x300000 + i * MMU_PAGE_SIZE, MMU_READ, test_alloc_frame, &tables) != 0)
			return test_user_check(false, "map");
	}
	mmu_for_each(&space, test_visit, &visit);
	test_tables_freed = 0;
	if (!test_user_check(!mmu_is_active(&space) && mmu_is_active(&test_space), "which space is active") ||
	    !test_user_check(!mmu_query(&space, TEST_CODE_VA, NULL, NULL), "spaces are apart") ||
	    !test_user_check(((uint64_t *)test_frame_ptr(space.root_phys))[511] ==
				     ((uint64_t *)test_frame_ptr(test_space.root_phys))[511],
			     "the kernel half is shared"))
		return false;
	mmu_space_release(&space, test_free_table, NULL);
	kprintf("    # %u pages visited, %u tables allocated, %u freed\n", visit.count, tables, test_tables_freed);
	return test_user_check(visit.count == 5 && visit.ordered && visit.last_va == 0x7f0000000000, "the walk") &&
	       test_user_check(tables == test_tables_freed, "every table freed");
}

static bool test_mmu_activate(void)
{
	mmu_activate_kernel();
	if (!test_user_check(!mmu_is_active(&test_space), "the kernel's tables are loaded"))
		return false;
	mmu_activate(&test_space);
	return test_user_check(mmu_is_active(&test_space), "the test space is loaded again");
}

const struct test_user_case test_uaccess_cases[] = {
	{ "copy_valid", test_copy_valid },
	{ "copy_bad_pointers_is_efault", test_copy_bad_pointers },
	{ "copy_to_read_only_is_efault", test_copy_to_read_only },
	{ "copy_from_demand_page", test_copy_demand_paged },
	{ "copy_noncanonical_gp_recovers", test_raw_copy_noncanonical },
	{ "clear_user", test_clear_user },
	{ "user_range_ok_bounds", test_user_range },
	{ "strncpy_from_user_lengths", test_strncpy_lengths },
	{ "strncpy_from_user_faults", test_strncpy_faults },
	{ "mmu_rejects_bad_arguments", test_mmu_rejects_bad_arguments },
	{ "mmu_map_query_protect_unmap", test_mmu_map_query_protect_unmap },
	{ "mmu_remap_flushes_tlb", test_mmu_remap_flushes },
	{ "mmu_space_walk_and_release", test_mmu_space_walk_and_release },
	{ "mmu_activate", test_mmu_activate },
};

const size_t test_uaccess_case_count = sizeof(test_uaccess_cases) / sizeof(test_uaccess_cases[0]);
