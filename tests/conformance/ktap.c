/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The KTAP runner (see ktap.h). Output format: KTAP version 1, one suite,
 * `ok N name` / `not ok N name` per case, `# ` lines for diagnostics.
 */
#include "ktap.h"

#include <stdio.h>

static void ktap_print_stdout(const char *fmt, va_list ap)
{
	vprintf(fmt, ap);
}

void (*ktap_print)(const char *fmt, va_list ap) = ktap_print_stdout;

void ktap_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_print(fmt, ap);
	va_end(ap);
}

bool ktap_expect(struct ktap *t, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return true;
	t->failures++;
	ktap_printf("    # %s: expectation failed: ", t->case_name);
	va_start(ap, fmt);
	ktap_print(fmt, ap);
	va_end(ap);
	ktap_printf("\n");
	return false;
}

int ktap_run_suite(const char *suite, const struct ktap_case *cases, void *(*setup)(void),
		   void (*teardown)(void *fixture))
{
	int n = 0, failed = 0;

	while (cases[n].name)
		n++;
	ktap_printf("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite, n);
	for (int i = 0; i < n; i++) {
		struct ktap t = { cases[i].name, 0, setup ? setup() : NULL };

		cases[i].run(&t);
		if (teardown)
			teardown(t.fixture);
		ktap_printf("    %s %d %s\n", t.failures ? "not ok" : "ok", i + 1, cases[i].name);
		failed += t.failures != 0;
	}
	ktap_printf("%s 1 %s\n", failed ? "not ok" : "ok", suite);
	return failed;
}
