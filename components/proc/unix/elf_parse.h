/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading a static ELF64 x86_64 executable's headers: what execve maps
 * and where. Pure functions over bytes, tested on the host with crafted
 * images; exec_load.c uses them.
 */
#ifndef PROC_UNIX_ELF_PARSE_H
#define PROC_UNIX_ELF_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define ELF_EHDR_SIZE 64
#define ELF_PHDR_SIZE 56
#define ELF_PHNUM_MAX 64 /* more program headers than any static program has */
#define ELF_LOAD_MAX 16

#define ELF_ET_EXEC 2
#define ELF_ET_DYN 3
#define ELF_PT_LOAD 1
#define ELF_PT_INTERP 3
#define ELF_PT_PHDR 6
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

/* Where Linux puts a static PIE (ELF_ET_DYN_BASE on x86_64, without randomization). */
#define ELF_ET_DYN_BASE 0x555555554000ull

struct elf_segment {
	uint64_t vaddr; /* with the load bias */
	uint64_t memsz;
	uint64_t offset;
	uint64_t filesz;
	uint32_t flags; /* ELF_PF_* */
};

/* The parsed executable; every address includes the load bias. */
struct elf_image {
	uint16_t type;
	uint64_t bias;
	uint64_t entry;
	uint64_t phoff; /* where the program headers are in the file */
	uint16_t phnum;
	uint64_t phdr_addr; /* where they are in memory: AT_PHDR */
	uint64_t brk_start; /* the end of the highest segment */
	unsigned nsegs;
	struct elf_segment segs[ELF_LOAD_MAX];
};

/**
 * elf_check_header() - Check an ELF header and fill the header fields of @img.
 * @ehdr: the file's first ELF_EHDR_SIZE bytes.
 * @len: how many bytes @ehdr holds.
 * @img: filled in: type, entry (unbiased), phoff, phnum.
 *
 * Return: 0, or -ENOEXEC when it is not a static x86_64 ELF64 executable
 * this kernel can run (wrong magic, class, byte order, machine, type).
 */
int elf_check_header(const uint8_t *ehdr, size_t len, struct elf_image *img);

/**
 * elf_parse_phdrs() - Read the program headers; choose the load bias.
 * @phdrs: img->phnum headers of ELF_PHDR_SIZE bytes.
 * @len: bytes at @phdrs.
 * @img: from elf_check_header(); the rest is filled in.
 * @user_end: the end of user space: every segment must fit below it.
 *
 * Return: 0; -ENOEXEC for PT_INTERP (dynamic programs are not supported),
 * no PT_LOAD, overlapping or out-of-order segments, filesz > memsz,
 * misaligned offsets, a segment outside user space or an entry point
 * outside the segments.
 */
int elf_parse_phdrs(const uint8_t *phdrs, size_t len, struct elf_image *img, uint64_t user_end);

#endif
