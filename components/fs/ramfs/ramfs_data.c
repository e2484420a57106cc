/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ramfs file data: one page frame from the page-frame allocator per 4 KiB
 * of the file, found through a table of page pointers that grows by
 * doubling. A page never written is a hole and reads as zeros. Running out
 * of memory gives -ENOSPC (tmpfs's answer), never a panic.
 */
#include <tessera/string.h>

#include "ramfs.h"

/* The largest file: the page table's index must fit, and Linux's tmpfs
 * limit on a 64-bit machine is far beyond what RAM holds anyway. */
#define RAMFS_MAX_SIZE (1ull << 40)

static uint64_t ramfs_pages_held; /* by every instance, guarded by the VFS's lock */

/* Whether one more page keeps file data within max_percent of the memory. */
static bool ramfs_has_room(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return (ramfs_pages_held + 1) * 100 <= st.total_frames * fs_ramfs_max_percent;
}

static void *ramfs_page_alloc(void)
{
	paddr_t frame;

	if (!ramfs_has_room() || pmm_alloc(0, &frame) != 0)
		return NULL;
	ramfs_pages_held++;
	void *page = (void *)(uintptr_t)memmap_phys_to_virt(frame);

	memset(page, 0, RAMFS_PAGE_SIZE);
	return page;
}

static void ramfs_page_free(void *page)
{
	int err = pmm_free(memmap_virt_to_phys((vaddr_t)(uintptr_t)page), 0);

	(void)err; /* a frame pmm_alloc gave cannot be refused */
	ramfs_pages_held--;
}

/* Frees pages [from, npages). */
void ramfs_free_pages(struct ramfs_node *n, size_t from)
{
	for (size_t i = from; i < n->npages; i++) {
		if (n->pages[i]) {
			ramfs_page_free(n->pages[i]);
			n->pages[i] = NULL;
		}
	}
}

/* Makes room in the page table for pages [0, count). */
static int ramfs_reserve(struct ramfs_node *n, size_t count)
{
	size_t slots = n->npages ? n->npages : 8;
	void **table;

	if (count <= n->npages)
		return 0;
	while (slots < count)
		slots *= 2;
	table = ramfs_zalloc(slots * sizeof(*table));
	if (!table)
		return -ENOSPC;
	if (n->npages)
		memcpy(table, n->pages, n->npages * sizeof(*table));
	heap_free(n->pages);
	n->pages = table;
	n->npages = slots;
	return 0;
}

long ramfs_read(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len, uint64_t off,
		int32_t flags)
{
	struct ramfs_node *n = ramfs_node_of(inode);
	size_t done = 0;

	(void)dev;
	(void)flags;
	if ((inode->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (off >= inode->size)
		return 0;
	if (buf_len > inode->size - off)
		buf_len = (size_t)(inode->size - off);
	while (done < buf_len) {
		uint64_t pos = off + done;
		size_t in_page = pos % RAMFS_PAGE_SIZE, chunk = RAMFS_PAGE_SIZE - in_page;
		size_t index = pos / RAMFS_PAGE_SIZE;
		void *page = index < n->npages ? n->pages[index] : NULL;

		if (chunk > buf_len - done)
			chunk = buf_len - done;
		if (page)
			memcpy(buf + done, (uint8_t *)page + in_page, chunk);
		else
			memset(buf + done, 0, chunk);
		done += chunk;
	}
	return (long)done;
}

/* Makes sure the pages under [off, off + len) exist; on failure the ones
 * it added stay as (zero) pages past the size, which truncate frees. */
static int ramfs_populate(struct ramfs_node *n, uint64_t off, size_t len)
{
	size_t first = off / RAMFS_PAGE_SIZE, last = (off + len - 1) / RAMFS_PAGE_SIZE;

	if (ramfs_reserve(n, last + 1))
		return -ENOSPC;
	for (size_t i = first; i <= last; i++) {
		if (!n->pages[i] && !(n->pages[i] = ramfs_page_alloc()))
			return -ENOSPC;
	}
	return 0;
}

long ramfs_write(struct fs_dev *dev, struct fs_inode *inode, const uint8_t *buf, size_t buf_len, uint64_t off,
		 int32_t flags)
{
	struct ramfs_node *n = ramfs_node_of(inode);
	size_t done = 0;

	(void)dev;
	(void)flags;
	if ((inode->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (buf_len == 0)
		return 0;
	if (off >= RAMFS_MAX_SIZE || buf_len > RAMFS_MAX_SIZE - off)
		return -EFBIG;
	if (ramfs_populate(n, off, buf_len)) {
		ramfs_free_pages(n, (inode->size + RAMFS_PAGE_SIZE - 1) / RAMFS_PAGE_SIZE);
		return -ENOSPC;
	}
	while (done < buf_len) {
		uint64_t pos = off + done;
		size_t in_page = pos % RAMFS_PAGE_SIZE, chunk = RAMFS_PAGE_SIZE - in_page;

		if (chunk > buf_len - done)
			chunk = buf_len - done;
		memcpy((uint8_t *)n->pages[pos / RAMFS_PAGE_SIZE] + in_page, buf + done, chunk);
		done += chunk;
	}
	if (off + done > inode->size)
		inode->size = off + done;
	ramfs_touch(inode, true);
	return (long)done;
}

int ramfs_truncate(struct fs_dev *dev, struct fs_inode *inode, uint64_t size)
{
	struct ramfs_node *n = ramfs_node_of(inode);
	size_t keep = (size + RAMFS_PAGE_SIZE - 1) / RAMFS_PAGE_SIZE;

	(void)dev;
	if ((inode->mode & S_IFMT) != S_IFREG)
		return -EPERM;
	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < inode->size) {
		ramfs_free_pages(n, keep);
		/* The kept tail of the last page must read as zeros if the file grows again. */
		if (size % RAMFS_PAGE_SIZE && keep <= n->npages && n->pages[keep - 1])
			memset((uint8_t *)n->pages[keep - 1] + size % RAMFS_PAGE_SIZE, 0,
			       RAMFS_PAGE_SIZE - size % RAMFS_PAGE_SIZE);
	}
	/* Growing leaves holes: nothing to allocate. */
	inode->size = size;
	ramfs_touch(inode, true);
	return 0;
}
