/* SPDX-License-Identifier: Apache-2.0 */
/*
 * idlc's command line: load the inputs, read the configuration, check, then
 * run the emitters that were asked for. Exit status: 0 valid, 1 errors,
 * 2 bad usage.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "out.h"
#include "out_uring.h"
#include "spec.h"

#define IDLC_VERSION "0.1.0"

struct options {
	const char *root, *config, *headers, *bind, *kconfig, *syscalls, *docs, *json;
	const char *depfile, *dep_target;
	bool list;
};

static void usage(FILE *f)
{
	fputs("usage: idlc [options] INPUT...\n"
	      "Checks a Tessera spec and generates what wires a kernel together.\n"
	      "An INPUT directory is searched recursively for *.idl files; a file named\n"
	      "component.idl is a component manifest. Without output options idlc only checks.\n"
	      "\n"
	      "  --root DIR         show paths relative to DIR (default: the current directory)\n"
	      "  -I DIR             also look for imports in DIR\n"
	      "  --config FILE      the Kconfig configuration (.config): selects components\n"
	      "  --headers DIR      C headers, one per IDL file: DIR/include/tessera/<file>.h\n"
	      "  --bind DIR         binding glue, component headers and the init table (needs --config)\n"
	      "  --kconfig FILE     the Kconfig fragment: a menu per interface\n"
	      "  --syscalls DIR     syscall numbers, dispatch table, decoder table, user stubs\n"
	      "  --docs DIR         documentation: HTML and Markdown, the component graph (DOT, SVG)\n"
	      "  --json FILE        the checked spec as JSON (- for standard output)\n"
	      "  --list             interfaces, their implementations and which one is bound\n"
	      "  --depfile FILE     write the inputs read as a Make dependency file ...\n"
	      "  --dep-target NAME  ... for target NAME\n"
	      "  --help, --version\n"
	      "\n"
	      "Diagnostics are explained in docs/diagnostics.md.\n",
	      f);
}

static int parse_options(int argc, char **argv, struct options *o, struct spec **specp)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },     { "config", required_argument, NULL, 'c' },
		{ "headers", required_argument, NULL, 'H' },  { "bind", required_argument, NULL, 'b' },
		{ "kconfig", required_argument, NULL, 'k' },  { "syscalls", required_argument, NULL, 's' },
		{ "docs", required_argument, NULL, 'd' },     { "json", required_argument, NULL, 'j' },
		{ "list", no_argument, NULL, 'l' },           { "depfile", required_argument, NULL, 'D' },
		{ "dep-target", required_argument, NULL, 'T' }, { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },        { NULL, 0, NULL, 0 },
	};
	const char *includes[64];
	int nincludes = 0, ch;

	while ((ch = getopt_long(argc, argv, "I:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': o->root = optarg; break;
		case 'I':
			if (nincludes < 64)
				includes[nincludes++] = optarg;
			break;
		case 'c': o->config = optarg; break;
		case 'H': o->headers = optarg; break;
		case 'b': o->bind = optarg; break;
		case 'k': o->kconfig = optarg; break;
		case 's': o->syscalls = optarg; break;
		case 'd': o->docs = optarg; break;
		case 'j': o->json = optarg; break;
		case 'l': o->list = true; break;
		case 'D': o->depfile = optarg; break;
		case 'T': o->dep_target = optarg; break;
		case 'h': usage(stdout); exit(0);
		case 'V': puts("idlc " IDLC_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind >= argc) {
		fputs("idlc: no input; give IDL files or directories (idlc --help)\n", stderr);
		return -1;
	}
	if (o->bind && !o->config) {
		fputs("idlc: --bind needs --config: the bindings depend on the selected components\n", stderr);
		return -1;
	}
	*specp = spec_new(o->root);
	for (int i = 0; i < nincludes; i++)
		spec_add_include_dir(*specp, includes[i]);
	return optind;
}

static int write_depfile(const struct spec *s, const struct options *o)
{
	struct out *f = out_new();

	out_printf(f, "%s:", o->dep_target ? o->dep_target : "idlc.stamp");
	for (const struct source *src = s->sources; src; src = src->next)
		out_printf(f, " \\\n  %s%s%s", src->path[0] == '/' ? "" : s->root, src->path[0] == '/' ? "" : "/",
			   src->path);
	if (o->config)
		out_printf(f, " \\\n  %s", o->config);
	out_puts(f, "\n");
	return out_commit(f, o->depfile);
}

static int report_write(const char *what, const char *where, int err)
{
	if (err)
		fprintf(stderr, "idlc: cannot write %s to %s: %s\n", what, where, strerror(-err));
	return err;
}

/* Outputs are written in batches, through io_uring where the kernel has it.
 * Each process that writes starts its own batch after fork(): a ring must
 * not be shared. */
static void start_batch(void)
{
	out_batch_begin(out_uring_start());
}

static int end_batch(void)
{
	int err = out_batch_end();

	out_uring_stop();
	return err;
}

/* An emitter's result once the files it queued are on disk, so that a write
 * error is reported against the output it belongs to. */
static int flushed(int err)
{
	int flush_err = out_flush();

	return err ? err : flush_err;
}

/* The documentation is the largest output (a page per interface and per
 * component, twice): on a big spec a child process writes it while this one
 * writes the rest, using the second core. */
static bool docs_in_child(const struct spec *s, const struct options *o)
{
	bool others = o->headers || o->bind || o->kconfig || o->syscalls || o->json;

	return others && s->ninterfaces + s->ncomponents >= 512;
}

static int write_docs(const struct spec *s, const struct options *o)
{
	return report_write("documentation", o->docs, flushed(emit_docs(s, o->docs)));
}

/* Forks a child that writes the documentation. Returns its pid, or 0 when
 * there is no child (the documentation is then written here). */
static pid_t fork_docs(const struct spec *s, const struct options *o)
{
	pid_t pid = fork();

	if (pid == 0) {
		start_batch();
		int err = write_docs(s, o);
		err |= report_write("documentation", o->docs, end_batch());
		_exit(err ? 1 : 0);
	}
	return pid > 0 ? pid : 0;
}

static int wait_docs(pid_t pid)
{
	int status = 0;

	if (pid <= 0)
		return 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

static int run_emitters(const struct spec *s, const struct options *o)
{
	int err = 0;
	pid_t docs = o->docs && docs_in_child(s, o) ? fork_docs(s, o) : 0;

	/* Written before the batch starts: emit_dot.c hands components.dot to
	 * Graphviz, which reads it from the disk. (The child's batch relies on
	 * the graph of a spec that big not being rendered, or on emit_dot.c
	 * calling out_flush() before it runs `dot`.) */
	if (o->docs && !docs)
		err |= write_docs(s, o);
	start_batch();
	if (o->headers)
		err |= report_write("headers", o->headers, flushed(emit_headers(s, o->headers)));
	if (o->bind)
		err |= report_write("binding glue", o->bind, flushed(emit_bind(s, o->bind)));
	if (o->kconfig)
		err |= report_write("the Kconfig fragment", o->kconfig, flushed(emit_kconfig(s, o->kconfig)));
	if (o->syscalls)
		err |= report_write("syscall glue", o->syscalls, flushed(emit_syscalls(s, o->syscalls)));
	if (o->json)
		err |= report_write("JSON", o->json, flushed(emit_json(s, o->json)));
	if (o->list)
		err |= report_write("the list", "standard output", emit_list(s, stdout));
	if (o->depfile)
		err |= report_write("the dependency file", o->depfile, flushed(write_depfile(s, o)));
	err |= end_batch();
	err |= wait_docs(docs);
	return err;
}

/* idlc is short-lived: what it frees stays in the heap for reuse instead of
 * going back to the kernel, since getting memory back costs a page fault per
 * 4 KiB (10 to 25 us in the virtual machines where it was measured), and the
 * heap grows in large steps. Buffers up to 32 MiB come from the heap too. */
static void main_keep_freed_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	mallopt(M_TOP_PAD, 64 << 20);
}

int main(int argc, char **argv)
{
	main_keep_freed_memory();
	struct options o = { 0 };
	struct spec *s = NULL;
	int first = parse_options(argc, argv, &o, &s);

	if (first < 0)
		return 2;
	for (int i = first; i < argc; i++)
		spec_add_input(s, argv[i]);
	spec_load_imports(s);
	if (o.config)
		spec_read_config(s, o.config);
	spec_check(s);
	int nerrors = diag_error_count();
	if (nerrors) {
		fprintf(stderr, "idlc: %d error%s\n", nerrors, nerrors == 1 ? "" : "s");
		spec_free(s);
		return 1;
	}
	int err = run_emitters(s, &o);
	spec_free(s);
	return err ? 1 : 0;
}
