/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Printing system calls strace-style (CONFIG_SYSCALL_TRACE): a call is
 * formatted after it returns, so out-buffers show what it wrote; execve
 * and the calls that never return are formatted before, while their
 * arguments still exist. Called by the syscall path (proc_syscall.c).
 */
#include <tessera/kprintf.h>
#include <tessera/syscall_table.h>
#include <tessera/uaccess.h>

#include "proc.h"
#include "proc_trace.h"
#include "strace_format.h"

static int proc_trace_read(void *ctx, void *dst, uint64_t uaddr, size_t len)
{
	(void)ctx;
	return copy_from_user(dst, (const void __user *)uaddr, len);
}

static const struct strace_mem proc_trace_mem = { .read = proc_trace_read };

static bool proc_trace_formats_early(unsigned long nr)
{
	return syscall_descs[nr].ret == SYSRET_NORETURN || nr == __NR_execve;
}

/* Writes the line's start, "[pid N] name(args", for an early call. */
void proc_trace_begin(struct proc_trace_line *line, unsigned long nr, const struct syscall_args *args)
{
	struct strace_buf b = { .text = line->text, .cap = sizeof(line->text) };

	line->started = false;
	line->text[0] = '\0';
	if (nr >= SYSCALL_NR_MAX || !syscall_descs[nr].name || !proc_trace_formats_early(nr))
		return;
	strace_format_args(&b, &syscall_descs[nr], args->a, &proc_trace_mem, 0, false);
	line->started = true;
	if (syscall_descs[nr].ret == SYSRET_NORETURN) /* nothing comes after */
		kprintf("[pid %d] %s = ?\n", proc_current_pid(), line->text);
}

void proc_trace_end(struct proc_trace_line *line, unsigned long nr, const struct syscall_args *args, long ret)
{
	struct strace_buf b = { .text = line->text, .cap = sizeof(line->text) };

	if (nr >= SYSCALL_NR_MAX || !syscall_descs[nr].name) {
		kprintf("[pid %d] syscall_%lu(%#lx, %#lx, %#lx) = %ld\n", proc_current_pid(), nr, args->a[0],
			args->a[1], args->a[2], ret);
		return;
	}
	if (line->started)
		b.len = proc_strlen(line->text);
	else
		strace_format_args(&b, &syscall_descs[nr], args->a, &proc_trace_mem, ret, true);
	strace_format_ret(&b, syscall_descs[nr].ret, ret, syscall_errnos);
	kprintf("[pid %d] %s\n", proc_current_pid(), line->text);
}
