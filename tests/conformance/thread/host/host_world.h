/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The world the thread and sync suites run in (host_world.c): the
 * components of the test's composition initialised over the fake RAM of
 * the pmm double, scheduling started with main() as the boot thread, and
 * the tools cases share: counting memory, waiting in simulated time.
 */
#ifndef TESSERA_TESTS_HOST_WORLD_H
#define TESSERA_TESTS_HOST_WORLD_H

#include <stdbool.h>
#include <stdint.h>

#include <tessera/sched.h>
#include <tessera/thread.h>

#include "host_platform.h"

#define WORLD_MS (1000ull * 1000)
/* How long, in simulated time, a case waits for what must happen before
 * it calls it a failure (and a busy thread gives up spinning). */
#define WORLD_PATIENCE_NS (5000 * WORLD_MS)

/* Initialises every component, gives the pmm all of the fake RAM and
 * starts scheduling; exits the process if any of it fails. */
void world_start(void);

/* The bound policy's description (name, caps). */
struct sched_info world_sched(void);

/* Bytes a thread stack has. */
size_t world_stack_size(void);

/* Free page frames, after the heap returned what it keeps spare. */
uint64_t world_free_frames(void);
/* Bytes the heap has handed out and not had back. */
uint64_t world_heap_in_use(void);

/* Sleeps a tick at a time until done(arg) or WORLD_PATIENCE_NS pass;
 * returns done(arg). */
bool world_sleep_until(bool (*done)(void *arg), void *arg);

/* Sleeps until a thread has blocked (or ended); returns whether it did. */
bool world_wait_blocked(struct kthread *t);

/* A thread's state and CPU time, as thread_info() reports them. */
thread_state_t world_state(const struct kthread *t);
uint64_t world_runtime_ns(const struct kthread *t);

/* A gate threads wait at until a case opens it: a flag and a wait queue. */
struct world_gate {
	struct wait_queue wq;
	volatile bool open;
};

void world_gate_init(struct world_gate *g);
/* Waits until the gate is open; returns thread_wait_event()'s result. */
int world_gate_wait(struct world_gate *g);
/* Opens the gate and wakes every waiter. */
void world_gate_open(struct world_gate *g);

#endif
