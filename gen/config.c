/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reads a Kconfig configuration (.config or auto.conf): which components are
 * selected and the tunables' values. The checker interprets the entries.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "spec.h"

/* `# CONFIG_FOO is not set` */
static bool config_parse_unset(struct spec *s, const char *line, struct config_entry *e)
{
	const char *suffix = " is not set";
	size_t n = strlen(line), sn = strlen(suffix);

	if (strncmp(line, "# CONFIG_", 9) != 0 || n < 9 + sn || strcmp(line + n - sn, suffix) != 0)
		return false;
	e->name = arena_strndup(s->arena, line + 9, n - 9 - sn);
	e->value = "n";
	return true;
}

/* `CONFIG_FOO=value`, with "quoted" strings unescaped. */
static bool config_parse_set(struct spec *s, const char *line, struct config_entry *e)
{
	const char *eq = strchr(line, '=');

	if (strncmp(line, "CONFIG_", 7) != 0 || !eq)
		return false;
	e->name = arena_strndup(s->arena, line + 7, (size_t)(eq - line - 7));
	const char *v = eq + 1;
	size_t n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		char *out = arena_alloc(s->arena, n);
		size_t k = 0;

		for (size_t i = 1; i + 1 < n; i++) {
			if (v[i] == '\\' && i + 2 < n)
				i++;
			out[k++] = v[i];
		}
		e->value = out;
	} else {
		e->value = arena_strdup(s->arena, v);
	}
	return true;
}

/* Shown in banners and messages: relative to the root when below it, else
 * its base name, so generated files do not depend on the build directory. */
static char *config_display_path(struct spec *s, const char *path)
{
	char abs[PATH_MAX];
	size_t n = strlen(s->root);

	if (!realpath(path, abs))
		return arena_strdup(s->arena, path);
	if (strncmp(abs, s->root, n) == 0 && abs[n] == '/')
		return arena_strdup(s->arena, abs + n + 1);
	const char *base = strrchr(abs, '/');
	return arena_strdup(s->arena, base ? base + 1 : abs);
}

int spec_read_config(struct spec *s, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	struct config_entry **tail = &s->config.entries;

	if (!f) {
		int err = -errno;
		diag_error_at(11, path, "cannot read configuration: %s", strerror(-err));
		return err;
	}
	s->has_config = true;
	s->config.path = config_display_path(s, path);
	for (int lineno = 1; fgets(line, sizeof(line), f); lineno++) {
		struct config_entry *e = arena_alloc(s->arena, sizeof(*e));

		line[strcspn(line, "\r\n")] = '\0';
		if (!config_parse_set(s, line, e) && !config_parse_unset(s, line, e))
			continue;
		e->line = lineno;
		*tail = e;
		tail = &e->next;
	}
	fclose(f);
	return 0;
}
