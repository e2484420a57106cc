/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A bump allocator: the whole spec (every node, name and string) lives in one
 * arena and is freed at once, which keeps parser error recovery leak-free.
 */
#ifndef IDLC_ARENA_H
#define IDLC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Zeroed memory; aborts on exhaustion (idlc is a tool, not the kernel). */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
