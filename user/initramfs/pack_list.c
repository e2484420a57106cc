/* SPDX-License-Identifier: Apache-2.0 */
/* A cpio list file source, in Linux's gen_init_cpio format, one entry a line:
 *   file NAME LOCATION MODE UID GID [HARDLINK...]
 *   dir NAME MODE UID GID
 *   nod NAME MODE UID GID b|c MAJ MIN
 *   slink NAME TARGET MODE UID GID
 *   pipe NAME MODE UID GID
 *   sock NAME MODE UID GID
 * '#' starts a comment; MODE is octal. LOCATION may use ${VAR} from the
 * environment (as Linux), and a relative LOCATION is taken from the list
 * file's directory. An error names the list file and the line. */
#include "pack.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PACK_LIST_MAX_WORDS 16

/* The line being read, for the handlers and their error messages. */
struct pack_list_line {
	const char *list;
	unsigned lineno;
	char *words[PACK_LIST_MAX_WORDS];
	int count;
	struct cpio_writer *w;
	struct pack_deps *deps;
};

static int pack_list_error(const struct pack_list_line *l, const char *message, const char *what)
{
	fprintf(stderr, "%s:%u: error: %s%s%s%s\n", l->list, l->lineno, message, what ? " '" : "",
		what ? what : "", what ? "'" : "");
	return -EINVAL;
}

/* A whole word as an unsigned number in base (8 for modes, 10 otherwise). */
static int pack_list_number(const struct pack_list_line *l, int index, int base, unsigned long max,
			    uint32_t *out)
{
	const char *word = l->words[index];
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(word, &end, base);
	if (!*word || *end || *word == '-' || *word == '+' || errno || value > max)
		return pack_list_error(l, base == 8 ? "bad octal mode" : "bad number", word);
	*out = (uint32_t)value;
	return 0;
}

/* MODE UID GID from words[first..first+2] into e. */
static int pack_list_attrs(const struct pack_list_line *l, int first, struct cpio_entry *e)
{
	int err = pack_list_number(l, first, 8, 07777, &e->mode);

	if (!err)
		err = pack_list_number(l, first + 1, 10, UINT32_MAX, &e->uid);
	if (!err)
		err = pack_list_number(l, first + 2, 10, UINT32_MAX, &e->gid);
	return err;
}

/* LOCATION with ${VAR} expanded, made relative to the list file's directory. */
static int pack_list_location(const struct pack_list_line *l, const char *word, char *out, size_t size)
{
	char expanded[PATH_MAX];
	size_t n = 0;

	for (const char *p = word; *p && n < sizeof(expanded) - 1;) {
		const char *close = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
		if (!close) {
			expanded[n++] = *p++;
			continue;
		}
		char var[256];
		const char *value;

		snprintf(var, sizeof(var), "%.*s", (int)(close - p - 2), p + 2);
		value = getenv(var);
		if (!value)
			return pack_list_error(l, "environment variable not set:", var);
		n += (size_t)snprintf(expanded + n, sizeof(expanded) - n, "%s", value);
		if (n >= sizeof(expanded) - 1)
			return pack_list_error(l, "path too long:", word);
		p = close + 1;
	}
	if (n >= sizeof(expanded) - 1)
		return pack_list_error(l, "path too long:", word);
	expanded[n] = '\0';
	const char *slash = strrchr(l->list, '/');
	int dir_len = slash ? (int)(slash - l->list) : 1;
	const char *dir = slash ? l->list : ".";

	if (expanded[0] == '/')
		dir_len = 0;
	if (snprintf(out, size, "%.*s%s%s", dir_len, dir, dir_len ? "/" : "", expanded) >= (int)size)
		return pack_list_error(l, "path too long:", word);
	return 0;
}

static int pack_list_file_line(struct pack_list_line *l)
{
	struct cpio_entry e = { 0 };
	char location[PATH_MAX];
	const char *names[PACK_LIST_MAX_WORDS];
	size_t name_count = 0;
	int err = pack_list_attrs(l, 3, &e);

	if (!err)
		err = pack_list_location(l, l->words[2], location, sizeof(location));
	if (err)
		return err;
	names[name_count++] = l->words[1];
	for (int i = 6; i < l->count; i++)
		names[name_count++] = l->words[i];
	err = pack_file(l->w, l->deps, names, name_count, location, &e);
	return err ? pack_list_error(l, "cannot pack", location) : 0;
}

static int pack_list_simple_line(struct pack_list_line *l, uint32_t type)
{
	struct cpio_entry e = { .name = pack_archive_name(l->words[1]), .nlink = 1 };
	int err = pack_list_attrs(l, 2, &e);

	if (err)
		return err;
	e.mode |= type;
	if (type == S_IFDIR)
		e.nlink = 2;
	return cpio_write_entry(l->w, &e);
}

static int pack_list_nod_line(struct pack_list_line *l)
{
	struct cpio_entry e = { .name = pack_archive_name(l->words[1]), .nlink = 1 };
	const char *type = l->words[5];
	int err = pack_list_attrs(l, 2, &e);

	if (!err && strcmp(type, "c") && strcmp(type, "b"))
		err = pack_list_error(l, "device type must be 'b' or 'c', not", type);
	if (!err)
		err = pack_list_number(l, 6, 10, 0xfff, &e.rdev_major);
	if (!err)
		err = pack_list_number(l, 7, 10, 0xfffff, &e.rdev_minor);
	if (err)
		return err;
	e.mode |= type[0] == 'c' ? S_IFCHR : S_IFBLK;
	return cpio_write_entry(l->w, &e);
}

static int pack_list_slink_line(struct pack_list_line *l)
{
	struct cpio_entry e = { .name = pack_archive_name(l->words[1]), .nlink = 1 };
	int err = pack_list_attrs(l, 3, &e);

	if (err)
		return err;
	e.mode |= S_IFLNK;
	e.data = l->words[2];
	e.size = (uint32_t)strlen(l->words[2]);
	return cpio_write_entry(l->w, &e);
}

/* The keywords: how many words a line has (the keyword included; file
 * takes more for its hard links) and what handles it. */
static const struct pack_list_keyword {
	const char *word;
	int words;
	bool more_allowed;
	uint32_t type;
} pack_list_keywords[] = {
	{ "file", 6, true, S_IFREG },	{ "dir", 5, false, S_IFDIR },
	{ "nod", 8, false, S_IFCHR },	{ "slink", 6, false, S_IFLNK },
	{ "pipe", 5, false, S_IFIFO },	{ "sock", 5, false, S_IFSOCK },
};

static int pack_list_dispatch(struct pack_list_line *l)
{
	for (size_t i = 0; i < sizeof(pack_list_keywords) / sizeof(pack_list_keywords[0]); i++) {
		const struct pack_list_keyword *k = &pack_list_keywords[i];

		if (strcmp(l->words[0], k->word))
			continue;
		if (l->count < k->words || (l->count > k->words && !k->more_allowed))
			return pack_list_error(l, "wrong number of fields for", k->word);
		if (k->type == S_IFREG)
			return pack_list_file_line(l);
		if (k->type == S_IFCHR)
			return pack_list_nod_line(l);
		if (k->type == S_IFLNK)
			return pack_list_slink_line(l);
		return pack_list_simple_line(l, k->type);
	}
	return pack_list_error(l, "unknown entry type", l->words[0]);
}

/* Splits line into words, stopping at a '#' comment. */
static int pack_list_split(struct pack_list_line *l, char *line)
{
	char *save = NULL;

	l->count = 0;
	for (char *word = strtok_r(line, " \t\r\n", &save); word; word = strtok_r(NULL, " \t\r\n", &save)) {
		if (word[0] == '#')
			break;
		if (l->count == PACK_LIST_MAX_WORDS)
			return pack_list_error(l, "too many fields", NULL);
		l->words[l->count++] = word;
	}
	return 0;
}

int pack_list_file(struct cpio_writer *w, struct pack_deps *deps, const char *list)
{
	struct pack_list_line l = { .list = list, .w = w, .deps = deps };
	char line[4096];
	int err = 0;
	FILE *f = fopen(list, "r");

	if (!f) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", list, strerror(errno));
		return -errno;
	}
	err = pack_deps_add(deps, list);
	while (!err && fgets(line, sizeof(line), f)) {
		l.lineno++;
		if (l.lineno == 1 && !strncmp(line, "070701", 6))
			err = pack_list_error(&l, "a cpio archive is not a source here; unpack it into a directory",
					      NULL);
		else if (!strchr(line, '\n') && !feof(f))
			err = pack_list_error(&l, "line too long", NULL);
		else
			err = pack_list_split(&l, line);
		if (!err && l.count)
			err = pack_list_dispatch(&l);
	}
	fclose(f);
	return err;
}
