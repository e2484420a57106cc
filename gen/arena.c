/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The bump allocator behind every spec node (see arena.h). Blocks grow
 * geometrically so a 100k-interface spec needs few system allocations.
 */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_block {
	struct arena_block *prev;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_HUGE = 2 << 20 };

struct arena {
	struct arena_block *top;
};

/* Blocks come zeroed from the system, so arena_alloc never clears memory;
 * large ones ask for transparent huge pages, because on a big spec the cost
 * is first-touch page faults, not instructions. */
static struct arena_block *arena_block_new(size_t size, struct arena_block *prev)
{
	struct arena_block *b;
	size_t total = sizeof(*b) + size;

	if (total >= ARENA_HUGE) {
		b = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (b == MAP_FAILED)
			b = NULL;
		else
			madvise(b, total, MADV_HUGEPAGE);
	} else {
		b = calloc(1, total);
	}
	if (!b) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	b->prev = prev;
	b->used = 0;
	b->size = size;
	return b;
}

struct arena *arena_new(void)
{
	struct arena *a = calloc(1, sizeof(*a));

	if (!a) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	a->top = arena_block_new(64 * 1024, NULL);
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	while (a->top) {
		struct arena_block *prev = a->top->prev;
		size_t total = sizeof(*a->top) + a->top->size;

		if (total >= ARENA_HUGE)
			munmap(a->top, total);
		else
			free(a->top);
		a->top = prev;
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	if (a->top->used + size > a->top->size) {
		size_t next = a->top->size * 2;

		if (next < size)
			next = size;
		a->top = arena_block_new(next, a->top);
	}
	void *p = a->top->data + a->top->used;
	a->top->used += size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];

	/* Unreachable, but UBSan's null checks make GCC 12 warn without it. */
	if (!fmt)
		return arena_strdup(a, "");
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
