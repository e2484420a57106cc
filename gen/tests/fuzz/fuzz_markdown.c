/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer harness for the doc-comment Markdown renderer (gen/markdown.c):
 * any bytes, rendered every way the documentation emitter uses them, must
 * neither crash nor read outside the input. Built and run by CMakeLists.txt
 * beside it (idlc_fuzz_markdown_smoke).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Doc comments are C strings: the first byte picks the heading base. */
	char *doc = malloc(size + 1);
	struct out *o = out_new();
	int base = size ? data[0] % 8 : 0;
	struct md_span sum;

	if (!doc)
		return 0;
	memcpy(doc, data, size);
	doc[size] = '\0';
	markdown_html(o, doc, base);
	markdown_md(o, doc, base);
	markdown_inline_html(o, doc, strlen(doc));
	sum = markdown_summary(doc);
	if (sum.p < doc || sum.p + sum.len > doc + strlen(doc))
		abort();
	markdown_inline_html(o, sum.p, sum.len);
	out_free(o);
	free(doc);
	return 0;
}
