/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading the platform's key=value words from the kernel command line
 * (struct boot_info's copy). Used by timer.c for hz=.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline.h"
#include "error_numbers.h"

/* Whether word (len bytes) is "key=...". */
static bool cmdline_word_has_key(const char *word, size_t len, const char *key)
{
	size_t i = 0;

	while (key[i] && i < len && word[i] == key[i])
		i++;
	return !key[i] && i < len && word[i] == '=';
}

static int cmdline_parse_uint(const char *text, size_t len, uint64_t *value)
{
	uint64_t v = 0;

	if (len == 0)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		unsigned digit = (unsigned)(text[i] - '0');

		if (digit > 9)
			return -EINVAL;
		if (v > (UINT64_MAX - digit) / 10)
			return -ERANGE;
		v = v * 10 + digit;
	}
	*value = v;
	return 0;
}

int cmdline_get_uint(const char *cmdline, const char *key, uint64_t *value)
{
	const char *found = NULL;
	size_t found_len = 0, key_len = 0;

	while (key[key_len])
		key_len++;
	/* The last occurrence wins, as with Linux's parameters. */
	for (const char *p = cmdline; *p;) {
		size_t len = 0;

		while (p[len] && p[len] != ' ')
			len++;
		if (cmdline_word_has_key(p, len, key)) {
			found = p + key_len + 1;
			found_len = len - key_len - 1;
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	if (!found)
		return -ENOENT;
	return cmdline_parse_uint(found, found_len, value);
}
