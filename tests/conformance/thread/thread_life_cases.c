/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Thread life cases of the thread conformance suite: create, exit, join
 * and their errors, the memory a thread holds and gives back, and what
 * info() says about a thread from creation to its end.
 */
#include <string.h>

#include "host_world.h"
#include "thread_cases.h"

static int32_t return_arg(void *arg)
{
	return (int32_t)(intptr_t)arg;
}

static volatile bool ran_past_exit;

static int32_t exit_early(void *arg)
{
	thread_exit((int32_t)(intptr_t)arg);
	ran_past_exit = true;
	return -1;
}

void threads_run_and_join_with_their_exit_codes(struct ktap *t)
{
	enum { N = 5 };
	struct kthread *th[N + 1];
	uint64_t switches = thread_switches();
	int32_t code;

	for (int i = 0; i < N; i++)
		ktap_expect(t, thread_create(return_arg, (void *)(intptr_t)(100 + i), "joinee",
					     SCHED_PRIO_DEFAULT, &th[i]) == 0, "create %d", i);
	ktap_expect(t, thread_create(exit_early, (void *)7, "exiter", SCHED_PRIO_DEFAULT, &th[N]) == 0,
		    "create the exiter");
	for (int i = 0; i < N; i++) {
		code = -1;
		ktap_expect(t, thread_join(th[i], &code) == 0, "join %d", i);
		ktap_expect(t, code == 100 + i, "thread %d ended with %d, not %d", i, code, 100 + i);
	}
	ktap_expect(t, thread_join(th[N], &code) == 0 && code == 7, "thread_exit(7) gave %d", code);
	ktap_expect(t, !ran_past_exit, "a thread ran on after thread_exit()");
	/* Into each thread at least once, and back to this one. */
	ktap_expect(t, thread_switches() - switches >= N + 2,
		    "%llu switches counted for %d threads run and joined",
		    (unsigned long long)(thread_switches() - switches), N + 1);
}

void create_refuses_bad_arguments_and_allocates_nothing(struct ktap *t)
{
	uint64_t frames = world_free_frames(), heap = world_heap_in_use();
	struct kthread *th = NULL;

	ktap_expect(t, thread_create(NULL, NULL, "bad", SCHED_PRIO_DEFAULT, &th) == -EINVAL,
		    "a NULL entry accepted");
	ktap_expect(t, thread_create(return_arg, NULL, "bad", SCHED_PRIO_LOWEST + 1, &th) == -EINVAL,
		    "priority %u accepted", SCHED_PRIO_LOWEST + 1);
	ktap_expect(t, th == NULL, "a refused create set its out parameter");
	ktap_expect(t, world_free_frames() == frames && world_heap_in_use() == heap,
		    "a refused create kept memory");
}

static int32_t join_self(void *arg)
{
	(void)arg;
	return thread_join(thread_current(), NULL);
}

void join_refuses_the_boot_thread_and_the_caller_itself(struct ktap *t)
{
	struct kthread *th;
	int32_t code = 0;

	ktap_expect(t, thread_join(thread_current(), NULL) == -EINVAL, "joining the boot thread accepted");
	if (!ktap_expect(t, thread_create(join_self, NULL, "self-join", SCHED_PRIO_DEFAULT, &th) == 0,
			 "create"))
		return;
	ktap_expect(t, thread_join(th, &code) == 0, "join");
	ktap_expect(t, code == -EDEADLK, "a thread joining itself got %d, not -EDEADLK", code);
}

struct join_race {
	struct world_gate gate;
	struct kthread *target;
};

static int32_t wait_at_gate_then_42(void *arg)
{
	struct join_race *race = arg;

	return world_gate_wait(&race->gate) == 0 ? 42 : -1;
}

static int32_t join_the_target(void *arg)
{
	struct join_race *race = arg;
	int32_t code = -1;

	return thread_join(race->target, &code) == 0 ? code : -1000;
}

void a_second_joiner_is_refused(struct ktap *t)
{
	struct join_race race;
	struct kthread *joiner;
	int32_t code = -1;

	world_gate_init(&race.gate);
	if (!ktap_expect(t, thread_create(wait_at_gate_then_42, &race, "target", SCHED_PRIO_DEFAULT,
					  &race.target) == 0, "create the target") ||
	    !ktap_expect(t, thread_create(join_the_target, &race, "joiner", SCHED_PRIO_DEFAULT,
					  &joiner) == 0, "create the joiner"))
		return;
	ktap_expect(t, world_wait_blocked(joiner), "the first joiner never blocked in join");
	ktap_expect(t, thread_join(race.target, NULL) == -EINVAL, "a second joiner was accepted");
	world_gate_open(&race.gate);
	ktap_expect(t, thread_join(joiner, &code) == 0, "join the joiner");
	ktap_expect(t, code == 42, "the first joiner's join gave %d, not 42", code);
}

void joined_threads_give_back_their_memory(struct ktap *t)
{
	enum { N = 8 };
	uint64_t frames = world_free_frames(), heap = world_heap_in_use();
	struct kthread *th[N];
	int created = 0;

	for (; created < N; created++)
		if (thread_create(return_arg, NULL, "joinee", SCHED_PRIO_DEFAULT, &th[created]) != 0)
			break;
	ktap_expect(t, created == N, "created %d of %d threads", created, N);
	ktap_expect(t, world_free_frames() < frames, "%d threads hold no frames", created);
	for (int i = 0; i < created; i++)
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join %d", i);
	ktap_expect(t, world_free_frames() == frames, "%llu frames not given back",
		    (unsigned long long)(frames - world_free_frames()));
	ktap_expect(t, world_heap_in_use() == heap, "%llu heap bytes not given back",
		    (unsigned long long)(world_heap_in_use() - heap));
}

struct detached_crowd {
	struct world_gate gate;
	volatile uint32_t ended;
	uint64_t frames; /* before the crowd was created */
};

static int32_t wait_at_gate_then_count(void *arg)
{
	struct detached_crowd *crowd = arg;
	int err = world_gate_wait(&crowd->gate);

	__atomic_add_fetch(&crowd->ended, 1, __ATOMIC_RELAXED);
	return err;
}

static bool crowd_is_gone(void *arg)
{
	struct detached_crowd *crowd = arg;

	return crowd->ended == 10 && world_free_frames() == crowd->frames;
}

void detached_threads_give_back_their_memory_when_they_end(struct ktap *t)
{
	enum { N = 10 };
	struct detached_crowd crowd = { .ended = 0 };
	uint64_t heap = world_heap_in_use(), stack_frames = world_stack_size() / 4096;

	crowd.frames = world_free_frames();
	world_gate_init(&crowd.gate);
	for (int i = 0; i < N; i++)
		ktap_expect(t, thread_create(wait_at_gate_then_count, &crowd, "detached",
					     SCHED_PRIO_DEFAULT, NULL) == 0, "create %d", i);
	thread_sleep_ns(HOST_TICK_NS); /* they all run and wait at the gate */
	ktap_expect(t, world_free_frames() <= crowd.frames - N * stack_frames,
		    "%d live threads hold %llu frames, less than their stacks", N,
		    (unsigned long long)(crowd.frames - world_free_frames()));
	world_gate_open(&crowd.gate);
	ktap_expect(t, world_sleep_until(crowd_is_gone, &crowd),
		    "%u of %d threads ended, %llu frames still held", crowd.ended, N,
		    (unsigned long long)(crowd.frames - world_free_frames()));
	ktap_expect(t, world_heap_in_use() == heap, "%llu heap bytes not given back",
		    (unsigned long long)(world_heap_in_use() - heap));
}

static void expect_info(struct ktap *t, const struct kthread *th, thread_state_t state,
			uint32_t prio, const char *when)
{
	struct thread_info info;

	thread_info(th, &info);
	ktap_expect(t, info.state == state, "%s: state %u, not %u", when, info.state, state);
	ktap_expect(t, info.priority == prio, "%s: priority %u, not %u", when, info.priority, prio);
	ktap_expect(t, strcmp((const char *)info.name, "a-long-thread-n") == 0,
		    "%s: name \"%s\", not truncated to THREAD_NAME_MAX - 1", when, info.name);
}

void info_describes_a_thread_through_its_life(struct ktap *t)
{
	struct join_race race;
	struct thread_info info, later;
	struct kthread *th, *next;

	world_gate_init(&race.gate);
	if (!ktap_expect(t, thread_create(wait_at_gate_then_42, &race, "a-long-thread-name", 30,
					  &th) == 0, "create"))
		return;
	thread_info(th, &info);
	if (info.switches == 0)
		expect_info(t, th, THREAD_READY, 30, "before it ran");
	ktap_expect(t, thread_create(return_arg, NULL, "next", SCHED_PRIO_DEFAULT, &next) == 0, "create");
	thread_info(next, &later);
	ktap_expect(t, info.tid >= 2 && later.tid > info.tid, "tids %u then %u", info.tid, later.tid);
	ktap_expect(t, world_wait_blocked(th), "never blocked at the gate");
	expect_info(t, th, THREAD_BLOCKED, 30, "at the gate");
	thread_info(th, &info);
	ktap_expect(t, info.switches >= 1, "ran with no switch to it counted");
	ktap_expect(t, info.stack_unused > 0 && info.stack_unused < world_stack_size(),
		    "stack_unused %zu of a %zu-byte stack", (size_t)info.stack_unused, world_stack_size());
	ktap_expect(t, thread_set_prio(th, 10) == 0, "set_prio(10)");
	expect_info(t, th, THREAD_BLOCKED, 10, "after set_prio(10)");
	ktap_expect(t, thread_set_prio(th, SCHED_PRIO_LOWEST + 1) == -EINVAL, "priority 40 accepted");
	world_gate_open(&race.gate);
	thread_sleep_ns(HOST_TICK_NS);
	expect_info(t, th, THREAD_EXITED, 10, "after it returned");
	ktap_expect(t, thread_join(th, NULL) == 0 && thread_join(next, NULL) == 0, "join");
	thread_info(NULL, &info);
	ktap_expect(t, info.tid == 1 && info.state == THREAD_RUNNING,
		    "the caller (the boot thread): tid %u, state %u", info.tid, info.state);
}
