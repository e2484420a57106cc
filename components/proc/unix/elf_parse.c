/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELF64 header checks and the program-header walk (elf_parse.h). Reads
 * little-endian fields byte by byte, so it needs no alignment and no
 * system <elf.h>.
 */
#include "elf_parse.h"

#define ELF_ENOEXEC 8 /* ENOEXEC's Linux number; no kernel headers here */
#define PAGE 4096ull
#define USER_BASE 0x1000ull

static uint64_t rd(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

int elf_check_header(const uint8_t *e, size_t len, struct elf_image *img)
{
	if (len < ELF_EHDR_SIZE || e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' || e[3] != 'F')
		return -ELF_ENOEXEC;
	if (e[4] != 2 /* ELFCLASS64 */ || e[5] != 1 /* little endian */ || e[6] != 1 /* EV_CURRENT */)
		return -ELF_ENOEXEC;
	img->type = (uint16_t)rd(e + 16, 2);
	if (img->type != ELF_ET_EXEC && img->type != ELF_ET_DYN)
		return -ELF_ENOEXEC;
	if (rd(e + 18, 2) != 62 /* EM_X86_64 */ || rd(e + 54, 2) != ELF_PHDR_SIZE)
		return -ELF_ENOEXEC;
	img->entry = rd(e + 24, 8);
	img->phoff = rd(e + 32, 8);
	img->phnum = (uint16_t)rd(e + 56, 2);
	if (img->phnum == 0 || img->phnum > ELF_PHNUM_MAX)
		return -ELF_ENOEXEC;
	return 0;
}

/* A PT_LOAD that is sane on its own (before the bias). */
static int elf_take_load(const uint8_t *ph, struct elf_image *img)
{
	struct elf_segment *s;

	if (img->nsegs == ELF_LOAD_MAX)
		return -ELF_ENOEXEC;
	s = &img->segs[img->nsegs];
	s->flags = (uint32_t)rd(ph + 4, 4);
	s->offset = rd(ph + 8, 8);
	s->vaddr = rd(ph + 16, 8);
	s->filesz = rd(ph + 32, 8);
	s->memsz = rd(ph + 40, 8);
	if (s->filesz > s->memsz || s->memsz == 0 || (s->vaddr - s->offset) % PAGE)
		return -ELF_ENOEXEC;
	if (s->vaddr + s->memsz < s->vaddr || s->offset + s->filesz < s->offset)
		return -ELF_ENOEXEC;
	if (img->nsegs && s->vaddr < img->segs[img->nsegs - 1].vaddr + img->segs[img->nsegs - 1].memsz)
		return -ELF_ENOEXEC; /* Linux wants them sorted; overlap is nonsense */
	img->nsegs++;
	return 0;
}

/* Applies the bias and checks the image lies in user space. */
static int elf_place(struct elf_image *img, uint64_t phdr_vaddr, int have_phdr, uint64_t user_end)
{
	const struct elf_segment *first = &img->segs[0];
	const struct elf_segment *last = &img->segs[img->nsegs - 1];
	int entry_ok = 0;

	img->bias = img->type == ELF_ET_DYN ? ELF_ET_DYN_BASE - (first->vaddr & ~(PAGE - 1)) : 0;
	if ((first->vaddr & ~(PAGE - 1)) + img->bias < USER_BASE || last->vaddr + last->memsz + img->bias > user_end)
		return -ELF_ENOEXEC;
	if (!have_phdr) /* the headers are in the first segment's file image */
		phdr_vaddr = first->vaddr - first->offset + img->phoff;
	for (unsigned i = 0; i < img->nsegs; i++) {
		struct elf_segment *s = &img->segs[i];

		entry_ok |= img->entry >= s->vaddr && img->entry < s->vaddr + s->memsz;
		s->vaddr += img->bias;
	}
	if (!entry_ok)
		return -ELF_ENOEXEC;
	img->entry += img->bias;
	img->phdr_addr = phdr_vaddr + img->bias;
	img->brk_start = last->vaddr + last->memsz;
	return 0;
}

int elf_parse_phdrs(const uint8_t *phdrs, size_t len, struct elf_image *img, uint64_t user_end)
{
	uint64_t phdr_vaddr = 0;
	int have_phdr = 0;

	if (len < (size_t)img->phnum * ELF_PHDR_SIZE)
		return -ELF_ENOEXEC;
	img->nsegs = 0;
	for (unsigned i = 0; i < img->phnum; i++) {
		const uint8_t *ph = phdrs + (size_t)i * ELF_PHDR_SIZE;
		uint32_t type = (uint32_t)rd(ph, 4);
		int err = 0;

		if (type == ELF_PT_INTERP)
			return -ELF_ENOEXEC;
		if (type == ELF_PT_LOAD)
			err = elf_take_load(ph, img);
		if (type == ELF_PT_PHDR) {
			phdr_vaddr = rd(ph + 16, 8);
			have_phdr = 1;
		}
		if (err)
			return err;
	}
	if (img->nsegs == 0)
		return -ELF_ENOEXEC;
	return elf_place(img, phdr_vaddr, have_phdr, user_end);
}
