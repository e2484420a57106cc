/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The suites of the platform test kernel that live outside test_kmain.c,
 * which runs them for the test= its command line names.
 */
#ifndef TESSERA_X86_64_TEST_KMAIN_H
#define TESSERA_X86_64_TEST_KMAIN_H

#include <stdbool.h>

/* test_clock.c: interrupts, the clock and the tick (test=clock). */
int test_clock_suite(bool irqs_enabled_at_kmain);

#endif
