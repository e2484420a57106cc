/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Thread memory: the struct from the heap, the stack from the page-frame
 * allocator, and the stack's canary. A new stack is filled with a pattern
 * so that the bytes never written measure how much of it a thread needs
 * (thread_info.stack_unused), and a thread that ran past its bottom is
 * caught when it is switched out, before the damage spreads further.
 */
#include <tessera/panic.h>

#include "kthread.h"

#define KTHREAD_STACK_FILL 0x5a
/* Bytes at the bottom that must still hold the fill pattern. */
#define KTHREAD_CANARY_BYTES 64

static uint32_t kthread_stack_order(void)
{
	uint32_t pages = thread_kthread_stack_kib / (PAGE_SIZE / 1024);
	uint32_t order = 0;

	while ((1u << order) < pages)
		order++;
	return order;
}

static int kthread_alloc_stack(struct kthread *t)
{
	uint32_t order = kthread_stack_order();
	paddr_t frame;
	int err = pmm_alloc(order, &frame);

	if (err)
		return err;
	t->stack = (uint8_t *)memmap_phys_to_virt(frame);
	t->stack_size = (size_t)PAGE_SIZE << order;
	__builtin_memset(t->stack, KTHREAD_STACK_FILL, t->stack_size);
	return 0;
}

void kthread_free_stack(struct kthread *t)
{
	size_t pages = t->stack_size / PAGE_SIZE;
	uint32_t order = 0;
	int err;

	if (!t->stack)
		return;
	while (((size_t)1 << order) < pages)
		order++;
	err = pmm_free(memmap_virt_to_phys((vaddr_t)t->stack), order);
	if (err)
		panic("thread: pmm_free of %s's stack failed: %d", t->name, err);
	t->stack = NULL;
	t->stack_size = 0;
}

static void kthread_set_name(struct kthread *t, const char *name)
{
	size_t i = 0;

	for (; name && name[i] && i < THREAD_NAME_MAX - 1; i++)
		t->name[i] = name[i];
	t->name[i] = '\0';
}

int kthread_alloc(const char *name, struct kthread **out)
{
	struct kthread *t;
	int err = heap_alloc(sizeof(*t), (void **)&t);

	if (err)
		return err;
	__builtin_memset(t, 0, sizeof(*t));
	err = kthread_alloc_stack(t);
	if (err) {
		heap_free(t);
		return err;
	}
	t->magic = KTHREAD_MAGIC;
	t->se.owner = t;
	t->deadline_ns = KTHREAD_NO_DEADLINE;
	kthread_set_name(t, name);
	*out = t;
	return 0;
}

void kthread_free(struct kthread *t)
{
	kthread_free_stack(t);
	t->magic = 0;
	heap_free(t);
}

void kthread_stack_check(const struct kthread *t)
{
	for (size_t i = 0; t->stack && i < KTHREAD_CANARY_BYTES; i++)
		if (t->stack[i] != KTHREAD_STACK_FILL)
			panic("thread: %s (tid %u) overflowed its %zu-byte stack", t->name, t->tid,
			      t->stack_size);
}

size_t kthread_stack_unused(const struct kthread *t)
{
	size_t n = 0;

	while (t->stack && n < t->stack_size && t->stack[n] == KTHREAD_STACK_FILL)
		n++;
	return n;
}
