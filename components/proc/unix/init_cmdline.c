/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The command-line split for init (init_cmdline.h).
 */
#include "init_cmdline.h"

#define INIT_ENAMETOOLONG 36 /* Linux's number; no kernel headers here */

static bool init_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Whether the word is a `key=value` and whether its key has a dot. */
static void init_classify(const char *w, size_t len, bool *has_eq, bool *dotted)
{
	*has_eq = false;
	*dotted = false;
	for (size_t i = 0; i < len && !*has_eq; i++) {
		if (w[i] == '=')
			*has_eq = true;
		else if (w[i] == '.')
			*dotted = true;
	}
	if (!*has_eq)
		*dotted = false; /* a plain word such as "a.out" is an argument */
}

static bool init_word_is(const char *w, size_t len, const char *s)
{
	size_t i = 0;

	for (; i < len && s[i]; i++)
		if (w[i] != s[i])
			return false;
	return i == len && !s[i];
}

static int init_take(const char *w, size_t len, char *init, size_t init_cap, init_word_fn *add, void *ctx)
{
	bool has_eq, dotted;

	if (len > 5 && init_word_is(w, 5, "init=")) {
		if (len - 5 >= init_cap)
			return -INIT_ENAMETOOLONG;
		for (size_t i = 5; i < len; i++)
			init[i - 5] = w[i];
		init[len - 5] = '\0';
		return 0;
	}
	init_classify(w, len, &has_eq, &dotted);
	if (dotted)
		return 0;
	return add(ctx, w, len, has_eq);
}

int init_cmdline_split(const char *cmdline, char *init, size_t init_cap, init_word_fn *add, void *ctx)
{
	const char *s = cmdline;
	bool rest_are_args = false;

	for (;;) {
		const char *w;
		int err;

		while (init_is_space(*s))
			s++;
		if (!*s)
			return 0;
		for (w = s; *s && !init_is_space(*s); s++)
			;
		if (rest_are_args)
			err = add(ctx, w, (size_t)(s - w), false);
		else if (init_word_is(w, (size_t)(s - w), "--"))
			err = (rest_are_args = true, 0);
		else
			err = init_take(w, (size_t)(s - w), init, init_cap, add, ctx);
		if (err)
			return err;
	}
}
