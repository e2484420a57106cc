/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A string-keyed hash table of declarations: the spec's global names. Open
 * addressing, grown at 50% load, so lookups stay O(1) for 100k-name specs.
 */
#ifndef IDLC_SYMTAB_H
#define IDLC_SYMTAB_H

#include <stddef.h>

struct symtab;

struct symtab *symtab_new(void);
void symtab_free(struct symtab *t);
/* The value stored under name, or NULL. */
void *symtab_get(const struct symtab *t, const char *name);
/* Stores value under name unless the name is taken; returns the value
 * already there, or NULL when this one was stored. */
void *symtab_put(struct symtab *t, const char *name, void *value);

#endif
