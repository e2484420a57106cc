/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The steps of a panic report, shared by panic() and the CPU exception
 * report in trap.c: enter (catching a panic inside a panic), then end
 * with a backtrace and the power-off.
 */
#ifndef TESSERA_X86_64_PANIC_REPORT_H
#define TESSERA_X86_64_PANIC_REPORT_H

#include <stdint.h>

/* Starts a report; a second one (a fault in the panic path) powers off
 * at once instead of recursing. */
void panic_report_enter(void);

/* Prints a backtrace, then powers off with TESSERA_EXIT_PANIC: rip (when
 * not 0) and, if rip's function has no frame yet, the return address at
 * rsp; then the frame-pointer chain from rbp. */
void panic_report_finish(uint64_t rip, uint64_t rbp, uint64_t rsp) __attribute__((noreturn));

#endif
