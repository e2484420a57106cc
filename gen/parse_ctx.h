/* SPDX-License-Identifier: Apache-2.0 */
/*
 * State shared by the flex scanner and the bison parser of one source file,
 * and the one call the loader makes: parse_source().
 */
#ifndef IDLC_PARSE_CTX_H
#define IDLC_PARSE_CTX_H

#include "ast.h"

struct parse_ctx {
	struct spec *spec;
	struct source *src;
	void *scanner; /* yyscan_t */
	struct decl **tail; /* where the next top-level declaration is linked */
	struct import **import_tail;
	int line, col; /* the scanner's position of the next character */
	int lex_error_line; /* line of the last lexical error, 0 if none */
};

/* Parses src into src->decls and src->imports. Syntax errors are reported
 * through diag and recovered from; returns the number reported. */
int parse_source(struct spec *spec, struct source *src);

#endif
