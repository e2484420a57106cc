/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Loading sources: files, directory trees and imports, each parsed once.
 * Paths are shown relative to the spec's root so messages and generated
 * banners are the same wherever the tree is checked out.
 */
#include "spec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "parse_ctx.h"
#include "symtab.h"

struct include_dir {
	char *path;
	struct include_dir *next;
};

/* Loader state that the model does not need, kept beside it. */
struct loader {
	struct symtab *by_realpath; /* canonical path -> struct source */
	struct include_dir *includes;
	struct source **tail;
	char root_abs[PATH_MAX];
};

static struct loader *loader_of(struct spec *s);

struct spec *spec_new(const char *root)
{
	struct spec *s = calloc(1, sizeof(*s) + sizeof(struct loader));

	if (!s) {
		fputs("idlc: out of memory\n", stderr);
		abort();
	}
	struct loader *ld = loader_of(s);
	s->arena = arena_new();
	s->names = symtab_new();
	ld->by_realpath = symtab_new();
	ld->tail = &s->sources;
	if (!root)
		root = ".";
	if (!realpath(root, ld->root_abs))
		snprintf(ld->root_abs, sizeof(ld->root_abs), "%s", root);
	s->root = ld->root_abs;
	return s;
}

static struct loader *loader_of(struct spec *s)
{
	return (struct loader *)(s + 1);
}

void spec_free(struct spec *s)
{
	if (!s)
		return;
	symtab_free(loader_of(s)->by_realpath);
	symtab_free(s->names);
	arena_free(s->arena);
	free(s);
}

void spec_add_include_dir(struct spec *s, const char *dir)
{
	struct loader *ld = loader_of(s);
	struct include_dir *inc = arena_alloc(s->arena, sizeof(*inc));
	struct include_dir **p = &ld->includes;

	inc->path = arena_strdup(s->arena, dir);
	while (*p)
		p = &(*p)->next;
	*p = inc;
}

static bool load_is_manifest(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, "component.idl") == 0;
}

/* The path as shown: relative to the root when below it. */
static char *load_display_path(struct spec *s, const char *abs)
{
	const char *root = loader_of(s)->root_abs;
	size_t n = strlen(root);

	if (strncmp(abs, root, n) == 0 && abs[n] == '/')
		return arena_strdup(s->arena, abs + n + 1);
	return arena_strdup(s->arena, abs);
}

static struct source *load_new_source(struct spec *s, char *path, char *text, size_t len, bool is_manifest)
{
	struct loader *ld = loader_of(s);
	struct source *src = arena_alloc(s->arena, sizeof(*src));

	src->path = path;
	src->text = text;
	src->len = len;
	src->is_manifest = is_manifest;
	*ld->tail = src;
	ld->tail = &src->next;
	parse_source(s, src);
	return src;
}

void spec_add_buffer(struct spec *s, const char *name, const char *data, size_t len, bool is_manifest)
{
	char *text = arena_alloc(s->arena, len + 1);

	memcpy(text, data, len);
	load_new_source(s, arena_strdup(s->arena, name), text, len, is_manifest);
}

/* Plain open/read: a 10k-component tree means 11k files, so every system
 * call per file counts. */
static int load_read_file(struct spec *s, const char *path, char **text, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	*text = arena_alloc(s->arena, (size_t)st.st_size + 1);
	*len = 0;
	while (*len < (size_t)st.st_size) {
		ssize_t n = read(fd, *text + *len, (size_t)st.st_size - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : 0;
			break;
		}
		*len += (size_t)n;
	}
	close(fd);
	return err;
}

/* Loads a file, given its canonical path, once; returns its source, or
 * NULL after `*err` is set. */
static struct source *load_file_abs(struct spec *s, const char *abs, int *err)
{
	struct loader *ld = loader_of(s);
	char *text = NULL;
	size_t len = 0;
	struct source *seen = symtab_get(ld->by_realpath, abs);
	if (seen)
		return seen;
	*err = load_read_file(s, abs, &text, &len);
	if (*err)
		return NULL;
	char *display = load_display_path(s, abs);
	struct source *src = load_new_source(s, display, text, len, load_is_manifest(abs));
	symtab_put(ld->by_realpath, arena_strdup(s->arena, abs), src);
	return src;
}

static struct source *load_file(struct spec *s, const char *path, int *err)
{
	char abs[PATH_MAX];

	if (!realpath(path, abs)) {
		*err = -errno;
		return NULL;
	}
	return load_file_abs(s, abs, err);
}

static bool load_has_idl_suffix(const char *name);

static bool load_entry_is_dir(const char *dir, const struct dirent *e)
{
	struct stat st;

	if (e->d_type != DT_UNKNOWN && e->d_type != DT_LNK)
		return e->d_type == DT_DIR;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int load_compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool load_has_idl_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".idl") == 0;
}

/* The entries of dir worth visiting (directories end in '/'), sorted so load
 * order (and therefore every output) does not depend on the file system. */
static char **load_list_dir(struct spec *s, const char *dir, size_t *count, int *err)
{
	DIR *d = opendir(dir);
	size_t n = 0, cap = 16;
	char **names = malloc(cap * sizeof(*names));

	*err = 0;
	if (!d || !names) {
		*err = d ? -ENOMEM : -errno;
		if (d)
			closedir(d);
		free(names);
		return NULL;
	}
	for (struct dirent *e; (e = readdir(d));) {
		bool is_dir = load_entry_is_dir(dir, e);

		if (e->d_name[0] == '.' || (!is_dir && !load_has_idl_suffix(e->d_name)))
			continue;
		if (n == cap)
			names = realloc(names, (cap *= 2) * sizeof(*names));
		names[n++] = arena_printf(s->arena, "%s/%s%s", dir, e->d_name, is_dir ? "/" : "");
	}
	closedir(d);
	qsort(names, n, sizeof(*names), load_compare_names);
	*count = n;
	return names;
}

/* dir is canonical (from realpath), so the paths built below it are too,
 * short of symbolic links inside the tree, which are followed as found. */
static int load_dir(struct spec *s, const char *dir)
{
	size_t n = 0;
	int err;
	char **names = load_list_dir(s, dir, &n, &err);

	for (size_t i = 0; i < n && !err; i++) {
		size_t len = strlen(names[i]);

		if (names[i][len - 1] == '/') {
			names[i][len - 1] = '\0';
			err = load_dir(s, names[i]);
		} else if (!load_file_abs(s, names[i], &err)) {
			diag_error_at(10, names[i], "cannot read: %s", strerror(-err));
		}
	}
	free(names);
	return err;
}

int spec_add_input(struct spec *s, const char *path)
{
	struct stat st;
	int err = 0;

	if (stat(path, &st) < 0) {
		err = -errno;
		diag_error_at(10, path, "cannot read input: %s", strerror(-err));
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		char abs[PATH_MAX];

		if (!realpath(path, abs)) {
			err = -errno;
			diag_error_at(10, path, "cannot read input: %s", strerror(-err));
			return err;
		}
		return load_dir(s, abs);
	}
	if (!load_file(s, path, &err))
		diag_error_at(10, path, "cannot read input: %s", strerror(-err));
	return err;
}

/* Looks for an import beside the importing file, then in each -I directory. */
static struct source *load_resolve_import(struct spec *s, struct source *from, struct import *imp)
{
	struct loader *ld = loader_of(s);
	int err = 0;
	const char *slash = strrchr(from->path, '/');
	int dirlen = slash ? (int)(slash - from->path) : 0;
	const char *dir = from->path[0] == '/' ? arena_printf(s->arena, "%.*s", dirlen, from->path)
					       : arena_printf(s->arena, "%s/%.*s", ld->root_abs, dirlen, from->path);
	const char *cand = arena_printf(s->arena, "%s/%s", dir, imp->path);

	if (access(cand, R_OK) == 0)
		return load_file(s, cand, &err);
	for (struct include_dir *inc = ld->includes; inc; inc = inc->next) {
		cand = arena_printf(s->arena, "%s/%s", inc->path, imp->path);
		if (access(cand, R_OK) == 0)
			return load_file(s, cand, &err);
	}
	return NULL;
}

void spec_load_imports(struct spec *s)
{
	/* Sources appended while walking are walked too: imports are transitive. */
	for (struct source *src = s->sources; src; src = src->next) {
		for (struct import *imp = src->imports; imp; imp = imp->next) {
			imp->target = load_resolve_import(s, src, imp);
			if (imp->target)
				continue;
			diag_error(10, imp->loc, "cannot find imported file `%s`", imp->path);
			diag_help("imports are looked up beside the importing file, then in each -I directory");
		}
	}
}
