/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Whether this kernel traces system calls: CONFIG_SYSCALL_TRACE (the root
 * Kconfig) builds the tracer in; the tunable proc_unix.trace switches it
 * at boot. A header constant, so the .c files need no #ifdef and the
 * compiler drops the tracer when it is not built in.
 */
#ifndef PROC_UNIX_PROC_TRACE_H
#define PROC_UNIX_PROC_TRACE_H

#include <stdbool.h>

#include <generated/autoconf.h>

#ifdef CONFIG_SYSCALL_TRACE
#define PROC_TRACE_BUILT true
#else
#define PROC_TRACE_BUILT false
#endif

struct syscall_args;

/* Formats the line of a call that has not returned (execve, exit) into
 * @line; proc_trace_end() finishes and prints it. */
struct proc_trace_line {
	char text[320];
	bool started;
};
void proc_trace_begin(struct proc_trace_line *line, unsigned long nr, const struct syscall_args *args);
void proc_trace_end(struct proc_trace_line *line, unsigned long nr, const struct syscall_args *args, long ret);

#endif
