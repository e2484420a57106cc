/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The thread conformance suite's main(): starts the world (main() becomes
 * the boot thread) and runs every case of thread_cases.h as one KTAP
 * suite named after the scheduling policy it runs under.
 */
#include <stdio.h>

#include "host_world.h"
#include "thread_cases.h"

static const struct ktap_case thread_cases[] = {
	KTAP_CASE(threads_run_and_join_with_their_exit_codes),
	KTAP_CASE(create_refuses_bad_arguments_and_allocates_nothing),
	KTAP_CASE(join_refuses_the_boot_thread_and_the_caller_itself),
	KTAP_CASE(a_second_joiner_is_refused),
	KTAP_CASE(joined_threads_give_back_their_memory),
	KTAP_CASE(detached_threads_give_back_their_memory_when_they_end),
	KTAP_CASE(info_describes_a_thread_through_its_life),
	KTAP_CASE(the_timer_preempts_threads_that_never_yield),
	KTAP_CASE(sleep_wakes_on_the_first_tick_after_its_deadline),
	KTAP_CASE(yield_takes_turns_among_equals),
	KTAP_CASE(the_most_urgent_thread_runs_first),
	KTAP_CASE(an_urgent_thread_made_runnable_preempts_at_once),
	KTAP_CASE(less_urgent_threads_wait_or_share_as_promised),
	KTAP_CASE(wait_event_returns_at_once_when_the_condition_holds),
	KTAP_CASE(a_wake_up_with_the_condition_false_does_not_return),
	KTAP_CASE(wait_event_times_out_in_simulated_time),
	KTAP_CASE(wake_one_wakes_the_longest_waiter_first),
	KTAP_CASE(wake_all_wakes_every_waiter_and_counts_them),
	KTAP_CASE(an_interrupt_handler_wakes_a_waiter),
	KTAP_CASE(each_thread_has_its_own_context_pointers),
	KTAP_CASE(stack_top_bounds_the_thread_stack),
	KTAP_CASE(the_switch_hook_sees_every_switch),
	KTAP_CASE(idle_time_grows_only_while_nothing_runs),
	KTAP_CASE(the_stack_canary_catches_an_overflow),
	{ 0 },
};

int main(void)
{
	char suite[64];

	world_start();
	snprintf(suite, sizeof(suite), "thread_under_%s", world_sched().name);
	return ktap_run_suite(suite, thread_cases, NULL, NULL) ? 1 : 0;
}
