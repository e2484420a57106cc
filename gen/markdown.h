/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small Markdown renderer for `///` doc comments, used by the documentation
 * emitters (emit_docs_html.c, emit_docs_md.c). Any input is safe: the fuzzer
 * feeds it arbitrary bytes.
 */
#ifndef IDLC_MARKDOWN_H
#define IDLC_MARKDOWN_H

#include <stddef.h>

struct out;

/* A piece of a doc comment, not NUL-terminated. */
struct md_span {
	const char *p;
	size_t len;
};

/* HTML-escape n bytes of s (& < > " '), for text and attribute values. */
void markdown_escape_html(struct out *o, const char *s, size_t n);
/* Render doc (may be NULL) as HTML blocks. A `#` heading becomes
 * <h(heading_base + 1)>, so doc headings nest under the page's own. */
void markdown_html(struct out *o, const char *doc, int heading_base);
/* Render inline Markdown only (code, emphasis, links), for table cells. */
void markdown_inline_html(struct out *o, const char *text, size_t len);
/* The first sentence of doc (empty span for NULL): what index tables show.
 * The span points into doc and may cross line breaks. */
struct md_span markdown_summary(const char *doc);
/* Copy doc as Markdown with its `#` headings moved heading_base levels down. */
void markdown_md(struct out *o, const char *doc, int heading_base);

#endif
