/* SPDX-License-Identifier: Apache-2.0 */
/*
 * execve's arguments and environment copied into the kernel before the
 * old program goes away: argc argv strings then envc envp strings, each
 * NUL terminated, back to back, at most proc_unix.arg_max bytes.
 * Used by proc_exec.c (from user memory) and proc_init.c (from the
 * command line).
 */
#ifndef PROC_UNIX_EXEC_ARGS_H
#define PROC_UNIX_EXEC_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include <tessera/uaccess.h>

struct exec_args {
	char *buf;
	size_t len;
	size_t cap;
	uint32_t argc;
	uint32_t envc;
};

/* 0 or -ENOMEM. */
int exec_args_init(struct exec_args *a);
void exec_args_free(struct exec_args *a);
/* Appends one kernel string as an argument (@env false) or environment
 * entry: 0 or -E2BIG. Arguments come before environment entries. */
int exec_args_add(struct exec_args *a, const char *s, bool env);
/* The same for @len bytes of @s (not NUL terminated). */
int exec_args_add_n(struct exec_args *a, const char *s, size_t len, bool env);
/* Appends the strings of a user NULL-terminated vector (NULL: none):
 * 0, -E2BIG or -EFAULT. */
int exec_args_add_user(struct exec_args *a, const uint64_t __user *vec, bool env);

#endif
