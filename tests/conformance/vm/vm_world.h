/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the vm suite's cases share (vm_world.c): a space made current for
 * the calling thread, as the process layer would, the syscalls' numbers
 * in a test's terms, and every case's declaration.
 */
#ifndef TESSERA_TESTS_VM_WORLD_H
#define TESSERA_TESTS_VM_WORLD_H

#include <stdio.h>
/* The host's PROT_* and MAP_* are Linux's x86_64 values, which the
 * syscalls take (<tessera/linux_abi.h> would clash with the host libc). */
#include <sys/mman.h>

#include <tessera/vm.h>

#include "host_mmu.h"
#include "host_vfs.h"
#include "host_world.h"
#include "ktap.h"
#include "vm_sys.h"

#define PG 4096ull
/* CMakeLists.txt sets the provider's stack limit to 64 KiB. */
#define VM_TEST_STACK_LIMIT (64ull * 1024)
/* Linux's mmap_base without randomisation: 128 MiB below the user top. */
#define VM_TEST_MMAP_BASE (MMU_USER_END - (128ull << 20))
#define RW (VM_PROT_READ | VM_PROT_WRITE)

/* Makes a space, makes it the calling thread's (thread_ctx.mm) and
 * loads it, as the process layer's switch hook does. */
struct vm_space *world_space(struct ktap *t);
/* Switches the calling thread to another space. */
void world_switch(struct vm_space *space);
/* Detaches the thread from its space and drops the space. */
void world_space_done(struct vm_space *space);

/* Writes the byte value at va, then reads it back; true when both worked. */
bool world_poke(vaddr_t va, uint8_t value);
/* The byte at va, or -errno. */
int world_peek(vaddr_t va);
/* The space's maps text, NUL terminated, into a static buffer. */
const char *world_maps(struct vm_space *space);
/* Lines of the maps text. */
unsigned world_maps_lines(struct vm_space *space);

void a_first_touch_maps_one_zeroed_page(struct ktap *t);
void faults_outside_areas_or_against_protection_are_refused(struct ktap *t);
void the_stack_grows_down_to_its_limit(struct ktap *t);
void running_out_of_frames_is_reported_and_leaks_nothing(struct ktap *t);
void fork_shares_pages_until_either_side_writes(struct ktap *t);
void shared_frames_are_freed_once_whatever_the_order(struct ktap *t);
void a_forked_space_keeps_the_areas_and_the_break(struct ktap *t);
void brk_grows_and_shrinks_the_heap(struct ktap *t);
void brk_refuses_to_move_into_other_mappings(struct ktap *t);
void mmap_places_mappings_top_down_and_honours_hints(struct ktap *t);
void map_fixed_replaces_and_noreplace_refuses(struct ktap *t);
void munmap_splits_an_area(struct ktap *t);
void mprotect_splits_areas_and_refuses_holes(struct ktap *t);
void prot_none_keeps_the_contents_until_access_returns(struct ktap *t);
void mmap_refuses_bad_arguments(struct ktap *t);
void a_private_file_mapping_reads_the_file_and_keeps_writes_private(struct ktap *t);
void shared_anonymous_memory_stays_shared_after_fork(struct ktap *t);
void show_maps_prints_linux_lines(struct ktap *t);
void space_put_gives_back_every_frame_and_file(struct ktap *t);

#endif
