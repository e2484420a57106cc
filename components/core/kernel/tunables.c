/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Kernel command line settings of the form component.tunable=value, applied
 * to the generated tunables table (bind.c) before any init runs. Integers
 * are decimal or 0x hex and must lie in the tunable's range; booleans are
 * y/n, 1/0 or true/false; strings are the rest of the word.
 */
#include <tessera/components/kernel_core.h>
#include <tessera/composition.h>
#include <tessera/kprintf.h>

#include "core.h"

enum { TUNABLE_WORD_MAX = 128, TUNABLE_STRINGS = 1024 };

/* String values live here: the command line itself is not ours to cut up. */
static char tunable_strings[TUNABLE_STRINGS];
static size_t tunable_strings_used;

static bool tunable_parse_int(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	unsigned base = 10;
	uint64_t v = 0;

	s += neg;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = (*s >= '0' && *s <= '9') ? (unsigned)(*s - '0')
			   : (*s >= 'a' && *s <= 'f') ? (unsigned)(*s - 'a' + 10)
			   : (*s >= 'A' && *s <= 'F') ? (unsigned)(*s - 'A' + 10) : 99;
		if (d >= base || v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

static bool tunable_parse_bool(const char *s, int64_t *out)
{
	if (core_str_eq(s, "y") || core_str_eq(s, "1") || core_str_eq(s, "true"))
		*out = 1;
	else if (core_str_eq(s, "n") || core_str_eq(s, "0") || core_str_eq(s, "false"))
		*out = 0;
	else
		return false;
	return true;
}

static void tunable_store_int(const struct tessera_tunable *t, int64_t v)
{
	switch (t->size) {
	case 1: *(uint8_t *)t->value = (uint8_t)v; break;
	case 2: *(uint16_t *)t->value = (uint16_t)v; break;
	case 4: *(uint32_t *)t->value = (uint32_t)v; break;
	default: *(uint64_t *)t->value = (uint64_t)v; break;
	}
}

static bool tunable_store_string(const struct tessera_tunable *t, const char *s)
{
	size_t n = core_str_len(s) + 1;

	if (tunable_strings_used + n > sizeof(tunable_strings))
		return false;
	char *copy = tunable_strings + tunable_strings_used;
	__builtin_memcpy(copy, s, n);
	tunable_strings_used += n;
	*(const char **)t->value = copy;
	return true;
}

/* Sets one tunable from text; false when the text is not a valid value. */
static bool tunable_set(const struct tessera_tunable *t, const char *text)
{
	int64_t v;
	bool has_range = t->min != 0 || t->max != 0;

	if (t->type == TUNABLE_STRING)
		return tunable_store_string(t, text);
	if (t->type == TUNABLE_BOOL) {
		if (!tunable_parse_bool(text, &v))
			return false;
		*(bool *)t->value = v != 0;
		return true;
	}
	if (!tunable_parse_int(text, &v) || (t->type == TUNABLE_UINT && v < 0))
		return false;
	if (has_range && (v < t->min || v > t->max))
		return false;
	tunable_store_int(t, v);
	return true;
}

static const struct tessera_tunable *tunable_find(const char *component, const char *name)
{
	for (size_t i = 0; i < tessera_ntunables; i++)
		if (core_str_eq(tessera_tunables[i].component, component) &&
		    core_str_eq(tessera_tunables[i].name, name))
			return &tessera_tunables[i];
	return NULL;
}

/* word is "component.name=value", split in place (it is our copy). */
static void tunable_apply_word(char *word)
{
	char *dot = NULL, *eq = NULL;

	for (char *p = word; *p && !eq; p++) {
		if (*p == '.' && !dot)
			dot = p;
		else if (*p == '=')
			eq = p;
	}
	if (!dot || !eq || eq < dot)
		return; /* not a tunable: someone else's word */
	*dot = '\0';
	*eq = '\0';
	const struct tessera_tunable *t = tunable_find(word, dot + 1);
	if (!t)
		kprintf("tunables: no tunable %s.%s in this kernel\n", word, dot + 1);
	else if (!tunable_set(t, eq + 1))
		kprintf("tunables: %s.%s=%s is not a valid value, kept the default\n", word, dot + 1, eq + 1);
	else
		kprintf("tunables: %s.%s=%s\n", word, dot + 1, eq + 1);
}

void core_apply_tunables(const char *cmdline)
{
	char word[TUNABLE_WORD_MAX];

	while (*cmdline) {
		size_t n = 0;

		while (*cmdline == ' ')
			cmdline++;
		while (cmdline[n] && cmdline[n] != ' ')
			n++;
		if (n > 0 && n < sizeof(word)) {
			__builtin_memcpy(word, cmdline, n);
			word[n] = '\0';
			tunable_apply_word(word);
		}
		cmdline += n;
	}
}
