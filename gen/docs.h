/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to the documentation emitter: emit_docs.c lays the site out and
 * calls the page renderers of emit_docs_html.c and emit_docs_md.c (one
 * docs_format each) and the graph writer of emit_dot.c.
 */
#ifndef IDLC_DOCS_H
#define IDLC_DOCS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

struct out;

/* What the site needs to know about one source file: its types are shown on
 * the pages of its interfaces, or on the shared types page if it has none. */
struct docs_file {
	const struct source *src;
	const struct decl *home; /* its first interface, or NULL */
	size_t nifaces;
	size_t ntypes;
};

struct docs {
	const struct spec *s;
	const char *dir;
	struct docs_file *files; /* open addressing by source pointer */
	size_t files_cap; /* a power of two */
	bool has_svg; /* DIR/components.svg matches DIR/components.dot */
	/* Where plain text is printed before a page escapes it: a renderer
	 * notes out_len() first and takes what follows. One buffer for all
	 * pages (renewed by emit_docs.c as it grows) saves an allocation per
	 * signature, which counts at 40,000 pages. */
	struct out *scratch;
};

/* One output format: a renderer per kind of page. Each prints a whole page,
 * banner included, into o; emit_docs.c names and commits the files. */
struct docs_format {
	const char *subdir; /* under DIR: "html", "md" */
	const char *ext;
	void (*index)(const struct docs *d, struct out *o);
	void (*interface)(const struct docs *d, struct out *o, const struct decl *iface);
	void (*component)(const struct docs *d, struct out *o, const struct decl *comp);
	void (*syscalls)(const struct docs *d, struct out *o);
	void (*types)(const struct docs *d, struct out *o);
	void (*style)(const struct docs *d, struct out *o); /* NULL: no style sheet */
};

extern const struct docs_format docs_html;
extern const struct docs_format docs_md;

/* DIR/components.dot, and DIR/components.svg when Graphviz is there; sets
 * d->has_svg. Returns 0 or -errno (also when `dot` fails). */
int docs_graph(struct docs *d);

/* ---- shared queries (emit_docs.c) ---- */

/*
 * The page printers' printf: %s is text and %c a name in code style, both
 * escaped by the format's own functions (a NULL string prints as a dash);
 * %r is raw, %d an int64_t, %z a size_t and %R the relative way up to the
 * format's root directory. Escaping by default is what keeps every name and
 * path in the spec safe to print.
 */
struct docs_printer {
	struct out *o;
	const char *rel;
	void (*text)(struct out *o, const char *s);
	void (*code)(struct out *o, const char *s);
};

void docs_vprintf(const struct docs_printer *pr, const char *fmt, va_list ap);

/* Appends n bytes of s (no NUL needed), as out_puts() would. */
void docs_write(struct out *o, const char *s, size_t n);
/* The file record of src, or NULL. */
const struct docs_file *docs_file_of(const struct docs *d, const struct source *src);
/* Whether the page of iface lists the types of its file: always for the
 * file's first interface, and for the others while that stays cheap. */
bool docs_shows_types(const struct docs *d, const struct decl *iface);
/* The interface page documenting a type (NULL: the shared types page). */
const struct decl *docs_type_home(const struct docs *d, const struct decl *type);
/* Consts, typedefs, enums, flags, structs, unions and handles. */
bool docs_is_type(const struct decl *x);

/* Plain text, for either format to escape or quote as it needs. */
void docs_value(struct out *o, const struct value *v);
void docs_expr(struct out *o, const struct expr *e);
/* `@optional @hot`; @deprecated is left to the pages' notice. */
void docs_attrs(struct out *o, const struct attr *attrs);
/* `int pmm_alloc(uint32_t order, paddr_t *frame);` */
void docs_cproto(struct out *o, const struct method *m);
/* `(order: u32, out frame: *mut paddr) -> i32`: parameters and return. */
void docs_params(struct out *o, const struct method *m);
/* `fn alloc(order: u32, out frame: *mut paddr) raises(ENOMEM);` (syscalls:
 * `syscall 0 read(...)`). */
void docs_signature(struct out *o, const struct decl *owner, const struct method *m);
/* `typedef thread_entry = fn(inout arg: *mut void) -> i32;` */
void docs_typedef_signature(struct out *o, const struct decl *x);
/* Whether x is a typedef of a function type. */
bool docs_is_fn_typedef(const struct decl *x);
/* The banner as an HTML comment line (Markdown pages use it too). */
void docs_banner_html(struct out *o, const struct spec *s, const char *what);
/* The reason given by @deprecated (maybe ""), or NULL if not deprecated. */
const char *docs_deprecated(const struct attr *attrs);
/* How a provider of iface stands: "bound", "selected (the default)", ... */
const char *docs_provider_status(const struct docs *d, const struct decl *iface,
				 const struct decl *comp);
/* "singleton", "singleton, optional", "multi". */
const char *docs_iface_kind(const struct decl *iface);

#endif
