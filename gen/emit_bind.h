/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bind.c, the configuration's data: written by emit_bind_c.c for emit_bind().
 */
#ifndef IDLC_EMIT_BIND_H
#define IDLC_EMIT_BIND_H

struct spec;

int emit_bind_c(const struct spec *s, const char *outdir);

#endif
