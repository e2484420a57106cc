/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The printf formatter behind kprintf() and ksnprintf(): C's integer,
 * character and string conversions with flags, width, precision and
 * length modifiers, without floating point or libc. Freestanding, so the
 * host tests build it as is (tests/format_test.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/kprintf.h>

enum format_length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF, LEN_MAX };

/* One parsed conversion: %[flags][width][.precision][length]conv. */
struct format_spec {
	bool left; /* '-' */
	bool zero; /* '0' */
	bool alt; /* '#' */
	bool plus; /* '+' */
	bool space; /* ' ' */
	int width; /* 0 when absent */
	int precision; /* -1 when absent */
	enum format_length length;
	char conv;
};

struct format_out {
	const struct format_sink *sink;
	int count;
};

/* va_list travels by pointer: passing it by value and using it again
 * afterwards is undefined. */
struct format_args {
	va_list ap;
};

static void format_write(struct format_out *out, const char *text, size_t len)
{
	if (len == 0)
		return;
	out->sink->write(out->sink->ctx, text, len);
	out->count += (int)len;
}

static void format_repeat(struct format_out *out, char c, int n)
{
	static const char spaces[] = "                ";
	static const char zeros[] = "0000000000000000";
	const char *run = c == '0' ? zeros : spaces;

	while (n > 0) {
		int chunk = n < 16 ? n : 16;

		format_write(out, run, (size_t)chunk);
		n -= chunk;
	}
}

static int format_parse_number(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < 100000)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

static void format_parse_flags(const char **p, struct format_spec *spec)
{
	for (;; (*p)++) {
		switch (**p) {
		case '-': spec->left = true; break;
		case '0': spec->zero = true; break;
		case '#': spec->alt = true; break;
		case '+': spec->plus = true; break;
		case ' ': spec->space = true; break;
		default: return;
		}
	}
}

/* A '*' width or precision takes an int argument; a negative width means
 * '-', a negative precision means none. */
static void format_parse_width(const char **p, struct format_spec *spec, struct format_args *args)
{
	if (**p == '*') {
		int w = va_arg(args->ap, int);

		(*p)++;
		spec->left |= w < 0;
		spec->width = w < 0 ? (w < -100000 ? 100000 : -w) : w;
	} else {
		spec->width = format_parse_number(p);
	}
	if (**p != '.')
		return;
	(*p)++;
	if (**p == '*') {
		int prec = va_arg(args->ap, int);

		(*p)++;
		spec->precision = prec < 0 ? -1 : prec;
	} else {
		spec->precision = format_parse_number(p);
	}
}

static void format_parse_length(const char **p, struct format_spec *spec)
{
	spec->length = LEN_INT;
	switch (**p) {
	case 'h':
		spec->length = (*p)[1] == 'h' ? LEN_CHAR : LEN_SHORT;
		*p += spec->length == LEN_CHAR ? 2 : 1;
		return;
	case 'l':
		spec->length = (*p)[1] == 'l' ? LEN_LLONG : LEN_LONG;
		*p += spec->length == LEN_LLONG ? 2 : 1;
		return;
	case 'z': spec->length = LEN_SIZE; break;
	case 't': spec->length = LEN_PTRDIFF; break;
	case 'j': spec->length = LEN_MAX; break;
	default: return;
	}
	(*p)++;
}

static uint64_t format_fetch_unsigned(struct format_args *args, enum format_length length)
{
	switch (length) {
	case LEN_CHAR: return (unsigned char)va_arg(args->ap, unsigned int);
	case LEN_SHORT: return (unsigned short)va_arg(args->ap, unsigned int);
	case LEN_LONG: return va_arg(args->ap, unsigned long);
	case LEN_LLONG: return va_arg(args->ap, unsigned long long);
	case LEN_SIZE: return va_arg(args->ap, size_t);
	case LEN_PTRDIFF: return (uint64_t)va_arg(args->ap, ptrdiff_t);
	case LEN_MAX: return va_arg(args->ap, uintmax_t);
	default: return va_arg(args->ap, unsigned int);
	}
}

static int64_t format_fetch_signed(struct format_args *args, enum format_length length)
{
	switch (length) {
	case LEN_CHAR: return (signed char)va_arg(args->ap, int);
	case LEN_SHORT: return (short)va_arg(args->ap, int);
	case LEN_LONG: return va_arg(args->ap, long);
	case LEN_LLONG: return va_arg(args->ap, long long);
	case LEN_SIZE: return (int64_t)va_arg(args->ap, size_t);
	case LEN_PTRDIFF: return va_arg(args->ap, ptrdiff_t);
	case LEN_MAX: return va_arg(args->ap, intmax_t);
	default: return va_arg(args->ap, int);
	}
}

/* Writes value's digits backwards from end; returns how many. */
static int format_digits(char *end, uint64_t value, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	while (value != 0) {
		*--end = digits[value % base];
		value /= base;
		n++;
	}
	return n;
}

static unsigned format_base(char conv)
{
	switch (conv) {
	case 'o': return 8;
	case 'x':
	case 'X':
	case 'p': return 16;
	default: return 10;
	}
}

/* The sign or base prefix that goes before any zero padding. */
static const char *format_prefix(const struct format_spec *spec, bool negative, uint64_t magnitude)
{
	switch (spec->conv) {
	case 'd':
	case 'i':
		if (negative)
			return "-";
		return spec->plus ? "+" : spec->space ? " " : "";
	case 'x': return spec->alt && magnitude != 0 ? "0x" : "";
	case 'X': return spec->alt && magnitude != 0 ? "0X" : "";
	case 'p': return "0x";
	default: return "";
	}
}

static void format_integer(struct format_out *out, const struct format_spec *spec, uint64_t magnitude,
			   bool negative)
{
	char buf[24];
	int ndigits = format_digits(buf + sizeof(buf), magnitude, format_base(spec->conv), spec->conv == 'X');
	const char *prefix = format_prefix(spec, negative, magnitude);
	int plen = 0, zeros, pad;

	while (prefix[plen])
		plen++;
	/* C's rules: at least one digit unless the precision is 0; '#' with
	 * 'o' makes the first digit a 0. */
	zeros = spec->precision > ndigits ? spec->precision - ndigits : 0;
	if (ndigits == 0 && zeros == 0 && (spec->precision != 0 || (spec->conv == 'o' && spec->alt)))
		zeros = 1;
	else if (spec->conv == 'o' && spec->alt && zeros == 0 && ndigits > 0)
		zeros = 1;
	pad = spec->width - (plen + zeros + ndigits);
	if (pad > 0 && spec->zero && !spec->left && spec->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!spec->left)
		format_repeat(out, ' ', pad);
	format_write(out, prefix, (size_t)plen);
	format_repeat(out, '0', zeros);
	format_write(out, buf + sizeof(buf) - ndigits, (size_t)ndigits);
	if (spec->left)
		format_repeat(out, ' ', pad);
}

static void format_text(struct format_out *out, const struct format_spec *spec, const char *text, int len)
{
	int pad = spec->width - len;

	if (!spec->left)
		format_repeat(out, ' ', pad);
	format_write(out, text, (size_t)len);
	if (spec->left)
		format_repeat(out, ' ', pad);
}

static void format_string(struct format_out *out, const struct format_spec *spec, const char *s)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (spec->precision < 0 || len < spec->precision))
		len++;
	format_text(out, spec, s, len);
}

static void format_conversion(struct format_out *out, struct format_spec *spec, struct format_args *args)
{
	char c;
	int64_t v;

	switch (spec->conv) {
	case 'd':
	case 'i':
		v = format_fetch_signed(args, spec->length);
		format_integer(out, spec, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
		return;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		format_integer(out, spec, format_fetch_unsigned(args, spec->length), false);
		return;
	case 'p':
		spec->precision = 16;
		format_integer(out, spec, (uintptr_t)va_arg(args->ap, void *), false);
		return;
	case 'c':
		c = (char)va_arg(args->ap, int);
		format_text(out, spec, &c, 1);
		return;
	case 's':
		format_string(out, spec, va_arg(args->ap, const char *));
		return;
	default: /* "%%", and unknown conversions print as written */
		format_write(out, spec->conv == '%' ? "%" : "%?", spec->conv == '%' ? 1 : 2);
		return;
	}
}

/* Parses the conversion after a '%' at *p, advancing *p past it. */
static void format_parse(const char **p, struct format_spec *spec, struct format_args *args)
{
	*spec = (struct format_spec){ .precision = -1 };
	format_parse_flags(p, spec);
	format_parse_width(p, spec, args);
	format_parse_length(p, spec);
	spec->conv = **p;
	if (**p)
		(*p)++;
}

int format_vprint(const struct format_sink *sink, const char *fmt, va_list ap)
{
	struct format_out out = { .sink = sink };
	struct format_args args;
	struct format_spec spec;
	const char *p = fmt;

	va_copy(args.ap, ap);
	while (*p) {
		const char *run = p;

		while (*p && *p != '%')
			p++;
		format_write(&out, run, (size_t)(p - run));
		if (!*p)
			break;
		p++;
		format_parse(&p, &spec, &args);
		format_conversion(&out, &spec, &args);
	}
	va_end(args.ap);
	return out.count;
}

struct format_buffer {
	char *buf;
	size_t size;
	size_t used;
};

static void format_buffer_write(void *ctx, const char *text, size_t len)
{
	struct format_buffer *b = ctx;

	for (size_t i = 0; i < len && b->used + 1 < b->size; i++)
		b->buf[b->used++] = text[i];
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct format_buffer b = { .buf = buf, .size = size };
	struct format_sink sink = { .write = format_buffer_write, .ctx = &b };
	int n = format_vprint(&sink, fmt, ap);

	if (size > 0)
		buf[b.used] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
