/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The case tables of the proc_unix_pure host test, one per area, run in
 * turn by proc_pure_suite.c.
 */
#ifndef TESSERA_TESTS_PROC_CASES_H
#define TESSERA_TESTS_PROC_CASES_H

#include "ktap.h"

extern const struct ktap_case strace_cases[];
extern const struct ktap_case elf_cases[];
extern const struct ktap_case exec_stack_cases[];
extern const struct ktap_case misc_cases[];

#endif
