/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A tiny KTAP v1 test runner shared by conformance suites, on the host and
 * (later) in the kernel: output goes through a print hook, nothing else is
 * needed from the environment. A case records failures and keeps going.
 *
 *   static void pmm_alloc_is_aligned(struct ktap *t) {
 *           ktap_expect(t, frame % 4096 == 0, "frame %#lx is page aligned", frame);
 *   }
 *   static const struct ktap_case cases[] = { KTAP_CASE(pmm_alloc_is_aligned), {0} };
 *   return ktap_run_suite("pmm_buddy", cases, setup, teardown) ? 1 : 0;
 */
#ifndef TESSERA_TESTS_KTAP_H
#define TESSERA_TESTS_KTAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct ktap {
	const char *case_name;
	int failures; /* of the current case */
	void *fixture; /* what setup() returned */
};

struct ktap_case {
	const char *name;
	void (*run)(struct ktap *t);
};

#define KTAP_CASE(fn) { #fn, fn }

/* Where output goes: printf-like. The host default writes to stdout. */
extern void (*ktap_print)(const char *fmt, va_list ap);

void ktap_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records a failed expectation (with a `# ` diagnostic line) unless ok. */
bool ktap_expect(struct ktap *t, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Runs every case of a suite (NULL-terminated), each between setup and
 * teardown (either may be NULL), printing KTAP. Returns the number of
 * failed cases. */
int ktap_run_suite(const char *suite, const struct ktap_case *cases, void *(*setup)(void),
		   void (*teardown)(void *fixture));

#endif
