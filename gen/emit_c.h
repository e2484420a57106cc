/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pieces of C text shared by the C emitters (emit_headers.c, emit_iface.c,
 * emit_bind.c): banners, include guards, kernel-doc blocks and literals.
 */
#ifndef IDLC_EMIT_C_H
#define IDLC_EMIT_C_H

#include <stdint.h>

#include "ast.h"

struct out;

/* The banner comment and the SPDX line every generated C file opens with. */
void emitc_banner(struct out *o, const struct spec *s, const char *what);
/* `#ifndef TESSERA_<NAME>_H` / `#define ...` for a path like "bind/pmm". */
void emitc_guard_open(struct out *o, const char *path);
void emitc_guard_close(struct out *o, const char *path);
/* The lines of a doc comment inside a kernel-doc block, each as " * line". */
void emitc_doc_lines(struct out *o, const char *doc, const char *indent);
/* The first line of a doc comment (nothing for none), made safe inside a C comment. */
void emitc_first_line(struct out *o, const char *doc);
/* ` * @name: [label]doc` on its own line, without trailing blanks. */
void emitc_tag(struct out *o, const char *name, const char *label, const char *doc);
/* A C literal for a value of the given type (suffixes U, UL, LL, ULL). */
void emitc_int_literal(struct out *o, const struct type *t, int64_t v);
void emitc_string_literal(struct out *o, const char *s);
/* The stem of an IDL file's name: "idl/pmm.idl" -> "pmm". */
const char *emitc_stem(const struct spec *s, const struct source *src);
/* ` * @name: (dir) doc` for each parameter (buffers: also `@name_len`). */
void emitc_param_tags(struct out *o, const struct method *m);
/* ` *\n * Return: 0 on success, or -E1, -E2.` for a method that raises. */
void emitc_return_doc(struct out *o, const struct method *m);
/* The kernel-doc block of a method, as `prefix_name()`. */
void emitc_method_doc(struct out *o, const struct method *m, const char *cname, bool is_multi);

#endif
