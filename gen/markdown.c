/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Markdown for doc comments (see markdown.h): a line-based block pass
 * (paragraphs, headings, lists, fenced code) and an inline pass (code spans,
 * emphasis, links). The doc emitters call it for every documented item.
 *
 * Hostile input must stay cheap: every search for a closing delimiter is
 * cached (a closer that is not there now is not there for a later opener
 * either), and nesting deeper than MD_MAX_DEPTH prints literally, so the work
 * is linear in the input and the recursion is bounded.
 */
#include "markdown.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "out.h"

#define MD_NONE SIZE_MAX
#define MD_MAX_DEPTH 6
/* Backtick runs up to this length get a cached closer search. */
#define MD_TICK_CACHE 8

/* Appends n bytes that need not end in a NUL. */
static void md_write(struct out *o, const char *s, size_t n)
{
	char buf[512];

	/* out.h has no counted write: short runs go a byte at a time, longer
	 * ones through a NUL-terminated copy. */
	if (n <= 16) {
		for (size_t i = 0; i < n; i++)
			out_putc(o, s[i]);
		return;
	}
	while (n > 0) {
		size_t k = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;

		memcpy(buf, s, k);
		buf[k] = '\0';
		out_puts(o, buf);
		s += k;
		n -= k;
	}
}

static const char *md_entity(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		/* Control characters are not allowed in HTML text at all. */
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return "&#xFFFD;";
		return NULL;
	}
}

void markdown_escape_html(struct out *o, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep = md_entity((unsigned char)s[i]);

		if (!rep)
			continue;
		md_write(o, s + run, i - run);
		out_puts(o, rep);
		run = i + 1;
	}
	md_write(o, s + run, n - run);
}

static bool md_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- inline pass ---- */

enum md_find_kind { MD_STRONG, MD_EM, MD_BRACKET, MD_PAREN, MD_NFIND };

/* "No closer in [from, at)": valid for any later search starting in there. */
struct md_find {
	size_t from, at;
	bool valid;
};

struct md_inline {
	struct out *o;
	const char *t;
	size_t end;
	size_t plain; /* start of text not written yet */
	int depth;
	struct md_find find[MD_NFIND];
	struct md_find ticks[MD_TICK_CACHE + 1];
};

static void md_inline_run(struct out *o, const char *t, size_t len, int depth);

/* Whether position k closes a construct; depends on k alone, which is what
 * makes the search cache sound. */
static bool md_is_closer(const struct md_inline *in, int kind, size_t k)
{
	const char *t = in->t;

	switch (kind) {
	case MD_STRONG:
		return k > 0 && k + 1 < in->end && t[k] == '*' && t[k + 1] == '*' &&
		       !md_space(t[k - 1]);
	case MD_EM:
		return k > 0 && t[k] == '*' && !md_space(t[k - 1]) && t[k - 1] != '*' &&
		       (k + 1 >= in->end || t[k + 1] != '*');
	case MD_BRACKET:
		return t[k] == ']';
	default:
		return t[k] == ')';
	}
}

static bool md_cache_hit(const struct md_find *c, size_t from)
{
	return c->valid && from >= c->from && (c->at == MD_NONE || from <= c->at);
}

static size_t md_find_next(struct md_inline *in, int kind, size_t from)
{
	struct md_find *c = &in->find[kind];
	size_t k = from;

	if (md_cache_hit(c, from))
		return c->at;
	while (k < in->end && !md_is_closer(in, kind, k))
		k++;
	*c = (struct md_find){ .from = from, .at = k < in->end ? k : MD_NONE, .valid = true };
	return c->at;
}

static size_t md_tick_run(const struct md_inline *in, size_t k)
{
	size_t n = 0;

	while (k + n < in->end && in->t[k + n] == '`')
		n++;
	return n;
}

/* The next run of exactly n backticks at or after from (which never starts
 * inside a run), or MD_NONE. */
static size_t md_find_ticks(struct md_inline *in, size_t from, size_t n)
{
	struct md_find *c = n <= MD_TICK_CACHE ? &in->ticks[n] : NULL;
	size_t k = from, at = MD_NONE;

	if (c && md_cache_hit(c, from))
		return c->at;
	while (k < in->end) {
		const char *q = memchr(in->t + k, '`', in->end - k);

		if (!q)
			break;
		k = (size_t)(q - in->t);
		size_t r = md_tick_run(in, k);
		if (r == n) {
			at = k;
			break;
		}
		k += r;
	}
	if (c)
		*c = (struct md_find){ .from = from, .at = at, .valid = true };
	return at;
}

static void md_flush(struct md_inline *in, size_t upto)
{
	markdown_escape_html(in->o, in->t + in->plain, upto - in->plain);
}

/* Code span content: line breaks become spaces, and one space of padding on
 * both sides is dropped (so "`` `x` ``" can show backticks). */
static void md_code_text(struct out *o, const char *s, size_t n)
{
	bool all_space = true;

	for (size_t i = 0; i < n && all_space; i++)
		all_space = md_space(s[i]);
	if (n >= 2 && !all_space && md_space(s[0]) && md_space(s[n - 1])) {
		s++;
		n -= 2;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' || s[i] == '\r')
			out_putc(o, ' ');
		else
			markdown_escape_html(o, s + i, 1);
	}
}

static size_t md_code_span(struct md_inline *in, size_t i)
{
	size_t n = md_tick_run(in, i);
	size_t k = md_find_ticks(in, i + n, n);

	if (k == MD_NONE)
		return i + n; /* unmatched: the backticks are plain text */
	md_flush(in, i);
	out_puts(in->o, "<code>");
	md_code_text(in->o, in->t + i + n, k - i - n);
	out_puts(in->o, "</code>");
	in->plain = k + n;
	return in->plain;
}

/* `**strong**` and `*emphasis*`; openers must be followed by a non-space. */
static size_t md_emphasis(struct md_inline *in, size_t i)
{
	const char *t = in->t;
	bool strong = i + 1 < in->end && t[i + 1] == '*';
	size_t open = strong ? 2 : 1;
	size_t k;

	if (i + open >= in->end || md_space(t[i + open]))
		return i + open;
	k = md_find_next(in, strong ? MD_STRONG : MD_EM, i + open + 1);
	if (k == MD_NONE)
		return i + open;
	md_flush(in, i);
	out_puts(in->o, strong ? "<strong>" : "<em>");
	md_inline_run(in->o, t + i + open, k - i - open, in->depth + 1);
	out_puts(in->o, strong ? "</strong>" : "</em>");
	in->plain = k + open;
	return in->plain;
}

static bool md_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.';
}

/* Relative links and http, https and mailto only: a doc comment must not be
 * able to plant a javascript: link in the generated site. */
static bool md_url_ok(const char *u, size_t n)
{
	size_t k = 0;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)u[i] <= ' ' || u[i] == 0x7f)
			return false;
	while (k < n && md_scheme_char(u[k]))
		k++;
	if (k == n || u[k] != ':')
		return true;
	return (k == 4 && strncasecmp(u, "http", 4) == 0) ||
	       (k == 5 && strncasecmp(u, "https", 5) == 0) ||
	       (k == 6 && strncasecmp(u, "mailto", 6) == 0);
}

static size_t md_link(struct md_inline *in, size_t i)
{
	const char *t = in->t;
	size_t k = md_find_next(in, MD_BRACKET, i + 1);
	size_t m;

	if (k == MD_NONE || k + 1 >= in->end || t[k + 1] != '(')
		return i + 1;
	m = md_find_next(in, MD_PAREN, k + 2);
	if (m == MD_NONE || !md_url_ok(t + k + 2, m - k - 2))
		return i + 1;
	md_flush(in, i);
	out_puts(in->o, "<a href=\"");
	markdown_escape_html(in->o, t + k + 2, m - k - 2);
	out_puts(in->o, "\">");
	md_inline_run(in->o, t + i + 1, k - i - 1, in->depth + 1);
	out_puts(in->o, "</a>");
	in->plain = m + 1;
	return in->plain;
}

static bool md_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* Handles whatever starts at i; returns where scanning goes on (> i). */
static size_t md_construct(struct md_inline *in, size_t i)
{
	switch (in->t[i]) {
	case '\\':
		if (i + 1 >= in->end || !md_punct(in->t[i + 1]))
			return i + 1;
		md_flush(in, i);
		markdown_escape_html(in->o, in->t + i + 1, 1);
		in->plain = i + 2;
		return i + 2;
	case '`':
		return md_code_span(in, i);
	case '*':
		return md_emphasis(in, i);
	case '[':
		return md_link(in, i);
	default:
		return i + 1;
	}
}

static void md_inline_run(struct out *o, const char *t, size_t len, int depth)
{
	struct md_inline in = { .o = o, .t = t, .end = len, .depth = depth };
	size_t i = 0;

	if (depth >= MD_MAX_DEPTH) {
		markdown_escape_html(o, t, len);
		return;
	}
	while (i < len)
		i = md_construct(&in, i);
	md_flush(&in, len);
}

void markdown_inline_html(struct out *o, const char *text, size_t len)
{
	if (text)
		md_inline_run(o, text, len, 0);
}

/* ---- block pass ---- */

struct md_doc {
	struct out *o;
	const char *t;
	size_t len;
	int heading_base;
};

struct md_line {
	size_t start; /* first byte */
	size_t end; /* the line break (or the end), trailing '\r' excluded */
	size_t next; /* start of the following line */
	size_t indent; /* leading blanks as columns, a tab counting 4 */
	size_t body; /* first non-blank byte */
};

struct md_item {
	bool ordered;
	long start; /* ordered: the first number */
	size_t text; /* first byte after the marker */
};

static struct md_line md_line_at(const struct md_doc *d, size_t pos)
{
	const char *nl = memchr(d->t + pos, '\n', d->len - pos);
	struct md_line l = { .start = pos, .body = pos };

	l.end = nl ? (size_t)(nl - d->t) : d->len;
	l.next = nl ? l.end + 1 : d->len;
	while (l.end > pos && d->t[l.end - 1] == '\r')
		l.end--;
	while (l.body < l.end && (d->t[l.body] == ' ' || d->t[l.body] == '\t')) {
		l.indent += d->t[l.body] == '\t' ? 4 : 1;
		l.body++;
	}
	return l;
}

static bool md_is_blank(const struct md_line *l)
{
	return l->body == l->end;
}

/* Length of a ``` or ~~~ fence at l, or 0. */
static size_t md_fence(const struct md_doc *d, const struct md_line *l, char *ch)
{
	size_t n = 0;

	if (l->indent > 3 || md_is_blank(l))
		return 0;
	*ch = d->t[l->body];
	if (*ch != '`' && *ch != '~')
		return 0;
	while (l->body + n < l->end && d->t[l->body + n] == *ch)
		n++;
	if (n < 3)
		return 0;
	if (*ch == '`' && memchr(d->t + l->body + n, '`', l->end - l->body - n))
		return 0;
	return n;
}

/* A closing fence: at least as long as the opening one, nothing after it. */
static bool md_fence_closes(const struct md_doc *d, const struct md_line *l, char ch, size_t n)
{
	char c;
	size_t len = md_fence(d, l, &c);

	if (len < n || c != ch)
		return false;
	for (size_t p = l->body + len; p < l->end; p++)
		if (!md_space(d->t[p]))
			return false;
	return true;
}

/* Level of a `#` heading at l (0: none); *text is where its words start. */
static int md_heading(const struct md_doc *d, const struct md_line *l, size_t *text)
{
	size_t p = l->body;
	int n = 0;

	if (l->indent > 3)
		return 0;
	while (p < l->end && d->t[p] == '#' && n < 7) {
		p++;
		n++;
	}
	if (n == 0 || n > 6 || (p < l->end && d->t[p] != ' ' && d->t[p] != '\t'))
		return 0;
	*text = p;
	return n;
}

static bool md_item(const struct md_doc *d, const struct md_line *l, struct md_item *it)
{
	const char *t = d->t;
	size_t p = l->body;

	if (l->indent > 7 || p >= l->end)
		return false;
	it->ordered = !(t[p] == '-' || t[p] == '*' || t[p] == '+');
	it->start = 0;
	if (!it->ordered) {
		p++;
	} else {
		int digits = 0;

		while (p < l->end && t[p] >= '0' && t[p] <= '9' && digits < 9) {
			it->start = it->start * 10 + (t[p++] - '0');
			digits++;
		}
		if (digits == 0 || p >= l->end || (t[p] != '.' && t[p] != ')'))
			return false;
		p++;
	}
	if (p < l->end && t[p] != ' ' && t[p] != '\t')
		return false;
	while (p < l->end && (t[p] == ' ' || t[p] == '\t'))
		p++;
	it->text = p;
	return true;
}

/* Lines that end a paragraph or a list item without a blank line. Ordered
 * lists interrupt only from 1, so "2024. was a year" stays prose. */
static bool md_interrupts(const struct md_doc *d, const struct md_line *l)
{
	struct md_item it;
	size_t text;
	char ch;

	if (md_is_blank(l) || md_fence(d, l, &ch) || md_heading(d, l, &text))
		return true;
	return md_item(d, l, &it) && (!it.ordered || it.start == 1);
}

static size_t md_paragraph(const struct md_doc *d, const struct md_line *first)
{
	size_t to = first->end, pos = first->next;

	while (pos < d->len) {
		struct md_line l = md_line_at(d, pos);

		if (md_interrupts(d, &l))
			break;
		to = l.end;
		pos = l.next;
	}
	out_puts(d->o, "<p>");
	markdown_inline_html(d->o, d->t + first->body, to - first->body);
	out_puts(d->o, "</p>\n");
	return pos;
}

static size_t md_heading_block(const struct md_doc *d, const struct md_line *l, int level,
			       size_t text)
{
	const char *t = d->t;
	size_t end = l->end, closed;
	int h = level + d->heading_base;

	while (end > text && md_space(t[end - 1]))
		end--;
	closed = end;
	while (closed > text && t[closed - 1] == '#')
		closed--;
	if (closed == text || md_space(t[closed - 1]))
		end = closed; /* an optional closing run of '#' */
	while (end > text && md_space(t[end - 1]))
		end--;
	while (text < end && md_space(t[text]))
		text++;
	h = h < 1 ? 1 : h > 6 ? 6 : h;
	out_printf(d->o, "<h%d>", h);
	markdown_inline_html(d->o, t + text, end - text);
	out_printf(d->o, "</h%d>\n", h);
	return l->next;
}

/* The info string's first word names the language; anything odd is dropped
 * rather than escaped into a class name. */
static void md_code_class(const struct md_doc *d, size_t p, size_t end)
{
	size_t q;

	while (p < end && md_space(d->t[p]))
		p++;
	for (q = p; q < end && !md_space(d->t[q]); q++) {
		char c = d->t[q];

		if (!md_scheme_char(c) && c != '_')
			return;
	}
	if (q > p)
		out_printf(d->o, " class=\"language-%.*s\"", (int)(q - p), d->t + p);
}

static size_t md_code_block(const struct md_doc *d, const struct md_line *open, char ch,
			    size_t n)
{
	size_t strip = open->body - open->start;
	size_t pos = open->next;

	out_puts(d->o, "<pre><code");
	md_code_class(d, open->body + n, open->end);
	out_puts(d->o, ">");
	while (pos < d->len) {
		struct md_line l = md_line_at(d, pos);
		size_t lead = l.body - l.start;
		size_t from = l.start + (lead < strip ? lead : strip);

		pos = l.next;
		if (md_fence_closes(d, &l, ch, n))
			break;
		if (from > l.end)
			from = l.end;
		markdown_escape_html(d->o, d->t + from, l.end - from);
		out_putc(d->o, '\n');
	}
	out_puts(d->o, "</code></pre>\n");
	return pos;
}

/* One item: its first line and the lines that continue it. */
static size_t md_list_item(const struct md_doc *d, const struct md_line *l,
			   const struct md_item *it)
{
	size_t to = l->end, pos = l->next;

	while (pos < d->len) {
		struct md_line n = md_line_at(d, pos);
		struct md_item next;

		if (md_interrupts(d, &n) || md_item(d, &n, &next))
			break;
		to = n.end;
		pos = n.next;
	}
	out_puts(d->o, "<li>");
	markdown_inline_html(d->o, d->t + it->text, to - it->text);
	out_puts(d->o, "</li>\n");
	return pos;
}

/* The next non-blank line at or after pos; false at the end of the doc. */
static bool md_next_nonblank(const struct md_doc *d, size_t pos, struct md_line *l)
{
	while (pos < d->len) {
		*l = md_line_at(d, pos);
		if (!md_is_blank(l))
			return true;
		pos = l->next;
	}
	return false;
}

/* Items of one kind, blank lines between them allowed. Nested lists are
 * flattened: doc comments rarely need them and this keeps the pass simple. */
static size_t md_list(const struct md_doc *d, struct md_line l, struct md_item it)
{
	bool ordered = it.ordered;
	size_t pos;

	if (ordered && it.start != 1)
		out_printf(d->o, "<ol start=\"%ld\">\n", it.start);
	else
		out_puts(d->o, ordered ? "<ol>\n" : "<ul>\n");
	for (;;) {
		struct md_item next;

		pos = md_list_item(d, &l, &it);
		if (!md_next_nonblank(d, pos, &l) || !md_item(d, &l, &next) ||
		    next.ordered != ordered)
			break;
		it = next;
	}
	out_puts(d->o, ordered ? "</ol>\n" : "</ul>\n");
	return pos;
}

/* Renders the block at pos; returns the start of the next one (> pos). */
static size_t md_block(const struct md_doc *d, size_t pos)
{
	struct md_line l = md_line_at(d, pos);
	struct md_item it;
	size_t text, n;
	int level;
	char ch;

	if (md_is_blank(&l))
		return l.next;
	n = md_fence(d, &l, &ch);
	if (n)
		return md_code_block(d, &l, ch, n);
	level = md_heading(d, &l, &text);
	if (level)
		return md_heading_block(d, &l, level, text);
	if (md_item(d, &l, &it))
		return md_list(d, l, it);
	return md_paragraph(d, &l);
}

void markdown_html(struct out *o, const char *doc, int heading_base)
{
	struct md_doc d = { .o = o, .t = doc, .heading_base = heading_base };
	size_t pos = 0;

	if (!doc)
		return;
	d.len = strlen(doc);
	while (pos < d.len)
		pos = md_block(&d, pos);
}

/* ---- summary and Markdown output ---- */

static bool md_blank_follows(const char *q)
{
	while (*q == ' ' || *q == '\t' || *q == '\r')
		q++;
	return *q == '\n' || *q == '\0';
}

/* After '.', '!' or '?': the sentence ends unless the text goes on in lower
 * case ("e.g. the frame"). */
static bool md_sentence_ends(const char *q)
{
	if (*q == '\0')
		return true;
	if (!md_space(*q))
		return false;
	while (md_space(*q))
		q++;
	return !(*q >= 'a' && *q <= 'z');
}

struct md_span markdown_summary(const char *doc)
{
	struct md_span s = { .p = doc ? doc : "", .len = 0 };
	const char *p = s.p;
	bool in_code = false, heading;
	size_t n;

	while (md_space(*p))
		p++;
	heading = *p == '#';
	while (*p == '#')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	for (n = 0; p[n]; n++) {
		char c = p[n];

		if (c == '`') {
			in_code = !in_code;
		} else if (c == '\n' && (heading || md_blank_follows(p + n + 1))) {
			break;
		} else if (!in_code && (c == '.' || c == '!' || c == '?') &&
			   md_sentence_ends(p + n + 1)) {
			n++;
			break;
		}
	}
	while (n > 0 && md_space(p[n - 1]))
		n--;
	s.p = p;
	s.len = n;
	return s;
}

void markdown_md(struct out *o, const char *doc, int heading_base)
{
	struct md_doc d = { .o = o, .t = doc, .heading_base = heading_base };
	size_t pos = 0, fence = 0;
	char fence_ch = 0;

	if (!doc)
		return;
	d.len = strlen(doc);
	while (pos < d.len) {
		struct md_line l = md_line_at(&d, pos);
		size_t text, from = l.start;
		char ch;
		size_t n = md_fence(&d, &l, &ch);
		int level = 0;

		if (fence) {
			if (md_fence_closes(&d, &l, fence_ch, fence))
				fence = 0;
		} else if (n) {
			fence = n;
			fence_ch = ch;
		} else {
			level = md_heading(&d, &l, &text);
		}
		for (int h = level; level && h < level + heading_base && h < 6; h++)
			out_putc(o, '#');
		if (level)
			from = l.body;
		md_write(o, doc + from, l.next - from);
		pos = l.next;
	}
	if (d.len && doc[d.len - 1] != '\n')
		out_putc(o, '\n');
}
