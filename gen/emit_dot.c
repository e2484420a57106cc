/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The component graph of the documentation site: DIR/components.dot in
 * Graphviz form and, when Graphviz's `dot` is installed, DIR/components.svg
 * rendered from it. emit_docs.c calls docs_graph() before the pages that
 * embed the picture.
 */
#include <errno.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ast.h"
#include "docs.h"
#include "emit.h"
#include "markdown.h"
#include "out.h"

extern char **environ;

/* Past this many nodes `dot` runs for minutes and the picture is
 * unreadable anyway; components.dot is still written. */
#define DOT_MAX_SVG_NODES 1500

/* A DOT string literal: quotes and backslashes escaped, one line. */
static void dot_quoted(struct out *o, const char *s, size_t n)
{
	out_putc(o, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			out_putc(o, '\\');
		out_putc(o, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	}
	out_putc(o, '"');
}

static void dot_node(struct out *o, const struct decl *comp)
{
	struct md_span sum = markdown_summary(comp->doc);

	out_putc(o, '\t');
	dot_quoted(o, comp->name, strlen(comp->name));
	out_printf(o, " [URL=\"html/components/%s.html\", tooltip=", comp->name);
	dot_quoted(o, sum.p, sum.len);
	out_puts(o, "];\n");
}

static void dot_edge(struct out *o, const struct decl *from, const struct decl *to,
		     const struct decl *iface, bool is_optional)
{
	out_printf(o, "\t\"%s\" -> \"%s\" [label=\"%s\"%s];\n", from->name, to->name, iface->name,
		   is_optional ? ", style=dashed" : "");
}

/* Without a configuration nothing is bound, so every provider of a required
 * interface is a possible dependency. */
static void dot_all_edges(struct out *o, const struct spec *s)
{
	for (size_t i = 0; i < s->ncomponents; i++) {
		const struct decl *comp = s->components[i];

		for (const struct require *r = comp->u.comp.requires; r; r = r->next) {
			const struct decl *iface = r->iface.decl;

			for (size_t k = 0; iface && k < iface->u.iface.nproviders; k++)
				dot_edge(o, comp, iface->u.iface.providers[k], iface, r->is_optional);
		}
	}
}

/* Returns the number of nodes. */
static size_t dot_print(struct out *o, const struct spec *s)
{
	size_t nodes = 0;

	out_printf(o, "// %s\n", banner_text(s, NULL));
	out_puts(o, "digraph components {\n"
		    "\tgraph [rankdir=TB, fontname=\"Helvetica\"];\n"
		    "\tnode [shape=box, style=\"rounded,filled\", fillcolor=\"#e8eef7\", "
		    "color=\"#25344a\", fontname=\"Helvetica\", fontsize=11];\n"
		    "\tedge [color=\"#5a6472\", fontname=\"Helvetica\", fontsize=9];\n\n");
	for (size_t i = 0; i < s->ncomponents; i++) {
		if (s->has_config && !s->components[i]->u.comp.is_selected)
			continue;
		dot_node(o, s->components[i]);
		nodes++;
	}
	if (nodes)
		out_putc(o, '\n');
	if (s->has_config) {
		for (size_t i = 0; i < s->nedges; i++) {
			const struct dep_edge *e = &s->edges[i];

			dot_edge(o, e->from, e->to, e->iface, e->is_optional);
		}
	} else {
		dot_all_edges(o, s);
	}
	out_puts(o, "}\n");
	return nodes;
}

static bool dot_file_equals(const char *path, const struct out *o)
{
	struct stat st;
	FILE *f;
	char *old;
	bool same;

	if (stat(path, &st) < 0 || (size_t)st.st_size != out_len(o))
		return false;
	f = fopen(path, "rb");
	if (!f)
		return false;
	old = malloc(out_len(o) + 1);
	same = old && fread(old, 1, out_len(o), f) == out_len(o) &&
	       memcmp(old, out_data(o), out_len(o)) == 0;
	free(old);
	fclose(f);
	return same;
}

/* The SVG on disk was rendered from this very .dot: skip running `dot`. */
static bool dot_svg_is_current(const char *dot_path, const char *svg_path, const struct out *o)
{
	struct stat dot_st, svg_st;

	if (!dot_file_equals(dot_path, o) || stat(dot_path, &dot_st) < 0 ||
	    stat(svg_path, &svg_st) < 0)
		return false;
	return svg_st.st_mtim.tv_sec > dot_st.st_mtim.tv_sec ||
	       (svg_st.st_mtim.tv_sec == dot_st.st_mtim.tv_sec &&
		svg_st.st_mtim.tv_nsec >= dot_st.st_mtim.tv_nsec);
}

/* Starts `dot -Tsvg dot_path` with its output on a pipe. Returns 0, 1 when
 * `dot` is not installed, or -errno. */
static int dot_spawn(const char *dot_path, pid_t *pid, int *fd)
{
	char *argv[] = { "dot", "-Tsvg", (char *)dot_path, NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], err;

	if (pipe(pipefd) < 0)
		return -errno;
	err = posix_spawn_file_actions_init(&fa);
	if (!err)
		err = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	if (!err)
		err = posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	if (!err)
		err = posix_spawnp(pid, "dot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (err) {
		close(pipefd[0]);
		return err == ENOENT ? 1 : -err;
	}
	*fd = pipefd[0];
	return 0;
}

/* Reads the SVG, then reaps `dot`; its exit status decides success. */
static int dot_collect(pid_t pid, int fd, struct out *svg)
{
	char buf[65536];
	int status, err = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		docs_write(svg, buf, (size_t)n);
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	if (err)
		return err;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "idlc: dot failed (%s %d) rendering the component graph\n",
			WIFEXITED(status) ? "exit status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -EIO;
	}
	return 0;
}

/* The banner goes right after the XML declaration, which must come first. */
static struct out *dot_svg_with_banner(const struct spec *s, const struct out *svg)
{
	const char *data = out_data(svg);
	const char *rest = data;
	struct out *o = out_new();

	if (strncmp(data, "<?xml", 5) == 0) {
		const char *nl = strchr(data, '\n');

		rest = nl ? nl + 1 : data + out_len(svg);
		docs_write(o, data, (size_t)(rest - data));
	}
	docs_banner_html(o, s, NULL);
	out_puts(o, rest);
	return o;
}

/* Runs `dot` on dot_path; 0 with *made telling whether an SVG came out. */
static int dot_render(const struct docs *d, const char *dot_path, const char *svg_path,
		      bool *made)
{
	struct out *svg;
	pid_t pid;
	int fd = -1, err = dot_spawn(dot_path, &pid, &fd);

	*made = false;
	if (err)
		return err > 0 ? 0 : err;
	svg = out_new();
	err = dot_collect(pid, fd, svg);
	if (!err) {
		err = out_commit(dot_svg_with_banner(d->s, svg), svg_path);
		*made = !err;
	}
	out_free(svg);
	return err;
}

static bool dot_svg_disabled(void)
{
	const char *env = getenv("IDLC_NO_SVG");

	return env && *env && strcmp(env, "0") != 0;
}

int docs_graph(struct docs *d)
{
	char dot_path[4096], svg_path[4096];
	struct out *o = out_new();
	size_t nodes = dot_print(o, d->s);
	bool current;
	int err;

	/* "./" keeps a directory named like an option from reaching `dot` as one. */
	if ((size_t)snprintf(dot_path, sizeof(dot_path), "%s%s/components.dot",
			     d->dir[0] == '-' ? "./" : "", d->dir) >= sizeof(dot_path) ||
	    (size_t)snprintf(svg_path, sizeof(svg_path), "%s/components.svg", d->dir) >=
		    sizeof(svg_path)) {
		out_free(o);
		return -ENAMETOOLONG;
	}
	d->has_svg = false;
	if (dot_svg_disabled() || nodes > DOT_MAX_SVG_NODES)
		return out_commit(o, dot_path);
	current = dot_svg_is_current(dot_path, svg_path, o);
	err = out_commit(o, dot_path);
	if (!err)
		err = out_flush(); /* `dot` reads the file: in a batch it may only be queued */
	if (err)
		return err;
	if (current) {
		d->has_svg = true;
		return 0;
	}
	return dot_render(d, dot_path, svg_path, &d->has_svg);
}
