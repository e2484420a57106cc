/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Anonymous mmap, munmap and mprotect: top-down placement below Linux's
 * mmap_base, hints, MAP_FIXED replacing, MAP_FIXED_NOREPLACE refusing,
 * areas split by munmap and mprotect, and the errors Linux gives.
 */
#include <string.h>

#include "vm_world.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define BASE 0x20000000ull

void mmap_places_mappings_top_down_and_honours_hints(struct ktap *t)
{
	struct vm_space *s = world_space(t);
	long a, b, h1, h2, low;

	if (!s)
		return;
	a = world_mmap(0, 2 * PG, PROT_READ | PROT_WRITE, ANON, -1, 0);
	b = world_mmap(0, 100, PROT_READ, ANON, -1, 0);
	ktap_expect(t, a == (long)(VM_TEST_MMAP_BASE - 2 * PG), "first mapping at %#lx", a);
	ktap_expect(t, b == a - (long)PG, "second mapping at %#lx, below %#lx", b, a);
	h1 = world_mmap(BASE + 1, PG, PROT_READ, ANON, -1, 0);
	h2 = world_mmap(BASE + PG, PG, PROT_READ, ANON, -1, 0);
	ktap_expect(t, h1 == (long)(BASE + PG), "a free hint (rounded up) not taken: %#lx", h1);
	ktap_expect(t, h2 > 0 && h2 != h1, "a taken hint was reused: %#lx", h2);
	low = world_mmap(0, PG, PROT_READ, ANON | MAP_32BIT, -1, 0);
	ktap_expect(t, low > 0 && low + (long)PG <= 0x80000000l, "MAP_32BIT gave %#lx", low);
	ktap_expect(t, world_poke(a + PG, 5), "the mapping is usable");
	world_space_done(s);
}

void map_fixed_replaces_and_noreplace_refuses(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, world_mmap(BASE, 3 * PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0) == (long)BASE,
		    "MAP_FIXED");
	for (int i = 0; i < 3; i++)
		ktap_expect(t, world_poke(BASE + i * PG, (uint8_t)(i + 1)), "write %d", i);
	ktap_expect(t, world_mmap(BASE + PG, PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0) == (long)(BASE + PG),
		    "MAP_FIXED over the middle");
	ktap_expect(t, world_peek(BASE) == 1 && world_peek(BASE + PG) == 0 && world_peek(BASE + 2 * PG) == 3,
		    "only the middle page is new");
	ktap_expect(t, world_mmap(BASE + 2 * PG, 2 * PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0) == -EEXIST,
		    "MAP_FIXED_NOREPLACE over a mapping");
	ktap_expect(t, world_peek(BASE + 2 * PG) == 3, "the refused mapping changed the old one");
	ktap_expect(t, world_mmap(BASE + 3 * PG, PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0) ==
			       (long)(BASE + 3 * PG),
		    "MAP_FIXED_NOREPLACE in a hole");
	world_space_done(s);
}

void munmap_splits_an_area(struct ktap *t)
{
	struct vm_space *s = world_space(t);
	unsigned lines;

	if (!s)
		return;
	ktap_expect(t, world_mmap(BASE, 4 * PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0) == (long)BASE, "map");
	for (int i = 0; i < 4; i++)
		ktap_expect(t, world_poke(BASE + i * PG, (uint8_t)(i + 1)), "write %d", i);
	lines = world_maps_lines(s);
	ktap_expect(t, world_munmap(BASE + PG, PG) == 0, "munmap the second page");
	ktap_expect(t, world_peek(BASE + PG) == -EFAULT, "the unmapped page is readable");
	ktap_expect(t, world_peek(BASE) == 1 && world_peek(BASE + 2 * PG) == 3 && world_peek(BASE + 3 * PG) == 4,
		    "the rest lost its contents");
	ktap_expect(t, world_maps_lines(s) == lines + 1, "not split in two:\n%s", world_maps(s));
	ktap_expect(t, vm_resident_pages(s) == 3, "resident: %zu", vm_resident_pages(s));
	ktap_expect(t, world_munmap(BASE, 3 * PG) == 0 && world_peek(BASE + 3 * PG) == 4, "munmap across a hole");
	ktap_expect(t, world_munmap(BASE, 8 * PG) == 0 && world_maps_lines(s) == 0, "munmap everything");
	ktap_expect(t, world_munmap(BASE + 1, PG) == -EINVAL, "unaligned munmap");
	ktap_expect(t, world_munmap(BASE, 0) == -EINVAL, "munmap of nothing");
	ktap_expect(t, vm_resident_pages(s) == 0, "resident: %zu", vm_resident_pages(s));
	world_space_done(s);
}

void mprotect_splits_areas_and_refuses_holes(struct ktap *t)
{
	struct vm_space *s = world_space(t);

	if (!s)
		return;
	ktap_expect(t, world_mmap(BASE, 3 * PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0) == (long)BASE, "map");
	for (int i = 0; i < 3; i++)
		ktap_expect(t, world_poke(BASE + i * PG, (uint8_t)(i + 1)), "write %d", i);
	ktap_expect(t, world_mprotect(BASE + PG, PG, PROT_READ) == 0, "mprotect the middle read-only");
	ktap_expect(t, host_user_write(BASE + PG, 9) == -EFAULT && world_peek(BASE + PG) == 2,
		    "the read-only middle page");
	ktap_expect(t, world_poke(BASE, 7) && world_poke(BASE + 2 * PG, 8), "the writable ends");
	ktap_expect(t, strstr(world_maps(s), "20001000-20002000 r--p") != NULL, "maps:\n%s", world_maps(s));
	ktap_expect(t, world_mprotect(BASE + 2 * PG, 2 * PG, PROT_READ) == -ENOMEM, "mprotect over a hole");
	ktap_expect(t, world_poke(BASE + 2 * PG, 9), "a refused mprotect changed the mapped part");
	ktap_expect(t, world_mprotect(BASE + 1, PG, PROT_READ) == -EINVAL, "unaligned mprotect");
	ktap_expect(t, world_mprotect(BASE, PG, 0x80) == -EINVAL, "unknown protection bits");
	ktap_expect(t, world_mprotect(BASE, 0, PROT_READ) == 0, "mprotect of nothing");
	ktap_expect(t, world_mprotect(BASE, 3 * PG, PROT_READ | PROT_WRITE) == 0 && world_poke(BASE + PG, 4),
		    "writable again");
	ktap_expect(t, vm_protect(s, BASE, PG, VM_PROT_READ) == 0 && host_user_write(BASE, 1) == -EFAULT,
		    "the interface's protect");
	world_space_done(s);
}

void mmap_refuses_bad_arguments(struct ktap *t)
{
	static const char text[] = "data";
	struct vm_space *s = world_space(t);
	const uint64_t rw = PROT_READ | PROT_WRITE;

	if (!s)
		return;
	host_vfs_open(3, "/wo", text, sizeof(text), false);
	host_vfs_open(4, "/ro", text, sizeof(text), true);
	ktap_expect(t, world_mmap(0, 0, rw, ANON, -1, 0) == -EINVAL, "length 0");
	ktap_expect(t, world_mmap(0, PG, rw, MAP_PRIVATE, 4, 100) == -EINVAL, "unaligned offset");
	ktap_expect(t, world_mmap(BASE + 1, PG, rw, ANON | MAP_FIXED, -1, 0) == -EINVAL, "unaligned MAP_FIXED");
	ktap_expect(t, world_mmap(0, PG, rw, MAP_ANONYMOUS, -1, 0) == -EINVAL, "neither private nor shared");
	ktap_expect(t, world_mmap(0, PG, rw, MAP_PRIVATE, 9, 0) == -EBADF, "a closed descriptor");
	ktap_expect(t, world_mmap(0, PG, PROT_READ, MAP_PRIVATE, 3, 0) == -EACCES, "a write-only file");
	ktap_expect(t, world_mmap(0, PG, rw, MAP_SHARED, 4, 0) == -ENODEV, "a writable shared file mapping");
	ktap_expect(t, world_mmap(0, 1ull << 60, rw, ANON, -1, 0) == -ENOMEM, "more than user space");
	ktap_expect(t, world_mmap(0, PG, rw, MAP_PRIVATE, 4, ~0ull << 12) == -EOVERFLOW, "offset overflow");
	ktap_expect(t, world_mmap(0, PG, rw, ANON | MAP_FIXED, -1, 0) == -EPERM, "MAP_FIXED at page 0");
	ktap_expect(t, world_maps_lines(s) == 0, "a refused mmap left an area:\n%s", world_maps(s));
	host_vfs_close(3);
	host_vfs_close(4);
	ktap_expect(t, host_vfs_live_files() == 0, "a refused mmap kept a file reference");
	world_space_done(s);
}

void prot_none_keeps_the_contents_until_access_returns(struct ktap *t)
{
	uint64_t free_before = world_free_frames();
	struct vm_space *parent = world_space(t), *child = NULL;

	if (!parent)
		return;
	ktap_expect(t, world_mmap(BASE, 3 * PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0) == (long)BASE, "map");
	for (int i = 0; i < 3; i++)
		ktap_expect(t, world_poke(BASE + i * PG, (uint8_t)(i + 1)), "write %d", i);
	ktap_expect(t, world_mprotect(BASE, 2 * PG, PROT_NONE) == 0, "mprotect PROT_NONE");
	ktap_expect(t, world_peek(BASE) == -EFAULT && world_peek(BASE + PG) == -EFAULT, "PROT_NONE pages readable");
	ktap_expect(t, world_peek(BASE + 2 * PG) == 3, "the page left alone");
	ktap_expect(t, vm_resident_pages(parent) == 3, "resident: %zu", vm_resident_pages(parent));
	ktap_expect(t, vm_space_fork(parent, &child) == 0, "fork");
	ktap_expect(t, world_mprotect(BASE, PG, PROT_READ | PROT_WRITE) == 0, "accessible again");
	ktap_expect(t, world_peek(BASE) == 1 && world_poke(BASE, 9), "the contents came back");
	world_switch(child);
	ktap_expect(t, world_mprotect(BASE, 2 * PG, PROT_READ) == 0, "the child's mprotect");
	ktap_expect(t, world_peek(BASE) == 1 && world_peek(BASE + PG) == 2, "the child's parked pages");
	ktap_expect(t, host_user_write(BASE, 5) == -EFAULT, "a read-only page written");
	ktap_expect(t, world_munmap(BASE + PG, PG) == 0, "the child's munmap");
	ktap_expect(t, world_mprotect(BASE + 2 * PG, PG, PROT_NONE) == 0, "parking a page the child ends with");
	world_switch(parent);
	ktap_expect(t, world_munmap(BASE, 3 * PG) == 0, "the parent's munmap of parked pages");
	ktap_expect(t, vm_resident_pages(parent) == 0, "resident after munmap: %zu", vm_resident_pages(parent));
	world_space_done(child);
	world_space_done(parent);
	ktap_expect(t, world_free_frames() == free_before, "%lld frames not returned",
		    (long long)(free_before - world_free_frames()));
}
