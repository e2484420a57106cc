/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Frames of user pages and their reference counts, for copy-on-write
 * after fork. Called by vm_pages.c, vm_space.c (fork, teardown) and
 * vm_fault.c.
 *
 * Only shared frames are counted: a hash from frame to count (>= 2) holds
 * an entry while two or more mappings share a frame, and a frame missing
 * from it has exactly one. Most frames are never shared, so the table
 * stays small, needs no array sized for all of RAM, and does not care
 * where in physical memory the page allocator's regions lie.
 *
 * Locking: one spinlock for the table (frames are shared across spaces,
 * whose mutexes do not cover each other's pages); it is held only for a
 * lookup and, as the heap interface allows, across heap calls.
 */

#include <tessera/heap.h>
#include <tessera/memmap.h>
#include <tessera/panic.h>
#include <tessera/spinlock.h>

#include "vm_frame.h"

#define VM_FRAME_BUCKETS 1024u

struct vm_frame_ref {
	struct vm_frame_ref *next;
	paddr_t frame;
	uint32_t refs; /* mappings of the frame, at least 2 */
};

static struct {
	struct spinlock lock;
	struct vm_frame_ref *bucket[VM_FRAME_BUCKETS];
} vm_frames = { .lock = SPINLOCK_INIT };

static struct vm_frame_ref **vm_frame_slot(paddr_t frame)
{
	uint64_t pfn = frame >> PAGE_SHIFT;
	struct vm_frame_ref **link = &vm_frames.bucket[(pfn * 0x9e3779b97f4a7c15ull) >> 54];

	while (*link && (*link)->frame != frame)
		link = &(*link)->next;
	return link;
}

/**
 * vm_frame_alloc_zeroed() - Take one frame from pmm and clear it through the direct map.
 * @frame: set to its physical address.
 *
 * Return: 0, or -ENOMEM.
 */
int vm_frame_alloc_zeroed(paddr_t *frame)
{
	int err = pmm_alloc(0, frame);

	if (err)
		return -ENOMEM;
	__builtin_memset((void *)(uintptr_t)memmap_phys_to_virt(*frame), 0, PAGE_SIZE);
	return 0;
}

/**
 * vm_frame_share() - Count one more mapping of a mapped frame.
 * @frame: a frame some space maps.
 *
 * Return: 0, or -ENOMEM when the table has no room for a first share.
 */
int vm_frame_share(paddr_t frame)
{
	unsigned long flags = spin_lock_irqsave(&vm_frames.lock);
	struct vm_frame_ref **link = vm_frame_slot(frame);
	struct vm_frame_ref *ref;
	int err = 0;

	if (*link) {
		(*link)->refs++;
	} else if (heap_alloc(sizeof(*ref), (void **)&ref) == 0) {
		*ref = (struct vm_frame_ref){ .next = NULL, .frame = frame, .refs = 2 };
		*link = ref;
	} else {
		err = -ENOMEM;
	}
	spin_unlock_irqrestore(&vm_frames.lock, flags);
	return err;
}

/**
 * vm_frame_put() - Drop one mapping of a frame; the last one frees it.
 * @frame: a frame the caller just unmapped (or never mapped, for a page
 *         it failed to map).
 */
void vm_frame_put(paddr_t frame)
{
	unsigned long flags = spin_lock_irqsave(&vm_frames.lock);
	struct vm_frame_ref **link = vm_frame_slot(frame);
	struct vm_frame_ref *ref = *link;

	if (ref && --ref->refs == 1) {
		*link = ref->next;
		heap_free(ref);
	}
	spin_unlock_irqrestore(&vm_frames.lock, flags);
	if (!ref && pmm_free(frame, 0) != 0)
		panic("vm: pmm refused user frame %#llx", (unsigned long long)frame);
}

/**
 * vm_frame_is_shared() - Whether more than one mapping holds a frame.
 * @frame: a mapped frame.
 *
 * Stable for the caller when it holds the lock of a space mapping the
 * frame and the answer is false: nobody else can map the frame then.
 *
 * Return: true when it is shared.
 */
bool vm_frame_is_shared(paddr_t frame)
{
	unsigned long flags = spin_lock_irqsave(&vm_frames.lock);
	bool shared = *vm_frame_slot(frame) != NULL;

	spin_unlock_irqrestore(&vm_frames.lock, flags);
	return shared;
}

/**
 * vm_frames_reset() - Forget every count, without freeing (init; host tests reset the heap under it).
 */
void vm_frames_reset(void)
{
	__builtin_memset(vm_frames.bucket, 0, sizeof(vm_frames.bucket));
}
