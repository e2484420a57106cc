/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Demand paging: a page appears, zeroed, on its first touch inside an
 * area; touches outside every area or against its protection are refused
 * (the process layer's SIGSEGV); a stack grows down to its limit.
 */
#include <tessera/pmm.h>

#include "vm_world.h"

#define BASE 0x400000ull

void a_first_touch_maps_one_zeroed_page(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, vm_map_fixed(s, BASE, 3 * PG, RW) == 0, "map_fixed");
	ktap_expect(t, vm_resident_pages(s) == 0, "pages before any touch: %zu", vm_resident_pages(s));
	ktap_expect(t, world_peek(BASE + PG + 16) == 0 && host_user_faults == 1, "first read: not one zeroed page");
	ktap_expect(t, vm_resident_pages(s) == 1, "resident after one touch: %zu", vm_resident_pages(s));
	ktap_expect(t, world_poke(BASE + PG + 16, 7) && host_user_faults == 0,
		    "a write to a faulted-in writable page faulted again");
	ktap_expect(t, world_poke(BASE, 9) && world_peek(BASE + PG + 16) == 7, "pages mixed up");
	ktap_expect(t, vm_resident_pages(s) == 2, "resident after two pages: %zu", vm_resident_pages(s));
	world_space_done(s);
}

void faults_outside_areas_or_against_protection_are_refused(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, vm_map_fixed(s, BASE, PG, VM_PROT_READ) == 0, "map read-only");
	ktap_expect(t, vm_map_fixed(s, BASE + 2 * PG, PG, VM_PROT_EXEC) == 0, "map exec-only");
	ktap_expect(t, world_peek(BASE) == 0, "reading a read-only page");
	ktap_expect(t, host_user_write(BASE, 1) == -EFAULT, "writing a read-only page allowed");
	ktap_expect(t, host_user_exec(BASE) == -EFAULT, "executing a read-only page allowed");
	ktap_expect(t, host_user_exec(BASE + 2 * PG) == 0, "executing an exec-only page");
	ktap_expect(t, world_peek(BASE + PG) == -EFAULT, "the hole between areas was readable");
	ktap_expect(t, world_peek(0x10) == -EFAULT, "page 0 was readable");
	ktap_expect(t, vm_resident_pages(s) == 2, "refused faults mapped pages: %zu", vm_resident_pages(s));
	thread_ctx(NULL)->mm = NULL;
	ktap_expect(t, host_user_write(BASE + 2 * PG, 1) == -EFAULT, "a thread without a space got a page");
	world_space_done(s);
}

void the_stack_grows_down_to_its_limit(struct ktap *t)
{
	const vaddr_t top = MMU_USER_END;
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, vm_map_fixed(s, top - 2 * PG, 2 * PG, RW | VM_MAP_STACK) == 0, "map the stack");
	ktap_expect(t, world_poke(top - 1, 1), "the stack's top");
	ktap_expect(t, world_poke(top - 2 * PG - 8, 2), "the page just below the stack did not grow it");
	ktap_expect(t, world_poke(top - VM_TEST_STACK_LIMIT, 3), "the stack could not reach its limit");
	ktap_expect(t, world_peek(top - VM_TEST_STACK_LIMIT - 1) == -EFAULT, "the stack grew past its limit");
	ktap_expect(t, vm_resident_pages(s) == 3, "resident: %zu", vm_resident_pages(s));
	world_space_done(s);
}

void running_out_of_frames_is_reported_and_leaks_nothing(struct ktap *t)
{
	static paddr_t held[8192];
	uint64_t free_before = world_free_frames();
	struct vm_space *s = world_space(t), *child = NULL;
	size_t n = 0;

	if (!s)
		return;
	ktap_expect(t, vm_map_fixed(s, BASE, 4 * PG, RW) == 0 && world_poke(BASE, 1), "map and touch");
	while (n < sizeof(held) / sizeof(held[0]) && pmm_alloc(0, &held[n]) == 0)
		n++;
	ktap_expect(t, host_user_write(BASE + PG, 1) == -ENOMEM, "a fault without a frame");
	ktap_expect(t, vm_space_fork(s, &child) == -ENOMEM, "a fork without frames");
	ktap_expect(t, world_mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -ENOMEM,
		    "shared memory without frames");
	while (n)
		pmm_free(held[--n], 0);
	ktap_expect(t, world_poke(BASE + PG, 2) && world_peek(BASE) == 1, "the space after memory came back");
	world_space_done(s);
	ktap_expect(t, world_free_frames() == free_before, "%lld frames not returned",
		    (long long)(free_before - world_free_frames()));
}
