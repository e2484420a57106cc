/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ELF header checks and program-header walk on crafted images: a
 * static ET_EXEC, a static PIE placed at ELF_ET_DYN_BASE, and the ways a
 * file is refused with -ENOEXEC.
 */
#include <stdint.h>
#include <string.h>

#include "elf_parse.h"
#include "proc_cases.h"

#define ENOEXEC_NR 8
#define USER_END 0x7ffffffff000ull

struct image {
	uint8_t ehdr[ELF_EHDR_SIZE];
	uint8_t phdrs[4 * ELF_PHDR_SIZE];
};

static void put(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void phdr(struct image *im, unsigned i, uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr,
		 uint64_t filesz, uint64_t memsz)
{
	uint8_t *p = im->phdrs + i * ELF_PHDR_SIZE;

	put(p, type, 4);
	put(p + 4, flags, 4);
	put(p + 8, off, 8);
	put(p + 16, vaddr, 8);
	put(p + 24, vaddr, 8);
	put(p + 32, filesz, 8);
	put(p + 40, memsz, 8);
	put(p + 48, 4096, 8);
}

/* A musl-like static program: text at 0x401000, data at 0x403f00 (a page shared). */
static void make_exec(struct image *im, uint16_t type, uint64_t base)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->ehdr, "\177ELF\2\1\1", 7);
	put(im->ehdr + 16, type, 2);
	put(im->ehdr + 18, 62, 2);
	put(im->ehdr + 24, base + 0x1010, 8);
	put(im->ehdr + 32, 64, 8);
	put(im->ehdr + 54, ELF_PHDR_SIZE, 2);
	put(im->ehdr + 56, 3, 2);
	phdr(im, 0, ELF_PT_LOAD, ELF_PF_R, 0, base, 0x1e8, 0x1e8);
	phdr(im, 1, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0x1000, base + 0x1000, 0x800, 0x800);
	phdr(im, 2, ELF_PT_LOAD, ELF_PF_R | ELF_PF_W, 0x2f00, base + 0x2f00, 0x200, 0x1300);
}

static int parse(struct image *im, struct elf_image *img)
{
	int err = elf_check_header(im->ehdr, sizeof(im->ehdr), img);

	return err ? err : elf_parse_phdrs(im->phdrs, sizeof(im->phdrs), img, USER_END);
}

static void elf_static_exec_loads_at_its_addresses(struct ktap *t)
{
	struct image im;
	struct elf_image img;

	make_exec(&im, ELF_ET_EXEC, 0x400000);
	ktap_expect(t, parse(&im, &img) == 0, "parsed");
	ktap_expect(t, img.bias == 0 && img.entry == 0x401010, "entry %#lx", (unsigned long)img.entry);
	ktap_expect(t, img.nsegs == 3 && img.segs[2].vaddr == 0x402f00, "segments");
	ktap_expect(t, img.phdr_addr == 0x400040, "AT_PHDR %#lx", (unsigned long)img.phdr_addr);
	ktap_expect(t, img.brk_start == 0x404200, "brk %#lx", (unsigned long)img.brk_start);
}

static void elf_static_pie_gets_linux_base(struct ktap *t)
{
	struct image im;
	struct elf_image img;

	make_exec(&im, ELF_ET_DYN, 0);
	ktap_expect(t, parse(&im, &img) == 0, "parsed");
	ktap_expect(t, img.bias == ELF_ET_DYN_BASE, "bias %#lx", (unsigned long)img.bias);
	ktap_expect(t, img.entry == ELF_ET_DYN_BASE + 0x1010, "entry %#lx", (unsigned long)img.entry);
	ktap_expect(t, img.phdr_addr == ELF_ET_DYN_BASE + 64, "AT_PHDR");
}

static void elf_pt_phdr_gives_at_phdr(struct ktap *t)
{
	struct image im;
	struct elf_image img;

	make_exec(&im, ELF_ET_EXEC, 0x400000);
	put(im.ehdr + 56, 4, 2);
	phdr(&im, 3, ELF_PT_PHDR, ELF_PF_R, 64, 0x400040, 4 * 56, 4 * 56);
	ktap_expect(t, parse(&im, &img) == 0 && img.phdr_addr == 0x400040, "AT_PHDR from PT_PHDR");
}

static void elf_refuses_interpreters(struct ktap *t)
{
	struct image im;
	struct elf_image img;

	make_exec(&im, ELF_ET_DYN, 0);
	put(im.ehdr + 56, 4, 2);
	phdr(&im, 3, ELF_PT_INTERP, ELF_PF_R, 0x200, 0x200, 28, 28);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "PT_INTERP is -ENOEXEC");
}

static void elf_refuses_bad_headers(struct ktap *t)
{
	struct image im;
	struct elf_image img;
	static const struct {
		unsigned off, len;
		uint64_t value;
		const char *what;
	} bad[] = {
		{ 1, 1, 'X', "magic" },		{ 4, 1, 1, "32-bit class" },	 { 5, 1, 2, "big endian" },
		{ 16, 2, 1, "ET_REL" },		{ 18, 2, 3, "i386" },		 { 54, 2, 32, "phentsize" },
		{ 56, 2, 0, "no phdrs" },	{ 24, 8, 0x500000, "entry outside" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		make_exec(&im, ELF_ET_EXEC, 0x400000);
		put(im.ehdr + bad[i].off, bad[i].value, bad[i].len);
		ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "%s is refused", bad[i].what);
	}
	ktap_expect(t, elf_check_header(im.ehdr, 10, &img) == -ENOEXEC_NR, "a short file is refused");
}

static void elf_refuses_bad_segments(struct ktap *t)
{
	struct image im;
	struct elf_image img;

	make_exec(&im, ELF_ET_EXEC, 0x400000);
	phdr(&im, 2, ELF_PT_LOAD, ELF_PF_R, 0x2f00, 0x402f00, 0x400, 0x200);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "filesz > memsz");
	make_exec(&im, ELF_ET_EXEC, 0x400000);
	phdr(&im, 2, ELF_PT_LOAD, ELF_PF_R, 0x2f00, 0x402f10, 0x200, 0x200);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "offset and address not congruent");
	make_exec(&im, ELF_ET_EXEC, 0x400000);
	phdr(&im, 2, ELF_PT_LOAD, ELF_PF_R, 0x1000, 0x401000, 0x200, 0x200);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "overlapping segments");
	make_exec(&im, ELF_ET_EXEC, 0x7fffffffe000);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "beyond user space");
	make_exec(&im, ELF_ET_EXEC, 0);
	ktap_expect(t, parse(&im, &img) == -ENOEXEC_NR, "at address 0");
}

const struct ktap_case elf_cases[] = {
	KTAP_CASE(elf_static_exec_loads_at_its_addresses),
	KTAP_CASE(elf_static_pie_gets_linux_base),
	KTAP_CASE(elf_pt_phdr_gives_at_phdr),
	KTAP_CASE(elf_refuses_interpreters),
	KTAP_CASE(elf_refuses_bad_headers),
	KTAP_CASE(elf_refuses_bad_segments),
	{ 0 },
};
