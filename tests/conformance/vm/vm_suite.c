/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm conformance suite's main(): starts the simulated machine (main()
 * becomes the boot thread) and runs every case of vm_world.h as one KTAP
 * suite.
 */
#include "vm_world.h"

static const struct ktap_case vm_cases[] = {
	KTAP_CASE(a_first_touch_maps_one_zeroed_page),
	KTAP_CASE(faults_outside_areas_or_against_protection_are_refused),
	KTAP_CASE(the_stack_grows_down_to_its_limit),
	KTAP_CASE(running_out_of_frames_is_reported_and_leaks_nothing),
	KTAP_CASE(fork_shares_pages_until_either_side_writes),
	KTAP_CASE(shared_frames_are_freed_once_whatever_the_order),
	KTAP_CASE(a_forked_space_keeps_the_areas_and_the_break),
	KTAP_CASE(brk_grows_and_shrinks_the_heap),
	KTAP_CASE(brk_refuses_to_move_into_other_mappings),
	KTAP_CASE(mmap_places_mappings_top_down_and_honours_hints),
	KTAP_CASE(map_fixed_replaces_and_noreplace_refuses),
	KTAP_CASE(munmap_splits_an_area),
	KTAP_CASE(mprotect_splits_areas_and_refuses_holes),
	KTAP_CASE(prot_none_keeps_the_contents_until_access_returns),
	KTAP_CASE(mmap_refuses_bad_arguments),
	KTAP_CASE(a_private_file_mapping_reads_the_file_and_keeps_writes_private),
	KTAP_CASE(shared_anonymous_memory_stays_shared_after_fork),
	KTAP_CASE(show_maps_prints_linux_lines),
	KTAP_CASE(space_put_gives_back_every_frame_and_file),
	{ 0 },
};

int main(void)
{
	world_start();
	return ktap_run_suite("vm", vm_cases, NULL, NULL) ? 1 : 0;
}
