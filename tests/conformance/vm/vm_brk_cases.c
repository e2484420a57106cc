/* SPDX-License-Identifier: Apache-2.0 */
/*
 * brk: the break starts where set_brk put it, rounded up to a page as
 * Linux's ELF loader does, moves to the byte, maps the pages it covers and
 * unmaps them when it shrinks; it never moves below its start or into
 * another mapping, and reports the old break then.
 */
#include <string.h>

#include "vm_world.h"

#define START 0x601234ull

void brk_grows_and_shrinks_the_heap(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, vm_map_fixed(s, 0x600000, PG, RW) == 0, "the data page");
	ktap_expect(t, vm_set_brk(s, START) == 0, "set_brk");
	ktap_expect(t, world_brk(0) == 0x602000, "brk(0) is %#lx", (unsigned long)world_brk(0));
	ktap_expect(t, world_brk(START + 0x3000) == START + 0x3000, "grow");
	ktap_expect(t, world_poke(0x602000, 1) && world_poke(0x604fff, 2), "the new heap pages");
	ktap_expect(t, world_peek(0x605000) == -EFAULT, "a page past the break");
	ktap_expect(t, strstr(world_maps(s), "00602000-00605000 rw-p 00000000 00:00 0") != NULL &&
			       strstr(world_maps(s), "[heap]") != NULL,
		    "maps:\n%s", world_maps(s));
	ktap_expect(t, world_brk(0x602100) == 0x602100, "shrink");
	ktap_expect(t, world_peek(0x603000) == -EFAULT && world_peek(0x602000) == 1, "after shrinking");
	ktap_expect(t, vm_resident_pages(s) == 1, "resident after shrinking: %zu", vm_resident_pages(s));
	ktap_expect(t, world_brk(0x601fff) == 0x602100, "moved below its start");
	ktap_expect(t, world_brk(0x602000) == 0x602000 && world_peek(0x602000) == -EFAULT, "back to the start");
	ktap_expect(t, world_brk(0x60200a) == 0x60200a, "to the byte");
	world_space_done(s);
}

void brk_refuses_to_move_into_other_mappings(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, vm_set_brk(s, 0x600000) == 0, "set_brk");
	ktap_expect(t, vm_map_fixed(s, 0x700000, PG, RW) == 0, "a mapping above");
	ktap_expect(t, world_brk(0x700001) == 0x600000, "the break moved into a mapping");
	ktap_expect(t, world_brk(0x700000) == 0x700000, "the break up to a mapping");
	ktap_expect(t, world_brk(MMU_USER_END + PG) == 0x700000, "the break left user space");
	world_space_done(s);
	ktap_expect(t, world_brk(0x1000000) == 0, "brk without a space");
}
