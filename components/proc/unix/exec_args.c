/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Copying execve's argument and environment strings into one kernel
 * block (exec_args.h), counting them and enforcing the size limit.
 */
#include <stdbool.h>

#include "exec_args.h"
#include "proc.h"

#define EXEC_ARGS_COUNT_MAX 0x7fffffffu /* Linux's MAX_ARG_STRINGS */

int exec_args_init(struct exec_args *a)
{
	__builtin_memset(a, 0, sizeof(*a));
	a->cap = proc_unix_arg_max;
	return heap_alloc(a->cap, (void **)&a->buf) ? -ENOMEM : 0;
}

void exec_args_free(struct exec_args *a)
{
	heap_free(a->buf);
	a->buf = NULL;
}

static void exec_args_count(struct exec_args *a, bool env)
{
	if (env)
		a->envc++;
	else
		a->argc++;
}

int exec_args_add_n(struct exec_args *a, const char *s, size_t len, bool env)
{
	if (len + 1 > a->cap - a->len)
		return -E2BIG;
	__builtin_memcpy(a->buf + a->len, s, len);
	a->buf[a->len + len] = '\0';
	a->len += len + 1;
	exec_args_count(a, env);
	return 0;
}

int exec_args_add(struct exec_args *a, const char *s, bool env)
{
	return exec_args_add_n(a, s, proc_strlen(s), env);
}

int exec_args_add_user(struct exec_args *a, const uint64_t __user *vec, bool env)
{
	for (uint32_t i = 0; vec; i++) {
		uint64_t ptr;
		long n;

		if (i == EXEC_ARGS_COUNT_MAX)
			return -E2BIG;
		if (copy_from_user(&ptr, &vec[i], sizeof(ptr)))
			return -EFAULT;
		if (!ptr)
			break;
		n = strncpy_from_user(a->buf + a->len, (const char __user *)ptr, a->cap - a->len);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
		a->len += (size_t)n + 1;
		exec_args_count(a, env);
	}
	return 0;
}
