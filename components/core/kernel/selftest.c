/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The self-test runner: one KTAP document for the whole boot, a subtest
 * per suite, so the boot tests on the host parse one result. kmain()
 * opens it, runs each suite when the kernel is ready for it, and closes it.
 */
#include <tessera/kprintf.h>

#include "core.h"
#include "selftest.h"

static size_t selftest_suites_run;

bool selftest_fail(const char *what)
{
	kprintf("    # %s\n", what);
	return false;
}

void core_selftest_begin(size_t nsuites)
{
	kprintf("KTAP version 1\n1..%zu\n", nsuites);
	selftest_suites_run = 0;
}

int core_selftest_run(const struct selftest_suite *suite)
{
	int failed = 0;

	kprintf("    KTAP version 1\n    # Subtest: %s\n    1..%zu\n", suite->name, suite->ncases);
	for (size_t i = 0; i < suite->ncases; i++) {
		bool ok = suite->cases[i].run();

		kprintf("    %s %zu %s\n", ok ? "ok" : "not ok", i + 1, suite->cases[i].name);
		failed += !ok;
	}
	kprintf("%s %zu %s\n", failed ? "not ok" : "ok", ++selftest_suites_run, suite->name);
	return failed;
}
