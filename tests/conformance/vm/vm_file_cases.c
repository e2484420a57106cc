/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private file mappings, shared anonymous memory, /proc/<pid>/maps lines
 * and the end of a space: every frame and file reference given back.
 */
#include <string.h>

#include "vm_world.h"

#define BASE 0x30000000ull
#define FILE_LEN 6000

static uint8_t file_byte(size_t i)
{
	return (uint8_t)(i * 7 + 3);
}

static void open_pattern_file(int fd, const char *path)
{
	static uint8_t data[FILE_LEN];

	for (size_t i = 0; i < FILE_LEN; i++)
		data[i] = file_byte(i);
	host_vfs_open(fd, path, data, FILE_LEN, true);
}

void a_private_file_mapping_reads_the_file_and_keeps_writes_private(struct ktap *t)
{
	struct vm_space *s = world_space(t);
	long a, b;

	if (!s)
		return;
	open_pattern_file(3, "/bin/data");
	a = world_mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, 3, 0);
	b = world_mmap(0, PG, PROT_READ, MAP_PRIVATE, 3, PG);
	host_vfs_close(3);
	if (!ktap_expect(t, a > 0 && b > 0, "mmap of the file: %ld, %ld", a, b)) {
		world_space_done(s);
		return;
	}
	ktap_expect(t, world_peek(a) == file_byte(0) && world_peek(a + FILE_LEN - 1) == file_byte(FILE_LEN - 1),
		    "the file's bytes");
	ktap_expect(t, world_peek(a + FILE_LEN) == 0 && world_peek(a + 2 * PG - 1) == 0, "past the end of the file");
	ktap_expect(t, world_peek(b) == file_byte(PG), "the mapping at offset 4096");
	ktap_expect(t, world_poke(a + PG, 0xee), "a private write");
	ktap_expect(t, world_peek(b) == file_byte(PG), "a private write reached the file");
	ktap_expect(t, host_vfs_live_files() == 1, "the mappings hold no file");
	ktap_expect(t, world_munmap(a, 2 * PG) == 0 && world_munmap(b, PG) == 0, "munmap");
	ktap_expect(t, host_vfs_live_files() == 0, "a file reference outlived its mappings");
	world_space_done(s);
}

void shared_anonymous_memory_stays_shared_after_fork(struct ktap *t)
{
	struct vm_space *parent = world_space(t), *child = NULL;
	long a;

	if (!parent)
		return;
	a = world_mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ktap_expect(t, a > 0 && world_poke(a, 1), "mmap shared");
	ktap_expect(t, vm_space_fork(parent, &child) == 0, "fork");
	world_switch(child);
	ktap_expect(t, world_poke(a, 2) && world_poke(a + PG, 3), "the child writes");
	world_switch(parent);
	ktap_expect(t, world_peek(a) == 2 && world_peek(a + PG) == 3, "the parent does not see the child's writes");
	ktap_expect(t, strstr(world_maps(parent), "rw-s") != NULL, "maps:\n%s", world_maps(parent));
	world_space_done(child);
	world_space_done(parent);
}

void show_maps_prints_linux_lines(struct ktap *t)
{
	static const char expected[] =
		"00400000-00402000 r-xp 00000000 00:00 0 \n"
		"00602000-00603000 rw-p 00000000 00:00 0                                  [heap]\n"
		"7ffff7ffd000-7ffff7fff000 r--p 00001000 08:01 103                        /lib/libc.so\n"
		"7fffffffd000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]\n";
	struct vm_space *s = world_space(t);
	char small[8];

	if (!s)
		return;
	open_pattern_file(3, "/lib/libc.so");
	ktap_expect(t, vm_map_fixed(s, 0x400000, 2 * PG, VM_PROT_READ | VM_PROT_EXEC) == 0, "text");
	ktap_expect(t, vm_set_brk(s, 0x601800) == 0 && world_brk(0x602800) == 0x602800 && world_brk(0) == 0x602800, "heap");
	ktap_expect(t, vm_map_fixed(s, MMU_USER_END - 2 * PG, 2 * PG, RW | VM_MAP_STACK) == 0, "stack");
	ktap_expect(t, world_mmap(0, 2 * PG, PROT_READ, MAP_PRIVATE, 3, PG) > 0, "file");
	host_vfs_close(3);
	ktap_expect(t, strcmp(world_maps(s), expected) == 0, "maps:\n%sexpected:\n%s", world_maps(s), expected);
	ktap_expect(t, vm_show_maps(s, (uint8_t *)small, sizeof(small)) == sizeof(small) &&
			       memcmp(small, expected, sizeof(small)) == 0,
		    "a short buffer is not filled with the text's start");
	world_space_done(s);
	ktap_expect(t, host_vfs_live_files() == 0, "the file outlived the space");
}

void space_put_gives_back_every_frame_and_file(struct ktap *t)
{
	uint64_t free_before = world_free_frames();
	struct vm_space *s = world_space(t), *child = NULL;
	long a, f;

	if (!s)
		return;
	open_pattern_file(3, "/bin/data");
	ktap_expect(t, vm_map_fixed(s, 0x400000, 64 * PG, RW) == 0, "map");
	for (int i = 0; i < 64; i += 3)
		ktap_expect(t, world_poke(0x400000 + i * PG, 1), "touch %d", i);
	a = world_mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	f = world_mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, 3, 0);
	host_vfs_close(3);
	ktap_expect(t, a > 0 && f > 0 && world_poke(a + 12345, 1) && world_poke(f, 2), "mmap and touch");
	ktap_expect(t, vm_space_fork(s, &child) == 0, "fork");
	world_switch(child);
	ktap_expect(t, world_poke(f + 1, 3) && world_poke(0x400000, 4), "the child writes");
	world_switch(s);
	world_space_done(child);
	world_space_done(s);
	ktap_expect(t, host_mmu_spaces() == 0 && host_mmu_tables() == 0, "page tables left: %zu in %zu spaces",
		    host_mmu_tables(), host_mmu_spaces());
	ktap_expect(t, host_mmu_active_root() == 0, "a freed space is still loaded");
	ktap_expect(t, host_vfs_live_files() == 0, "a file reference outlived the space");
	ktap_expect(t, world_free_frames() == free_before, "%lld frames not returned",
		    (long long)(free_before - world_free_frames()));
}
