/* SPDX-License-Identifier: Apache-2.0 */
/* The depfile of the initramfs packer: every host path the archive was made
 * from, in Make syntax, so Ninja repacks when any of them changes. */
#include "pack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pack_deps_add(struct pack_deps *deps, const char *path)
{
	char *copy;

	if (deps->count == deps->capacity) {
		size_t capacity = deps->capacity ? 2 * deps->capacity : 64;
		char **paths = realloc(deps->paths, capacity * sizeof(*paths));

		if (!paths)
			return -ENOMEM;
		deps->paths = paths;
		deps->capacity = capacity;
	}
	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	deps->paths[deps->count++] = copy;
	return 0;
}

/* Make's escapes: a space or '#' gets a backslash, '$' doubles. */
static void pack_deps_put_path(FILE *f, const char *path)
{
	for (; *path; path++) {
		if (*path == ' ' || *path == '#' || *path == '\\')
			fputc('\\', f);
		else if (*path == '$')
			fputc('$', f);
		fputc(*path, f);
	}
}

int pack_deps_write(const struct pack_deps *deps, const char *depfile, const char *target)
{
	FILE *f = fopen(depfile, "w");

	if (!f) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", depfile, strerror(errno));
		return -errno;
	}
	pack_deps_put_path(f, target);
	fputc(':', f);
	for (size_t i = 0; i < deps->count; i++) {
		fputs(" \\\n  ", f);
		pack_deps_put_path(f, deps->paths[i]);
	}
	fputc('\n', f);
	if (fclose(f)) {
		fprintf(stderr, "gen_initramfs: %s: %s\n", depfile, strerror(errno));
		return -EIO;
	}
	return 0;
}

void pack_deps_free(struct pack_deps *deps)
{
	for (size_t i = 0; i < deps->count; i++)
		free(deps->paths[i]);
	free(deps->paths);
	deps->paths = NULL;
	deps->count = deps->capacity = 0;
}
