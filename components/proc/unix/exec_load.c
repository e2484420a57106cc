/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Mapping a program: each PT_LOAD becomes an anonymous private area,
 * writable while its file bytes are read in (the rest stays zero: bss),
 * then given its own protection; a page two segments share gets both.
 * Then the stack area and its initial image (exec_stack.c).
 */
#include <tessera/mmu.h>
#include <tessera/uaccess.h>

#include "exec_load.h"

#define PAGE_MASK (MMU_PAGE_SIZE - 1)

static uint64_t page_down(uint64_t a)
{
	return a & ~PAGE_MASK;
}

static uint64_t page_up(uint64_t a)
{
	return (a + PAGE_MASK) & ~PAGE_MASK;
}

static uint32_t exec_prot(uint32_t pf)
{
	return ((pf & ELF_PF_R) ? VM_PROT_READ : 0) | ((pf & ELF_PF_W) ? VM_PROT_WRITE : 0) |
	       ((pf & ELF_PF_X) ? VM_PROT_EXEC : 0);
}

static int exec_map_one(struct vm_space *mm, struct vfs_file *file, const struct elf_segment *s, uint64_t mapped_end)
{
	uint64_t start = page_down(s->vaddr);
	uint64_t end = page_up(s->vaddr + s->memsz);
	long n;
	int err;

	if (start < mapped_end)
		start = mapped_end; /* the shared page is mapped already */
	if (start < end && (err = vm_map_fixed(mm, start, end - start, VM_PROT_READ | VM_PROT_WRITE)))
		return err;
	if (!s->filesz)
		return 0;
	n = vfs_user_read(file, s->vaddr, s->filesz, s->offset);
	if (n < 0)
		return (int)n;
	return (uint64_t)n == s->filesz ? 0 : -ENOEXEC;
}

/* Each segment's final protection; a shared boundary page gets the union. */
static int exec_protect_all(struct vm_space *mm, const struct elf_image *img)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->segs[i];
		uint64_t start = page_down(s->vaddr);
		int err = vm_protect(mm, start, page_up(s->vaddr + s->memsz) - start, exec_prot(s->flags));

		if (err)
			return err;
		if (i && page_down(img->segs[i - 1].vaddr + img->segs[i - 1].memsz - 1) == start) {
			uint32_t both = exec_prot(s->flags) | exec_prot(img->segs[i - 1].flags);

			if ((err = vm_protect(mm, start, MMU_PAGE_SIZE, both)))
				return err;
		}
	}
	return 0;
}

int exec_load_segments(struct vm_space *mm, struct vfs_file *file, const struct elf_image *img)
{
	uint64_t mapped_end = 0;

	for (unsigned i = 0; i < img->nsegs; i++) {
		int err = exec_map_one(mm, file, &img->segs[i], mapped_end);

		if (err)
			return err;
		mapped_end = page_up(img->segs[i].vaddr + img->segs[i].memsz);
	}
	return exec_protect_all(mm, img);
}

int exec_load_stack(struct vm_space *mm, const struct exec_stack_in *in, uint64_t *sp)
{
	size_t size = exec_stack_size(in);
	size_t mapped = page_up(size + EXEC_STACK_INITIAL);
	uint8_t *img;
	int err;

	if ((err = vm_map_fixed(mm, in->stack_top - mapped, mapped,
				VM_PROT_READ | VM_PROT_WRITE | VM_MAP_STACK)))
		return err;
	if (heap_alloc(size, (void **)&img))
		return -ENOMEM;
	*sp = exec_stack_build(in, img, size);
	err = copy_to_user((void __user *)*sp, img, size);
	heap_free(img);
	return err;
}
