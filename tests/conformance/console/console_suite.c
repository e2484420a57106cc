/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console conformance suite: what every console provider promises
 * (console_generic.c), then what the provider under test promises of its
 * own hardware (console_serial_cases.c, console_vga_cases.c), run against
 * the one provider this executable was built with (tests/host_test.cmake
 * builds one per component providing console). Prints KTAP; exit status
 * 1 if any case failed.
 */
#include <stdio.h>
#include <string.h>

#include "console_world.h"

#define CONSOLE_SUITE_MAX_CASES 64

/* The provider's own cases, by component name. */
static const struct {
	const char *component;
	const struct ktap_case *cases;
} console_provider_cases[] = {
	{ "console_serial", console_serial_cases },
	{ "console_vga", console_vga_cases },
};

static size_t console_append(struct ktap_case *all, size_t n, const struct ktap_case *cases)
{
	for (size_t i = 0; cases[i].name && n < CONSOLE_SUITE_MAX_CASES; i++)
		all[n++] = cases[i];
	return n;
}

int main(void)
{
	static struct ktap_case all[CONSOLE_SUITE_MAX_CASES + 1];
	const char *impl = console_nproviders == 1 ? console_providers[0].name : NULL;
	const struct ktap_case *own = NULL;
	size_t n;

	if (!impl) {
		fprintf(stderr, "console suite: built with %zu console providers, expected 1\n", console_nproviders);
		return 1;
	}
	for (size_t i = 0; i < sizeof(console_provider_cases) / sizeof(console_provider_cases[0]); i++)
		if (strcmp(console_provider_cases[i].component, impl) == 0)
			own = console_provider_cases[i].cases;
	if (!own) {
		fprintf(stderr, "console suite: no cases and no reader for %s: add them (console_world.c)\n", impl);
		return 1;
	}
	n = console_append(all, 0, console_generic_cases);
	console_append(all, n, own);
	return ktap_run_suite(impl, all, console_world_setup, NULL) ? 1 : 0;
}
