/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The in-kernel self-tests' shape: suites of cases, each a function that
 * returns true when it passes, run by selftest.c and printed as KTAP (the
 * format of Linux's KUnit) for the boot tests on the host to parse.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <stdbool.h>
#include <stddef.h>

#include <tessera/components/kernel_core.h>

struct selftest_case {
	const char *name;
	bool (*run)(void); /* true when it passes; prints `# ` lines on failure */
};

/* A case named after its function, as KTAP prints it. */
#define SELFTEST_CASE(fn) { #fn, fn }

struct selftest_suite {
	const char *name;
	const struct selftest_case *cases;
	size_t ncases;
};

/* Prints why a case fails, as a KTAP diagnostic line; returns false. */
bool selftest_fail(const char *what);

/* Memory and the scheduling policy, before threads start (selftest_memory.c). */
extern const struct selftest_suite selftest_memory;
/* The consoles and the kernel log (selftest_console.c). */
extern const struct selftest_suite selftest_console;
/* Threads and their synchronisation, after (selftest_thread.c). */
extern const struct selftest_suite selftest_threads;

#endif
