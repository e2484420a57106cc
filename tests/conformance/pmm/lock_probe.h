/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Simulated interrupts for the lock cases of the pmm and heap conformance
 * suites (pmm_suite.c, heap/heap_lock_test.c): is an interface's lock held
 * while its methods run? Lives here until a home shared by suites exists.
 */
#ifndef TESSERA_TESTS_LOCK_PROBE_H
#define TESSERA_TESTS_LOCK_PROBE_H

enum lock_probe_result {
	LOCK_PROBE_HELD, /* an interrupt found the lock held: the child aborted */
	LOCK_PROBE_NEVER_HELD, /* the work ran its time out and no interrupt found it held */
	LOCK_PROBE_BROKEN, /* the child failed some other way, or could not start */
};

/*
 * Runs work(arg) over and over, for up to `seconds` of CPU time, in a child
 * process that a profiling timer interrupts every 100 us of CPU time; the
 * signal handler calls interrupt(), which should call a method of the
 * interface under test, as an interrupt handler would. The kernel disables
 * interrupts while it holds an allocator's lock; the host spinlock cannot,
 * and aborts when the handler's method finds the lock held. So a child
 * ended by SIGABRT shows the work was interrupted while holding the lock.
 * The child's stderr (where the host spinlock reports) goes to /dev/null.
 */
enum lock_probe_result lock_probe_run(void (*work)(void *arg), void *arg, void (*interrupt)(void),
				      double seconds);

#endif
