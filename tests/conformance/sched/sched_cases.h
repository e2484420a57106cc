/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The case lists of the sched conformance suite: the generic cases every
 * policy runs (sched_cases.c) and one list per promise a policy may declare
 * in sched_info.caps (sched_policy_cases.c). sched_main.c picks the lists.
 */
#ifndef TESSERA_TESTS_SCHED_CASES_H
#define TESSERA_TESTS_SCHED_CASES_H

#include "ktap.h"

/* Each list ends with an empty entry. */
extern const struct ktap_case sched_generic_cases[];
extern const struct ktap_case sched_fifo_cases[];
extern const struct ktap_case sched_strict_prio_cases[];
extern const struct ktap_case sched_weighted_cases[];
extern const struct ktap_case sched_no_starvation_cases[];
extern const struct ktap_case sched_wakeup_preempt_cases[];

#endif /* TESSERA_TESTS_SCHED_CASES_H */
