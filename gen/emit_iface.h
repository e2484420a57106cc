/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The C face of interfaces and components, printed into headers by
 * emit_headers.c: method types and docs, multi-interface ops structs and
 * registry declarations, and each component's prototypes.
 */
#ifndef IDLC_EMIT_IFACE_H
#define IDLC_EMIT_IFACE_H

#include "ast.h"

struct out;

void emit_iface_header(struct out *o, const struct spec *s, const struct decl *iface);
int emit_component_header(const struct spec *s, const struct decl *comp, const char *outdir);
/* "struct console_dev *dev" for a multi interface, NULL for a singleton. */
const char *emit_iface_self(const struct spec *s, const struct decl *iface);

#endif
