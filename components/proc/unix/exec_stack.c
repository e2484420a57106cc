/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initial stack's layout (exec_stack.h). Addresses are computed from
 * the top down, as Linux does, then the image is written; both use the
 * same exec_stack_plan so they cannot disagree.
 */
#include "exec_stack.h"

static const char exec_platform[] = "x86_64";

struct exec_stack_plan {
	uint64_t execfn, strings, platform, random, sp;
};

static size_t exec_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void exec_stack_plan(const struct exec_stack_in *in, struct exec_stack_plan *p)
{
	uint64_t at = in->stack_top - 8; /* the zero end marker */
	uint64_t items;

	at -= exec_strlen(in->execfn) + 1;
	p->execfn = at;
	at -= in->strings_len;
	p->strings = at;
	at &= ~15ull; /* arch_align_stack, without the random offset */
	at -= sizeof(exec_platform);
	p->platform = at;
	at -= 16;
	p->random = at;
	at &= ~15ull;
	items = 1 + (in->argc + 1ull) + (in->envc + 1ull) + 2ull * EXEC_STACK_AUXV_PAIRS;
	p->sp = (at - items * 8) & ~15ull;
}

size_t exec_stack_size(const struct exec_stack_in *in)
{
	struct exec_stack_plan p;

	exec_stack_plan(in, &p);
	return (size_t)(in->stack_top - p.sp);
}

static void exec_put(uint8_t *img, uint64_t base, uint64_t addr, const void *src, size_t len)
{
	const uint8_t *s = src;

	for (size_t i = 0; i < len; i++)
		img[addr - base + i] = s[i];
}

static void exec_put_word(uint8_t *img, uint64_t base, uint64_t *addr, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		img[*addr - base + i] = (uint8_t)(v >> (8 * i));
	*addr += 8;
}

/* Pointers to @count strings back to back from *str, then a NULL. */
static uint64_t exec_put_vector(const struct exec_stack_plan *p, uint8_t *img, uint64_t at, uint32_t count,
				const char **strings, uint64_t *str)
{
	for (uint32_t i = 0; i < count; i++) {
		size_t len = exec_strlen(*strings) + 1;

		exec_put_word(img, p->sp, &at, *str);
		*str += len;
		*strings += len;
	}
	exec_put_word(img, p->sp, &at, 0);
	return at;
}

/* argc, argv[], NULL, envp[], NULL. */
static uint64_t exec_put_vectors(const struct exec_stack_in *in, const struct exec_stack_plan *p, uint8_t *img,
				 uint64_t at)
{
	uint64_t str = p->strings;
	const char *s = in->strings;

	exec_put_word(img, p->sp, &at, in->argc);
	at = exec_put_vector(p, img, at, in->argc, &s, &str);
	return exec_put_vector(p, img, at, in->envc, &s, &str);
}

uint64_t exec_stack_build(const struct exec_stack_in *in, uint8_t *img, size_t img_len)
{
	struct exec_stack_plan p;
	uint64_t at;
	const uint64_t auxv[EXEC_STACK_AUXV_PAIRS][2] = {
		{ AT_HWCAP, in->hwcap }, { AT_PAGESZ, 4096 },	 { AT_CLKTCK, 100 },
		{ AT_PHDR, in->phdr },	 { AT_PHENT, 56 },	 { AT_PHNUM, in->phnum },
		{ AT_BASE, 0 },		 { AT_FLAGS, 0 },	 { AT_ENTRY, in->entry },
		{ AT_UID, 0 },		 { AT_EUID, 0 },	 { AT_GID, 0 },
		{ AT_EGID, 0 },		 { AT_SECURE, 0 },	 { AT_RANDOM, 0 },
		{ AT_EXECFN, 0 },	 { AT_PLATFORM, 0 },	 { AT_NULL, 0 },
	};

	exec_stack_plan(in, &p);
	for (size_t i = 0; i < img_len; i++)
		img[i] = 0;
	exec_put(img, p.sp, p.execfn, in->execfn, exec_strlen(in->execfn) + 1);
	exec_put(img, p.sp, p.strings, in->strings, in->strings_len);
	exec_put(img, p.sp, p.platform, exec_platform, sizeof(exec_platform));
	exec_put(img, p.sp, p.random, in->random, 16);
	at = exec_put_vectors(in, &p, img, p.sp);
	for (int i = 0; i < EXEC_STACK_AUXV_PAIRS; i++) {
		uint64_t value = auxv[i][1];

		if (auxv[i][0] == AT_RANDOM)
			value = p.random;
		else if (auxv[i][0] == AT_EXECFN)
			value = p.execfn;
		else if (auxv[i][0] == AT_PLATFORM)
			value = p.platform;
		exec_put_word(img, p.sp, &at, auxv[i][0]);
		exec_put_word(img, p.sp, &at, value);
	}
	return p.sp;
}
