/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The syscall path: the platform's SYSCALL entry calls proc_syscall(),
 * which dispatches through the generated table (syscall_table.c), traces
 * the call when asked, and ends the thread on its way out when its
 * process is being killed.
 */
#include <tessera/syscall_table.h>

#include "proc.h"
#include "wait_status.h"
#include "proc_trace.h"

static bool proc_tracing(void)
{
	return PROC_TRACE_BUILT && proc_unix_trace;
}

/*
 * A write to a pipe nobody reads fails with -EPIPE and raises SIGPIPE,
 * whose default action ends the process. Until signals exist (handlers,
 * masks: issue #5) the default action is the only one a process can have,
 * so the syscall path applies it here for the calls that write.
 */
static bool proc_raises_sigpipe(unsigned long nr, long ret)
{
	return ret == -EPIPE && (nr == __NR_write || nr == __NR_writev || nr == __NR_pwrite64);
}

/* A thread whose process is being killed ends here instead of returning. */
static void proc_syscall_leave(void)
{
	struct proc_thread *t = proc_current_thread();

	if (t && proc_should_die(t))
		proc_thread_exit(t, 0);
}

static long proc_syscall(struct user_regs *regs)
{
	struct syscall_args args = { { regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9 } };
	unsigned long nr = regs->orig_rax;
	struct proc_trace_line line;
	long ret;

	if (proc_tracing())
		proc_trace_begin(&line, nr, &args);
	ret = syscall_dispatch(nr, &args);
	if (proc_tracing())
		proc_trace_end(&line, nr, &args, ret);
	if (proc_raises_sigpipe(nr, ret) && proc_current_thread() &&
	    !proc_ignores(proc_current_thread()->proc, PROC_SIGPIPE))
		proc_group_exit(proc_current_thread(), wait_status_signaled(PROC_SIGPIPE));
	proc_syscall_leave();
	return ret;
}

void proc_syscall_install(void)
{
	platform_set_syscall_handler(proc_syscall);
}
