/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The front half of idlc as a library: load sources, read a configuration,
 * check. main.c and the fuzzer both drive it.
 */
#ifndef IDLC_SPEC_H
#define IDLC_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

/* root: the directory shown paths are relative to (NULL: the current one). */
struct spec *spec_new(const char *root);
void spec_free(struct spec *s);

/* -I: a directory searched for imports after the importing file's own. */
void spec_add_include_dir(struct spec *s, const char *dir);
/* A file, or a directory searched recursively for *.idl (sorted). A file
 * named component.idl is a component manifest. Returns 0 or -errno, after
 * reporting the problem. Syntax errors are counted by diag, not returned. */
int spec_add_input(struct spec *s, const char *path);
/* An in-memory source (used by the fuzzer and tests). */
void spec_add_buffer(struct spec *s, const char *name, const char *data, size_t len, bool is_manifest);
/* Loads every imported file not loaded yet, transitively. */
void spec_load_imports(struct spec *s);
/* Reads a Kconfig .config (or auto.conf). Returns 0 or -errno, after reporting. */
int spec_read_config(struct spec *s, const char *path);
/* Checks the loaded spec (and the configuration, when read) and fills in the
 * resolved model. Returns the number of errors reported. */
int spec_check(struct spec *s);

#endif
