/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform's side of <tessera/clock.h>'s tick: timer_init() (from
 * start.c) starts the periodic timer, ticks waiting until the kernel
 * enables interrupts.
 */
#ifndef TESSERA_X86_64_TIMER_H
#define TESSERA_X86_64_TIMER_H

void timer_init(const char *cmdline);

/* The tick's source, for the log and tests: "local APIC" or "PIT". */
const char *timer_source(void);

#endif
