/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Diagnostics: `file:line:col: error[E0NN]: message`, the source line with a
 * caret underline, then related notes and a fix hint. Every ID is listed in
 * docs/diagnostics.md. Used by the scanner, parser, loader and checker.
 */
#ifndef IDLC_DIAG_H
#define IDLC_DIAG_H

#include <stdio.h>

#include "ast.h"

/* Where messages go (stderr by default; the fuzzer silences them). */
void diag_set_output(FILE *f);
int diag_error_count(void);
void diag_reset(void);

/* An error with its ID (printed as E%04d) at loc. */
void diag_error(int id, struct loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* An error that belongs to no source position (command line, configuration file). */
void diag_error_at(int id, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A related location for the last error ("first declared here"). */
void diag_note(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note without a location, and the fix hint. */
void diag_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_help(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
