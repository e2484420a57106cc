/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The strace-style line of one system call, built from the generated
 * decoder table (<tessera/syscall_desc.h>): `openat(AT_FDCWD, "/etc/x",
 * O_RDONLY) = 3`, `= -1 ENOENT (No such file or directory)`. Pure code:
 * user memory is read through the callbacks given, so the host tests run
 * it against golden strings. Called by the syscall path (proc_trace.c).
 */
#ifndef PROC_UNIX_STRACE_FORMAT_H
#define PROC_UNIX_STRACE_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/syscall_desc.h>

/* Strings and buffers show at most this many bytes, then "..." (strace -s 32). */
#define STRACE_STRING_MAX 32

/* How the formatter reads user memory: 0 or a negative errno. */
struct strace_mem {
	int (*read)(void *ctx, void *dst, uint64_t uaddr, size_t len);
	void *ctx;
};

/* Text being built; never overflows, always NUL terminated. */
struct strace_buf {
	char *text;
	size_t cap;
	size_t len;
};

/**
 * strace_format_args() - Append `name(arg, arg, ...)` for one call.
 * @out: where the text goes.
 * @desc: the call's entry in syscall_descs.
 * @args: its six argument registers.
 * @mem: reads strings and buffers from user memory.
 * @ret: the result when @returned; out-buffers are shown only then.
 * @returned: whether the call has returned.
 */
void strace_format_args(struct strace_buf *out, const struct syscall_desc *desc, const unsigned long args[6],
			const struct strace_mem *mem, long ret, bool returned);

/**
 * strace_format_ret() - Append ` = N`, ` = 0x...`, ` = ?` or ` = -1 ENAME (message)`.
 * @out: where the text goes.
 * @kind: the call's return kind.
 * @ret: the value it returned.
 * @errnos: the errno table (syscall_errnos), sorted, ending with a NULL name.
 */
void strace_format_ret(struct strace_buf *out, enum syscall_ret_kind kind, long ret,
		       const struct syscall_errno_desc *errnos);

#endif
