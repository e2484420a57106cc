/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initial stack as Linux lays it out: argc, argv, envp and auxv from
 * the stack pointer up, the strings above, 16-byte alignment, and auxv
 * entries pointing at the random bytes, the platform and the path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec_stack.h"
#include "proc_cases.h"

#define TOP 0x7ffffffff000ull

struct built {
	struct exec_stack_in in;
	uint8_t *img;
	size_t len;
	uint64_t sp;
};

static void build(struct built *b, const char *strings, size_t strings_len, uint32_t argc, uint32_t envc)
{
	memset(&b->in, 0, sizeof(b->in));
	b->in.strings = strings;
	b->in.strings_len = strings_len;
	b->in.argc = argc;
	b->in.envc = envc;
	b->in.execfn = "/bin/prog";
	for (int i = 0; i < 16; i++)
		b->in.random[i] = (uint8_t)(0xa0 + i);
	b->in.phdr = 0x400040;
	b->in.phnum = 5;
	b->in.entry = 0x401010;
	b->in.stack_top = TOP;
	b->len = exec_stack_size(&b->in);
	b->img = malloc(b->len);
	b->sp = exec_stack_build(&b->in, b->img, b->len);
}

static uint64_t word(const struct built *b, uint64_t addr)
{
	uint64_t v;

	memcpy(&v, b->img + (addr - b->sp), 8);
	return v;
}

static const char *str(const struct built *b, uint64_t addr)
{
	return (const char *)b->img + (addr - b->sp);
}

/* The value of auxv key @key, or ~0 when it is missing. */
static uint64_t auxv(const struct built *b, uint64_t key)
{
	uint64_t at = b->sp + 8 * (1 + b->in.argc + 1 + b->in.envc + 1);

	for (; word(b, at) != AT_NULL; at += 16)
		if (word(b, at) == key)
			return word(b, at + 8);
	return key == AT_NULL ? 0 : ~0ull;
}

static void stack_vectors_point_at_the_strings(struct ktap *t)
{
	static const char strings[] = "prog\0-v\0HOME=/\0TERM=linux";
	struct built b;

	build(&b, strings, sizeof(strings), 2, 2);
	ktap_expect(t, b.sp % 16 == 0 && b.sp + b.len == TOP, "sp %#lx aligned, image reaches the top",
		    (unsigned long)b.sp);
	ktap_expect(t, word(&b, b.sp) == 2, "argc");
	ktap_expect(t, strcmp(str(&b, word(&b, b.sp + 8)), "prog") == 0, "argv[0]");
	ktap_expect(t, strcmp(str(&b, word(&b, b.sp + 16)), "-v") == 0, "argv[1]");
	ktap_expect(t, word(&b, b.sp + 24) == 0, "argv NULL");
	ktap_expect(t, strcmp(str(&b, word(&b, b.sp + 32)), "HOME=/") == 0, "envp[0]");
	ktap_expect(t, strcmp(str(&b, word(&b, b.sp + 40)), "TERM=linux") == 0, "envp[1]");
	ktap_expect(t, word(&b, b.sp + 48) == 0, "envp NULL");
	ktap_expect(t, word(&b, TOP - 8) == 0, "the 8-byte end marker");
	free(b.img);
}

static void stack_auxv_has_linux_entries(struct ktap *t)
{
	static const char strings[] = "prog";
	struct built b;

	build(&b, strings, sizeof(strings), 1, 0);
	ktap_expect(t, auxv(&b, AT_PHDR) == 0x400040 && auxv(&b, AT_PHNUM) == 5 && auxv(&b, AT_PHENT) == 56,
		    "program headers");
	ktap_expect(t, auxv(&b, AT_ENTRY) == 0x401010 && auxv(&b, AT_PAGESZ) == 4096, "entry, page size");
	ktap_expect(t, auxv(&b, AT_CLKTCK) == 100 && auxv(&b, AT_BASE) == 0 && auxv(&b, AT_FLAGS) == 0,
		    "clock ticks, no interpreter");
	ktap_expect(t, auxv(&b, AT_UID) == 0 && auxv(&b, AT_EUID) == 0 && auxv(&b, AT_GID) == 0 &&
			       auxv(&b, AT_EGID) == 0 && auxv(&b, AT_SECURE) == 0,
		    "root, not secure");
	ktap_expect(t, auxv(&b, AT_HWCAP) == 0, "hwcap as given");
	ktap_expect(t, memcmp(str(&b, auxv(&b, AT_RANDOM)), b.in.random, 16) == 0, "AT_RANDOM's 16 bytes");
	ktap_expect(t, strcmp(str(&b, auxv(&b, AT_PLATFORM)), "x86_64") == 0, "AT_PLATFORM");
	ktap_expect(t, strcmp(str(&b, auxv(&b, AT_EXECFN)), "/bin/prog") == 0, "AT_EXECFN");
	ktap_expect(t, auxv(&b, AT_EXECFN) + sizeof("/bin/prog") + 8 == TOP, "the path is at the top");
	ktap_expect(t, auxv(&b, AT_RANDOM) + 16 == auxv(&b, AT_PLATFORM), "random bytes just below the platform");
	free(b.img);
}

static void stack_aligns_for_every_count(struct ktap *t)
{
	static const char strings[] = "a\0b\0c\0d\0e";
	struct built b;

	for (uint32_t argc = 0; argc <= 5; argc++) {
		size_t len = 0;

		for (uint32_t i = 0; i < argc; i++)
			len += 2;
		build(&b, strings, len, argc, 0);
		ktap_expect(t, b.sp % 16 == 0, "argc %u: sp %#lx", argc, (unsigned long)b.sp);
		ktap_expect(t, word(&b, b.sp) == argc && word(&b, b.sp + 8 * (argc + 1)) == 0, "argc %u vector", argc);
		free(b.img);
	}
}

const struct ktap_case exec_stack_cases[] = {
	KTAP_CASE(stack_vectors_point_at_the_strings),
	KTAP_CASE(stack_auxv_has_linux_entries),
	KTAP_CASE(stack_aligns_for_every_count),
	{ 0 },
};
