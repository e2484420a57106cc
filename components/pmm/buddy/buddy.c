/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The binary buddy page-frame allocator: free lists per order, split on
 * alloc, coalesce on free. Called through the pmm interface (tessera/pmm.h)
 * by the platform, which hands it the memory map, and by everything that
 * needs frames.
 *
 * Blocks are aligned by physical address, so the buddy of the block at `pa`
 * of order k is at `pa ^ (PAGE_SIZE << k)`, and merging never needs a tree:
 * one byte of state per frame says whether the frame heads a free or an
 * allocated block and of which order. Invariant: a frame's state is nonzero
 * exactly when it heads a block; two free buddies of the same order below
 * max_order never coexist (free merges them at once), so free memory always
 * sits in the largest aligned blocks its regions allow.
 *
 * Locking: every pmm method holds buddy_lock, interrupts disabled, for its
 * whole work, so each is atomic and may be called from any thread and from
 * interrupt handlers. The *_locked functions expect it held.
 */
#include <tessera/components/pmm_buddy.h>
#include <tessera/spinlock.h>

#define BUDDY_HEAD 0x80 /* the frame heads a block */
#define BUDDY_USED 0x40 /* ... and that block is allocated */

/* The link of a free block, written into the block's first frame: free
 * frames hold nothing else, so the lists cost no metadata. */
struct buddy_node {
	struct buddy_node *next;
	struct buddy_node *prev;
	struct buddy_region *region; /* the region holding this block */
	paddr_t pa; /* physical address of the block */
};

/* One region's header, in the pages carved from its end. Constant once
 * add_region has linked it, except `state`. */
struct buddy_region {
	struct buddy_region *next;
	paddr_t base; /* first frame of the run and of the managed frames */
	paddr_t end; /* one past the last managed frame */
	paddr_t span_end; /* one past the run, metadata included */
	uint8_t *mem; /* where `base` is mapped */
	uint8_t state[]; /* one byte per managed frame: 0, or BUDDY_HEAD | ... */
};

/*
 * Guards `buddy`, every region's state bytes and every free block's node.
 * It is the innermost lock of the kernel's allocators: the heap calls in
 * holding its own lock, and nothing here calls out while holding it.
 */
static struct spinlock buddy_lock = SPINLOCK_INIT;

/* The whole mutable state, guarded by buddy_lock. */
static struct {
	struct buddy_node *free_list[PMM_MAX_ORDER + 1];
	uint64_t nr_free[PMM_MAX_ORDER + 1]; /* blocks on each list */
	struct buddy_region *regions;
	uint64_t total_frames;
	uint64_t free_frames;
	uint64_t meta_frames;
	uint32_t nr_regions;
	uint32_t max_order; /* pmm_buddy_max_order, read by buddy_init */
} buddy;

static inline uint64_t buddy_block_bytes(uint32_t order)
{
	return (uint64_t)PAGE_SIZE << order;
}

static inline uint8_t *buddy_state(struct buddy_region *r, paddr_t pa)
{
	return &r->state[(pa - r->base) >> PAGE_SHIFT];
}

static inline struct buddy_node *buddy_node_of(struct buddy_region *r, paddr_t pa)
{
	return (struct buddy_node *)(void *)(r->mem + (pa - r->base));
}

/* Puts the block at `pa` on the free list of `order` and marks its head. */
static void buddy_push(struct buddy_region *r, paddr_t pa, uint32_t order)
{
	struct buddy_node *node = buddy_node_of(r, pa);
	struct buddy_node *head = buddy.free_list[order];

	node->region = r;
	node->pa = pa;
	node->prev = NULL;
	node->next = head;
	if (head)
		head->prev = node;
	buddy.free_list[order] = node;
	buddy.nr_free[order]++;
	*buddy_state(r, pa) = BUDDY_HEAD | order;
}

/* Takes a free block off its list; the caller rewrites its state byte. */
static void buddy_unlink(struct buddy_node *node, uint32_t order)
{
	if (node->prev)
		node->prev->next = node->next;
	else
		buddy.free_list[order] = node->next;
	if (node->next)
		node->next->prev = node->prev;
	buddy.nr_free[order]--;
}

/* The region whose managed frames contain `pa`, or NULL. */
static struct buddy_region *buddy_region_find(paddr_t pa)
{
	for (struct buddy_region *r = buddy.regions; r; r = r->next)
		if (pa >= r->base && pa < r->end)
			return r;
	return NULL;
}

/* Whether the block of `order` at `pa` is a whole free block of r. Only
 * heads carry state, so this cannot be fooled by a larger free block
 * containing `pa`: that one has to be split first. */
static bool buddy_is_free_block(struct buddy_region *r, paddr_t pa, uint32_t order)
{
	if (pa < r->base || pa >= r->end)
		return false;
	return *buddy_state(r, pa) == (BUDDY_HEAD | order);
}

/**
 * buddy_init() - Reset the allocator to hold no memory.
 *
 * Reads the max_order tunable, which the command line may have changed, and
 * forgets every region (the host tests rely on that to start afresh).
 *
 * Return: 0, or -EINVAL if max_order is above PMM_MAX_ORDER.
 */
int buddy_init(void)
{
	unsigned long flags;

	if (pmm_buddy_max_order > PMM_MAX_ORDER)
		return -EINVAL;
	flags = spin_lock_irqsave(&buddy_lock);
	__builtin_memset(&buddy, 0, sizeof(buddy));
	buddy.max_order = pmm_buddy_max_order;
	spin_unlock_irqrestore(&buddy_lock, flags);
	return 0;
}

/* The largest order (up to max_order) of an aligned block at `pa` that ends
 * by `end`. */
static uint32_t buddy_fit_order(paddr_t pa, paddr_t end)
{
	uint32_t order = 0;

	while (order < buddy.max_order) {
		uint64_t bytes = buddy_block_bytes(order + 1);

		if ((pa & (bytes - 1)) || end - pa < bytes)
			break;
		order++;
	}
	return order;
}

/* Frees every managed frame of a new region, in the largest aligned blocks
 * that fit, so the lists start out as coalesced as free() keeps them. */
static void buddy_seed(struct buddy_region *r)
{
	paddr_t pa = r->base;

	while (pa < r->end) {
		uint32_t order = buddy_fit_order(pa, r->end);

		buddy_push(r, pa, order);
		pa += buddy_block_bytes(order);
	}
}

static bool buddy_overlaps(paddr_t base, paddr_t span_end)
{
	for (struct buddy_region *r = buddy.regions; r; r = r->next)
		if (base < r->span_end && r->base < span_end)
			return true;
	return false;
}

static bool buddy_region_args_ok(paddr_t base, size_t pages, void *mem)
{
	uintptr_t va = (uintptr_t)mem;

	if (!mem || pages == 0 || (base & (PAGE_SIZE - 1)) || (va & (PAGE_SIZE - 1)))
		return false;
	if (pages > (UINT64_MAX - base) / PAGE_SIZE || pages > (UINTPTR_MAX - va) / PAGE_SIZE)
		return false;
	return !buddy_overlaps(base, base + pages * PAGE_SIZE);
}

/* Carves the header and one state byte per frame from the end of the run
 * (the start is more often aligned to large blocks), then frees the rest. */
static int buddy_add_region_locked(paddr_t base, size_t pages, void *mem)
{
	size_t meta_pages, frames;
	struct buddy_region *r;

	if (!buddy_region_args_ok(base, pages, mem))
		return -EINVAL;
	meta_pages = (sizeof(*r) + pages + PAGE_SIZE - 1) / PAGE_SIZE;
	if (meta_pages >= pages)
		return -ENOMEM;
	frames = pages - meta_pages;

	r = (struct buddy_region *)(void *)((uint8_t *)mem + frames * PAGE_SIZE);
	r->base = base;
	r->end = base + frames * PAGE_SIZE;
	r->span_end = base + pages * PAGE_SIZE;
	r->mem = mem;
	__builtin_memset(r->state, 0, frames);
	r->next = buddy.regions;
	buddy.regions = r;

	buddy.nr_regions++;
	buddy.total_frames += frames;
	buddy.free_frames += frames;
	buddy.meta_frames += meta_pages;
	buddy_seed(r);
	return 0;
}

/**
 * buddy_add_region() - Give the allocator a run of free RAM.
 * @base: physical address of the first frame, page aligned
 * @pages: frames in the run
 * @mem: where the run is mapped, page aligned
 *
 * Context: any, interrupt handlers included; atomic (takes buddy_lock,
 * interrupts disabled).
 *
 * Return: 0; -EINVAL for bad arguments or an overlap with another region;
 * -ENOMEM if the run cannot hold its metadata and one frame.
 */
int buddy_add_region(paddr_t base, size_t pages, void *mem)
{
	unsigned long flags = spin_lock_irqsave(&buddy_lock);
	int err = buddy_add_region_locked(base, pages, mem);

	spin_unlock_irqrestore(&buddy_lock, flags);
	return err;
}

/* The smallest order >= `order` with a free block, or max_order + 1. */
static uint32_t buddy_first_nonempty(uint32_t order)
{
	while (order <= buddy.max_order && !buddy.free_list[order])
		order++;
	return order;
}

/* Takes the smallest free block that fits and gives back the upper halves
 * it splits off. */
static int buddy_alloc_locked(uint32_t order, paddr_t *frame)
{
	struct buddy_node *node;
	struct buddy_region *r;
	uint32_t have;
	paddr_t pa;

	if (order > buddy.max_order)
		return -EINVAL;
	have = buddy_first_nonempty(order);
	if (have > buddy.max_order)
		return -ENOMEM;

	node = buddy.free_list[have];
	r = node->region;
	pa = node->pa;
	buddy_unlink(node, have);
	while (have > order) {
		have--;
		buddy_push(r, pa + buddy_block_bytes(have), have);
	}
	*buddy_state(r, pa) = BUDDY_HEAD | BUDDY_USED | order;
	buddy.free_frames -= (uint64_t)1 << order;
	*frame = pa;
	return 0;
}

/**
 * buddy_alloc() - Allocate 2^order contiguous frames aligned to their size.
 * @order: base-2 logarithm of the number of frames
 * @frame: receives the physical address of the first frame
 *
 * Takes the smallest free block that fits and splits it. O(max_order).
 *
 * Context: any, interrupt handlers included; atomic (takes buddy_lock,
 * interrupts disabled).
 *
 * Return: 0, -EINVAL if order > max_order, -ENOMEM if no block is free.
 */
int buddy_alloc(uint32_t order, paddr_t *frame)
{
	unsigned long flags = spin_lock_irqsave(&buddy_lock);
	int err = buddy_alloc_locked(order, frame);

	spin_unlock_irqrestore(&buddy_lock, flags);
	return err;
}

/* Merges the block with its buddy for as long as the buddy is a free block
 * of the same order. */
static int buddy_free_locked(paddr_t frame, uint32_t order)
{
	struct buddy_region *r;
	uint8_t *state;

	if (order > buddy.max_order || (frame & (buddy_block_bytes(order) - 1)))
		return -EINVAL;
	r = buddy_region_find(frame);
	if (!r)
		return -EINVAL;
	state = buddy_state(r, frame);
	if (*state != (BUDDY_HEAD | BUDDY_USED | order))
		return -EINVAL;

	*state = 0;
	buddy.free_frames += (uint64_t)1 << order;
	while (order < buddy.max_order) {
		paddr_t mate = frame ^ buddy_block_bytes(order);

		if (!buddy_is_free_block(r, mate, order))
			break;
		buddy_unlink(buddy_node_of(r, mate), order);
		*buddy_state(r, mate) = 0;
		frame &= ~buddy_block_bytes(order);
		order++;
	}
	buddy_push(r, frame, order);
	return 0;
}

/**
 * buddy_free() - Return a block obtained from buddy_alloc().
 * @frame: physical address of the block
 * @order: the order it was allocated with
 *
 * Merges the block with its buddy for as long as the buddy is a free block
 * of the same order. O(max_order + regions).
 *
 * Context: any, interrupt handlers included; atomic (takes buddy_lock,
 * interrupts disabled).
 *
 * Return: 0, or -EINVAL (nothing changed) if @frame is not the start of an
 * allocated block of exactly @order in a region: misaligned, foreign,
 * already free (a double free), or freed with the wrong order.
 */
int buddy_free(paddr_t frame, uint32_t order)
{
	unsigned long flags = spin_lock_irqsave(&buddy_lock);
	int err = buddy_free_locked(frame, order);

	spin_unlock_irqrestore(&buddy_lock, flags);
	return err;
}

/**
 * buddy_stats() - Fill in a snapshot of the allocator's state.
 * @st: receives the counts; free_blocks[k] is the length of free list k
 *
 * O(PMM_MAX_ORDER): every count is kept up to date as blocks move.
 *
 * Context: any, interrupt handlers included; atomic (takes buddy_lock,
 * interrupts disabled), so the counts agree with each other.
 */
void buddy_stats(struct pmm_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&buddy_lock);

	__builtin_memset(st, 0, sizeof(*st));
	st->total_frames = buddy.total_frames;
	st->free_frames = buddy.free_frames;
	st->meta_frames = buddy.meta_frames;
	st->regions = buddy.nr_regions;
	st->max_order = buddy.max_order;
	for (uint32_t k = 0; k <= buddy.max_order; k++)
		st->free_blocks[k] = buddy.nr_free[k];
	spin_unlock_irqrestore(&buddy_lock, flags);
}
