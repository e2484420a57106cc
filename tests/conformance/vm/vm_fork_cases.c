/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Copy-on-write after fork: the child sees the parent's pages without a
 * copy, each side's writes stay its own, a page nobody else holds is taken
 * over instead of copied, and every shared frame is freed exactly once
 * (the pmm double refuses a second free, and its count shows a leak).
 */
#include <string.h>

#include "vm_world.h"

#define BASE 0x10000000ull

void fork_shares_pages_until_either_side_writes(struct ktap *t)
{
	struct vm_space *parent = world_space(t), *child = NULL;
	uint64_t free_before;

	if (!parent)
		return;
	ktap_expect(t, vm_map_fixed(parent, BASE, 2 * PG, RW) == 0, "map");
	ktap_expect(t, world_poke(BASE, 'P') && world_poke(BASE + PG, 'P'), "parent writes");
	if (!ktap_expect(t, vm_space_fork(parent, &child) == 0 && child, "fork")) {
		world_space_done(parent);
		return;
	}
	ktap_expect(t, vm_resident_pages(child) == 2, "the child maps %zu pages", vm_resident_pages(child));

	world_switch(child);
	ktap_expect(t, world_peek(BASE) == 'P' && host_user_faults == 0, "the child reads the parent's page");
	ktap_expect(t, host_user_write(BASE, 'C') == 0 && host_user_faults == 1, "the child's first write");
	world_switch(parent);
	ktap_expect(t, world_peek(BASE) == 'P', "the child's write reached the parent");
	free_before = world_free_frames();
	ktap_expect(t, world_poke(BASE, 'Q'), "the parent writes the page the child copied");
	ktap_expect(t, world_free_frames() == free_before,
		    "a page only the parent still maps was copied instead of taken over");
	ktap_expect(t, world_poke(BASE + PG, 'R'), "the parent writes a page still shared");
	world_switch(child);
	ktap_expect(t, world_peek(BASE) == 'C' && world_peek(BASE + PG) == 'P', "the parent's writes reached the child");

	world_switch(parent);
	world_space_done(child);
	ktap_expect(t, world_peek(BASE) == 'Q' && world_peek(BASE + PG) == 'R', "the parent lost its pages");
	world_space_done(parent);
}

static void put_in_order(struct vm_space *s[3], const int order[3])
{
	for (int i = 0; i < 3; i++)
		world_space_done(s[order[i]]);
}

void shared_frames_are_freed_once_whatever_the_order(struct ktap *t)
{
	static const int orders[2][3] = { { 0, 1, 2 }, { 2, 0, 1 } };

	for (int o = 0; o < 2; o++) {
		uint64_t free_before = world_free_frames();
		struct vm_space *s[3] = { world_space(t), NULL, NULL };

		if (!s[0])
			return;
		ktap_expect(t, vm_map_fixed(s[0], BASE, 4 * PG, RW) == 0, "map");
		for (int i = 0; i < 4; i++)
			ktap_expect(t, world_poke(BASE + i * PG, (uint8_t)i), "write page %d", i);
		ktap_expect(t, vm_space_fork(s[0], &s[1]) == 0, "fork");
		ktap_expect(t, vm_space_fork(s[1], &s[2]) == 0, "fork of the fork");
		world_switch(s[2]);
		ktap_expect(t, world_poke(BASE, 20), "the grandchild writes");
		world_switch(s[1]);
		ktap_expect(t, world_peek(BASE) == 0 && world_poke(BASE + PG, 11), "the child");
		thread_ctx(NULL)->mm = NULL;
		put_in_order(s, orders[o]);
		ktap_expect(t, world_free_frames() == free_before, "order %d: %lld frames not returned", o,
			    (long long)(free_before - world_free_frames()));
	}
}

void a_forked_space_keeps_the_areas_and_the_break(struct ktap *t)
{
	struct vm_space *parent = world_space(t), *child = NULL;
	char maps[1024];

	if (!parent)
		return;
	ktap_expect(t, vm_map_fixed(parent, BASE, PG, VM_PROT_READ) == 0, "map");
	ktap_expect(t, vm_set_brk(parent, 0x600000) == 0 && world_brk(0x603000) == 0x603000, "brk");
	snprintf(maps, sizeof(maps), "%s", world_maps(parent));
	ktap_expect(t, vm_space_fork(parent, &child) == 0, "fork");
	ktap_expect(t, strcmp(maps, world_maps(child)) == 0, "the child's areas differ:\n%s", world_maps(child));
	world_switch(child);
	ktap_expect(t, world_brk(0) == 0x603000, "the child's break is %#lx", (unsigned long)world_brk(0));
	world_space_done(child);
	world_space_done(parent);
}
