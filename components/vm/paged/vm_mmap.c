/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Adding and removing mappings: the mmap and munmap syscalls and the vm
 * interface's map_fixed (execve's image and stack).
 *
 * Private file mappings are paged in from the file on demand (the area
 * holds a reference to the open file). MAP_SHARED is supported where it
 * cannot be told apart from sharing a page cache: anonymous shared memory
 * (its pages are allocated at mmap, so fork shares them; while an area is
 * PROT_NONE it has none, and what it gets later is not shared with
 * processes forked meanwhile) and read-only shared file mappings. A
 * writable shared file mapping needs a page cache: -ENODEV.
 */
#include "paged.h"

#define VM_LOW_2G 0x80000000ull

/* The flags mmap knows; others are ignored, as Linux ignores them. */
#define VM_MAP_TYPE 0x0fu

struct vm_mmap_req {
	vaddr_t addr;
	size_t len; /* page-aligned */
	map_flags_t flags;
	struct vm_area model; /* start and end are filled in under the lock */
};

/**
 * paged_map_fixed() - Add an anonymous private area at a fixed address, replacing what was there.
 * @space: the space.
 * @addr: page-aligned start.
 * @len: bytes, rounded up to pages.
 * @prot: VM_PROT_* bits, and VM_MAP_STACK for a stack.
 *
 * Return: 0, -EINVAL for a bad range or bits, or -ENOMEM.
 */
int paged_map_fixed(struct vm_space *space, vaddr_t addr, size_t len, uint32_t prot)
{
	vaddr_t end = vm_page_up(addr + len);
	struct vm_area model = {
		.start = addr,
		.end = end,
		.prot = prot & VM_PROT_ALL,
		.kind = prot & VM_MAP_STACK ? VM_AREA_STACK : VM_AREA_ANON,
	};
	int err;

	if (addr % PAGE_SIZE || len == 0 || prot & ~(VM_PROT_ALL | VM_MAP_STACK) || addr < MMU_USER_BASE ||
	    end > MMU_USER_END || end <= addr)
		return -EINVAL;
	vm_lock(space);
	err = vm_area_install(space, &model);
	vm_unlock(space);
	return err;
}

/* Allocate every page of a shared anonymous area now, so that fork shares them. */
static int vm_populate_shared(struct vm_space *space, const struct vm_area *area)
{
	if (!vm_mmu_prot(area->prot))
		return 0;
	for (vaddr_t va = area->start; va < area->end; va += PAGE_SIZE) {
		int err = vm_page_populate(space, area, va);

		if (err)
			return err;
	}
	return 0;
}

/* Where the mapping goes, under the lock: 0 and *start, or -errno. */
static int vm_mmap_place(struct vm_space *space, const struct vm_mmap_req *req, vaddr_t *start)
{
	vaddr_t ceiling = req->flags & MAP_32BIT ? VM_LOW_2G : space->mmap_base;

	if (req->flags & MAP_FIXED_NOREPLACE) {
		if (!vm_range_is_free(space, req->addr, req->addr + req->len))
			return -EEXIST;
		*start = req->addr;
	} else if (req->flags & MAP_FIXED) {
		*start = req->addr;
	} else {
		*start = vm_place(space, req->addr, req->len, ceiling);
		if (!*start)
			return -ENOMEM;
	}
	return 0;
}

static long vm_mmap_locked(struct vm_space *space, struct vm_mmap_req *req)
{
	struct vm_spares spares;
	vaddr_t start;
	int err = vm_mmap_place(space, req, &start);

	if (err)
		return err;
	req->model.start = start;
	req->model.end = start + req->len;
	err = vm_area_install(space, &req->model);
	if (err)
		return err;
	if (req->model.shared && !req->model.file) {
		err = vm_populate_shared(space, vm_area_find(space, start));
		if (err && vm_spares_get(&spares) == 0) {
			vm_unmap_range(space, start, start + req->len, &spares);
			vm_spares_put(&spares);
		}
		/* Without spares the area stays, holding what it got: the
		 * caller sees -ENOMEM and may munmap it. */
		if (err)
			return err;
	}
	return (long)start;
}

/* The checks of Linux's mmap that need no file and no lock. */
static int vm_mmap_check(vaddr_t addr, size_t len, prot_flags_t prot, map_flags_t flags, uint64_t off)
{
	unsigned type = flags & VM_MAP_TYPE;

	if (off % PAGE_SIZE || len == 0)
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (prot & ~(prot_flags_t)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM) || flags & MAP_HUGETLB)
		return -EINVAL;
	if (vm_page_up(len) < len || vm_page_up(len) > MMU_USER_END - MMU_USER_BASE)
		return -ENOMEM;
	if (off + vm_page_up(len) < off)
		return -EOVERFLOW;
	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return 0;
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (addr < MMU_USER_BASE)
		return -EPERM;
	return addr > MMU_USER_END - vm_page_up(len) ? -ENOMEM : 0;
}

/* Take the file of a file mapping and check it can be mapped so. */
static int vm_mmap_file(struct vm_mmap_req *req, int32_t fd)
{
	uint8_t probe;
	long got;
	int err = vfs_fget(fd, &req->model.file);

	if (err)
		return -EBADF;
	/* A file not open for reading fails any read: kernel_read answers
	 * -EINVAL (Linux's vfs_read says -EBADF; both mean EACCES here). */
	got = vfs_kernel_read(req->model.file, &probe, 1, req->model.file_off);
	if (got == -EINVAL || got == -EBADF)
		err = -EACCES;
	else if (got < 0)
		err = -ENODEV;
	else if (req->model.shared && req->model.prot & VM_PROT_WRITE)
		err = -ENODEV;
	if (err) {
		vfs_file_put(req->model.file);
		req->model.file = NULL;
	}
	return err;
}

/**
 * vm_sys_mmap() - The mmap syscall, on the caller's space.
 * @addr: a hint, or the exact place with MAP_FIXED or MAP_FIXED_NOREPLACE.
 * @len: bytes, rounded up to pages.
 * @prot: PROT_* bits.
 * @flags: MAP_* bits; see the file comment for MAP_SHARED.
 * @fd: the file, unless MAP_ANONYMOUS.
 * @off: the file offset, page-aligned.
 *
 * Return: the mapping's address, or -EINVAL, -EBADF, -EACCES, -EEXIST,
 * -ENODEV, -ENOMEM, -EOVERFLOW or -EPERM.
 */
long vm_sys_mmap(vaddr_t addr, size_t len, prot_flags_t prot, map_flags_t flags, int32_t fd, uint64_t off)
{
	struct vm_space *space = vm_current();
	struct vm_mmap_req req = {
		.addr = addr,
		.len = vm_page_up(len),
		.flags = flags,
		.model.prot = (uint32_t)(prot & VM_PROT_ALL),
		.model.kind = flags & MAP_GROWSDOWN ? VM_AREA_STACK : VM_AREA_ANON,
		.model.shared = (flags & VM_MAP_TYPE) != MAP_PRIVATE,
	};
	long ret = vm_mmap_check(addr, len, prot, flags, off);

	if (ret)
		return ret;
	if (!space)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		req.model.kind = VM_AREA_FILE;
		req.model.file_off = off;
		ret = vm_mmap_file(&req, fd);
		if (ret)
			return ret;
	}
	vm_lock(space);
	ret = vm_mmap_locked(space, &req);
	vm_unlock(space);
	if (req.model.file)
		vfs_file_put(req.model.file); /* the area took its own reference */
	return ret;
}

/**
 * vm_sys_munmap() - The munmap syscall, on the caller's space.
 * @addr: page-aligned.
 * @len: bytes, rounded up to pages; not 0.
 *
 * Unmapping a range with nothing in it succeeds.
 * Return: 0, or -EINVAL (a bad range, or no memory to split an area).
 */
long vm_sys_munmap(vaddr_t addr, size_t len)
{
	struct vm_space *space = vm_current();
	vaddr_t end = vm_page_up(addr + len);
	struct vm_spares spares;

	if (addr % PAGE_SIZE || len == 0 || addr < MMU_USER_BASE || end > MMU_USER_END || end <= addr)
		return -EINVAL;
	if (!space)
		return 0;
	/* Linux says ENOMEM when a split needs memory it lacks; munmap's
	 * interface lists only EINVAL. */
	if (vm_spares_get(&spares) != 0)
		return -EINVAL;
	vm_lock(space);
	vm_unmap_range(space, addr, end, &spares);
	vm_unlock(space);
	vm_spares_put(&spares);
	return 0;
}
