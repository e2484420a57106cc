/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The sched conformance suite's entry point: asks the bound policy what it
 * promises (describe), then runs the generic cases and the case list of
 * every promise it declares, as one KTAP suite named after the policy.
 */
#include "sched_cases.h"
#include "sched_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHED_MAX_CASES 64

static struct sim sched_sim_state;

static void *sched_setup(void)
{
	memset(&sched_sim_state, 0, sizeof(sched_sim_state));
	return &sched_sim_state;
}

static size_t sched_add_cases(struct ktap_case *all, size_t n, const struct ktap_case *list)
{
	for (; list->name && n < SCHED_MAX_CASES; list++)
		all[n++] = *list;
	return n;
}

int main(void)
{
	static struct ktap_case all[SCHED_MAX_CASES + 1];
	static const struct {
		uint32_t cap;
		const struct ktap_case *cases;
	} by_cap[] = {
		{ SCHED_CAP_FIFO, sched_fifo_cases },
		{ SCHED_CAP_STRICT_PRIO, sched_strict_prio_cases },
		{ SCHED_CAP_WEIGHTED, sched_weighted_cases },
		{ SCHED_CAP_NO_STARVATION, sched_no_starvation_cases },
		{ SCHED_CAP_WAKEUP_PREEMPT, sched_wakeup_preempt_cases },
	};
	struct sched_info info;
	size_t n;
	char suite[64];

	for (size_t i = 0; i < tessera_ninit; i++) {
		if (tessera_init_table[i].fn() != 0) {
			ktap_printf("Bail out! %s init failed\n", tessera_init_table[i].component);
			return EXIT_FAILURE;
		}
	}
	sched_describe(&info);
	n = sched_add_cases(all, 0, sched_generic_cases);
	for (size_t i = 0; i < sizeof(by_cap) / sizeof(by_cap[0]); i++)
		if (info.caps & by_cap[i].cap)
			n = sched_add_cases(all, n, by_cap[i].cases);
	all[n] = (struct ktap_case){ 0 };
	snprintf(suite, sizeof(suite), "sched_conformance_%s", info.name);
	return ktap_run_suite(suite, all, sched_setup, NULL) ? EXIT_FAILURE : EXIT_SUCCESS;
}
