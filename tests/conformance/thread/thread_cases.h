/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cases of the thread conformance suite, by file; thread_suite.c runs
 * them in this order, in one process whose main() is the boot thread.
 * Each case joins (or lets end) every thread it creates.
 */
#ifndef TESSERA_TESTS_THREAD_CASES_H
#define TESSERA_TESTS_THREAD_CASES_H

#include "ktap.h"

/* thread_life_cases.c */
void threads_run_and_join_with_their_exit_codes(struct ktap *t);
void create_refuses_bad_arguments_and_allocates_nothing(struct ktap *t);
void join_refuses_the_boot_thread_and_the_caller_itself(struct ktap *t);
void a_second_joiner_is_refused(struct ktap *t);
void joined_threads_give_back_their_memory(struct ktap *t);
void detached_threads_give_back_their_memory_when_they_end(struct ktap *t);
void info_describes_a_thread_through_its_life(struct ktap *t);

/* thread_sched_cases.c */
void the_timer_preempts_threads_that_never_yield(struct ktap *t);
void sleep_wakes_on_the_first_tick_after_its_deadline(struct ktap *t);
void yield_takes_turns_among_equals(struct ktap *t);
void the_most_urgent_thread_runs_first(struct ktap *t);
void an_urgent_thread_made_runnable_preempts_at_once(struct ktap *t);
void less_urgent_threads_wait_or_share_as_promised(struct ktap *t);

/* thread_waitq_cases.c */
void wait_event_returns_at_once_when_the_condition_holds(struct ktap *t);
void a_wake_up_with_the_condition_false_does_not_return(struct ktap *t);
void wait_event_times_out_in_simulated_time(struct ktap *t);
void wake_one_wakes_the_longest_waiter_first(struct ktap *t);
void wake_all_wakes_every_waiter_and_counts_them(struct ktap *t);
void an_interrupt_handler_wakes_a_waiter(struct ktap *t);

/* thread_ctx_cases.c */
void each_thread_has_its_own_context_pointers(struct ktap *t);
void stack_top_bounds_the_thread_stack(struct ktap *t);
void the_switch_hook_sees_every_switch(struct ktap *t);
void idle_time_grows_only_while_nothing_runs(struct ktap *t);

/* thread_stack_cases.c */
void the_stack_canary_catches_an_overflow(struct ktap *t);

#endif
