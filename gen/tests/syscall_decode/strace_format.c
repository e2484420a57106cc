/* SPDX-License-Identifier: Apache-2.0 */
/*
 * strace-style text for one syscall, from the generated description table
 * (see strace_format.h). Freestanding on purpose: no libc, no allocation,
 * output bounded by the caller's buffer; the kernel's syscall tracer uses it.
 */
#include "strace_format.h"

#include <stdbool.h>

/* Negative returns in this range are errno values (as on Linux). */
#define STRACE_ERRNO_MAX 4095

/* The output so far; len keeps counting past size so the caller learns the
 * full length, like snprintf(). */
struct sf_buf {
	char *p;
	size_t size;
	size_t len;
};

static void sf_putc(struct sf_buf *b, char c)
{
	if (b->len + 1 < b->size)
		b->p[b->len] = c;
	b->len++;
}

static void sf_puts(struct sf_buf *b, const char *s)
{
	while (*s)
		sf_putc(b, *s++);
}

/* Digits of v in base 8, 10 or 16, most significant first. */
static void sf_digits(struct sf_buf *b, unsigned long v, unsigned base)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		sf_putc(b, tmp[--n]);
}

static void sf_dec(struct sf_buf *b, long v)
{
	if (v < 0) {
		sf_putc(b, '-');
		sf_digits(b, 0UL - (unsigned long)v, 10);
		return;
	}
	sf_digits(b, (unsigned long)v, 10);
}

/* 0 prints as "0", anything else as 0x1f. */
static void sf_hex(struct sf_buf *b, unsigned long v)
{
	if (v)
		sf_puts(b, "0x");
	sf_digits(b, v, 16);
}

static void sf_oct(struct sf_buf *b, unsigned long v)
{
	if (v)
		sf_putc(b, '0');
	sf_digits(b, v, 8);
}

static void sf_ptr(struct sf_buf *b, unsigned long v)
{
	if (v)
		sf_hex(b, v);
	else
		sf_puts(b, "NULL");
}

/* Cuts the register to the C type's width, then extends it back. */
static unsigned long sf_widen(unsigned long v, const struct syscall_arg_desc *a)
{
	unsigned bits = a->width * 8u;

	if (bits == 0 || bits >= 8 * sizeof(v))
		return v;
	unsigned long mask = (1UL << bits) - 1;

	v &= mask;
	if (a->is_signed && (v >> (bits - 1)) & 1)
		v |= ~mask;
	return v;
}

static bool sf_is_error(long ret)
{
	return ret < 0 && ret >= -STRACE_ERRNO_MAX;
}

/* ---- strings and buffers ---- */

static bool sf_is_octal_digit(int c)
{
	return c >= '0' && c <= '7';
}

/* One byte as strace escapes it; next decides whether an octal escape
 * needs all three digits to stay unambiguous. */
static void sf_escape(struct sf_buf *b, unsigned char c, int next)
{
	static const char named[] = { '\t', 't', '\n', 'n', '\v', 'v', '\f', 'f', '\r', 'r', '"', '"', '\\', '\\' };

	for (unsigned i = 0; i < sizeof(named); i += 2) {
		if (c == (unsigned char)named[i]) {
			sf_putc(b, '\\');
			sf_putc(b, named[i + 1]);
			return;
		}
	}
	if (c >= 0x20 && c < 0x7f) {
		sf_putc(b, (char)c);
		return;
	}
	sf_putc(b, '\\');
	if (sf_is_octal_digit(next) || c >= 0100)
		sf_putc(b, (char)('0' + (c >> 6)));
	if (sf_is_octal_digit(next) || c >= 010)
		sf_putc(b, (char)('0' + ((c >> 3) & 7)));
	sf_putc(b, (char)('0' + (c & 7)));
}

/* n bytes, quoted; "..." after the quote when more were not shown. */
static void sf_quoted(struct sf_buf *b, const unsigned char *s, size_t n, bool is_cut)
{
	sf_putc(b, '"');
	for (size_t i = 0; i < n; i++)
		sf_escape(b, s[i], i + 1 < n ? s[i + 1] : -1);
	sf_putc(b, '"');
	if (is_cut)
		sf_puts(b, "...");
}

/* A NUL-terminated string, read a byte at a time so the reader never
 * touches memory past its end. */
static void sf_string(struct sf_buf *b, unsigned long addr, const struct strace_mem *mem)
{
	unsigned char s[STRACE_STRING_MAX];
	size_t n = 0;
	unsigned char c = 1;

	if (!addr) {
		sf_puts(b, "NULL");
		return;
	}
	while (n <= STRACE_STRING_MAX) {
		if (mem->read(mem->ctx, addr + n, &c, 1) != 1) {
			sf_hex(b, addr);
			return;
		}
		if (c == '\0' || n == STRACE_STRING_MAX)
			break;
		s[n++] = c;
	}
	sf_quoted(b, s, n, c != '\0');
}

/* len bytes at addr, of which at most STRACE_STRING_MAX are shown. */
static void sf_bytes(struct sf_buf *b, unsigned long addr, unsigned long len, const struct strace_mem *mem)
{
	unsigned char s[STRACE_STRING_MAX];
	size_t n = len < STRACE_STRING_MAX ? (size_t)len : STRACE_STRING_MAX;

	if (!addr || mem->read(mem->ctx, addr, s, n) != n) {
		sf_ptr(b, addr);
		return;
	}
	sf_quoted(b, s, n, len > n);
}

/* ---- enums and flags ---- */

static const char *sf_name_of(const struct syscall_value_name *names, unsigned long v)
{
	for (; names && names->name; names++)
		if (names->value == v)
			return names->name;
	return NULL;
}

static void sf_enum(struct sf_buf *b, const struct syscall_arg_desc *a, unsigned long v)
{
	const char *name = sf_name_of(a->names, v);

	if (name)
		sf_puts(b, name);
	else if (a->is_signed)
		sf_dec(b, (long)v);
	else
		sf_digits(b, v, 10);
}

static bool sf_is_multi_bit(unsigned long v)
{
	return (v & (v - 1)) != 0;
}

/*
 * A field is a multi-bit member made of other members, in a type that also
 * names the value 0: O_ACCMODE (3) is O_WRONLY (1) | O_RDWR (2), and
 * O_RDONLY is 0. A field prints as the one member equal to its bits, so
 * O_RDONLY shows although it sets none. O_SYNC (O_DSYNC and a bit of its
 * own) is a composite, not a field.
 */
static bool sf_is_field(const struct syscall_value_name *names, const struct syscall_value_name *m)
{
	unsigned long parts = 0;

	if (!sf_is_multi_bit(m->value) || !sf_name_of(names, 0))
		return false;
	for (const struct syscall_value_name *x = names; x->name; x++)
		if (x != m && x->value && (x->value & ~m->value) == 0)
			parts |= x->value;
	return parts == m->value;
}

static void sf_flag_sep(struct sf_buf *b, bool *first)
{
	if (!*first)
		sf_putc(b, '|');
	*first = false;
}

/* Prints the fields of v; returns the bits they cover. */
static unsigned long sf_flag_fields(struct sf_buf *b, const struct syscall_value_name *names, unsigned long v,
				    bool *first)
{
	unsigned long taken = 0;

	for (const struct syscall_value_name *m = names; m->name; m++) {
		if ((taken & m->value) || !sf_is_field(names, m))
			continue;
		const char *name = sf_name_of(names, v & m->value);

		sf_flag_sep(b, first);
		if (name)
			sf_puts(b, name);
		else
			sf_hex(b, v & m->value);
		taken |= m->value;
	}
	return taken;
}

/* Members wholly set in *left and outside the fields, multi-bit ones (O_SYNC)
 * first so they win over their parts; each printed once, then cleared. */
static void sf_flag_members(struct sf_buf *b, const struct syscall_value_name *names, unsigned long fields,
			    unsigned long *left, bool *first)
{
	for (int pass = 0; pass < 2; pass++) {
		for (const struct syscall_value_name *m = names; m->name && *left; m++) {
			if (m->value == 0 || (m->value & fields) || sf_is_multi_bit(m->value) != (pass == 0))
				continue;
			if ((*left & m->value) != m->value)
				continue;
			sf_flag_sep(b, first);
			sf_puts(b, m->name);
			*left &= ~m->value;
		}
	}
}

/* strace's `O_RDONLY|O_CLOEXEC|0x80000000`: names, then unknown bits in hex. */
static void sf_flags(struct sf_buf *b, const struct syscall_arg_desc *a, unsigned long v)
{
	const struct syscall_value_name *names = a->names;
	const char *zero = names ? sf_name_of(names, 0) : NULL;
	bool first = true;

	if (v == 0 || !names) {
		if (zero)
			sf_puts(b, zero);
		else
			sf_hex(b, v);
		return;
	}
	unsigned long fields = sf_flag_fields(b, names, v, &first);
	unsigned long left = v & ~fields;

	sf_flag_members(b, names, fields, &left, &first);
	if (left) {
		sf_flag_sep(b, &first);
		sf_hex(b, left);
	}
}

/* ---- arguments and the result ---- */

/* An output buffer is shown once filled: as many bytes as the call returned. */
static void sf_out_buffer(struct sf_buf *b, unsigned long addr, unsigned long len, long ret,
			  const struct strace_mem *mem)
{
	if (ret < 0)
		sf_ptr(b, addr);
	else
		sf_bytes(b, addr, (unsigned long)ret < len ? (unsigned long)ret : len, mem);
}

static void sf_arg(struct sf_buf *b, const struct syscall_desc *d, unsigned i, const unsigned long args[6],
		   long ret, const struct strace_mem *mem)
{
	const struct syscall_arg_desc *a = &d->args[i];
	unsigned long v = sf_widen(args[i], a);
	unsigned long len = i + 1 < d->nargs ? sf_widen(args[i + 1], &d->args[i + 1]) : 0;

	switch (a->kind) {
	case SYSARG_DEC: sf_dec(b, (long)v); break;
	case SYSARG_UDEC:
	case SYSARG_LEN: sf_digits(b, v, 10); break;
	case SYSARG_HEX: sf_hex(b, v); break;
	case SYSARG_OCT: sf_oct(b, v); break;
	case SYSARG_PTR: sf_ptr(b, v); break;
	case SYSARG_STR: sf_string(b, v, mem); break;
	case SYSARG_BUF_IN: sf_bytes(b, v, len, mem); break;
	case SYSARG_BUF_OUT: sf_out_buffer(b, v, len, ret, mem); break;
	case SYSARG_ENUM: sf_enum(b, a, v); break;
	case SYSARG_FLAGS: sf_flags(b, a, v); break;
	case SYSARG_BOOL: sf_puts(b, v ? "true" : "false"); break;
	default: sf_hex(b, v); break;
	}
}

static void sf_errno(struct sf_buf *b, long err)
{
	const struct syscall_errno_desc *e = syscall_errnos;

	while (e->name && e->number != err)
		e++;
	sf_puts(b, "-1 ");
	if (!e->name) {
		sf_puts(b, "ERRNO_");
		sf_dec(b, err);
		sf_puts(b, " (Unknown error ");
		sf_dec(b, err);
		sf_putc(b, ')');
		return;
	}
	sf_puts(b, e->name);
	if (e->message) {
		sf_puts(b, " (");
		sf_puts(b, e->message);
		sf_putc(b, ')');
	}
}

static void sf_result(struct sf_buf *b, enum syscall_ret_kind kind, long ret)
{
	sf_puts(b, " = ");
	if (kind == SYSRET_NORETURN)
		sf_putc(b, '?');
	else if (sf_is_error(ret))
		sf_errno(b, -ret);
	else if (kind == SYSRET_HEX)
		sf_hex(b, (unsigned long)ret);
	else
		sf_dec(b, ret);
}

/* A number without a description: strace's `syscall_999(0x1, ...)`. */
static void sf_unknown_call(struct sf_buf *b, unsigned long nr, const unsigned long args[6])
{
	sf_puts(b, "syscall_");
	sf_digits(b, nr, 10);
	sf_putc(b, '(');
	for (unsigned i = 0; i < 6; i++) {
		if (i)
			sf_puts(b, ", ");
		sf_hex(b, args[i]);
	}
	sf_putc(b, ')');
}

/* The description of nr, or NULL. Sized through the array rather than
 * SYSCALL_NR_MAX, which may be 0 and make the comparison always false. */
static const struct syscall_desc *sf_desc(unsigned long nr)
{
	const size_t n = sizeof(syscall_descs) / sizeof(syscall_descs[0]);

	return nr < n && syscall_descs[nr].name ? &syscall_descs[nr] : NULL;
}

size_t strace_format(char *buf, size_t size, unsigned long nr, const unsigned long args[6], long ret,
		     const struct strace_mem *mem)
{
	struct sf_buf b = { buf, size, 0 };
	const struct syscall_desc *d = sf_desc(nr);

	if (!d) {
		sf_unknown_call(&b, nr, args);
		sf_result(&b, SYSRET_DEC, ret);
	} else {
		sf_puts(&b, d->name);
		sf_putc(&b, '(');
		for (unsigned i = 0; i < d->nargs; i++) {
			if (i)
				sf_puts(&b, ", ");
			sf_arg(&b, d, i, args, ret, mem);
		}
		sf_putc(&b, ')');
		sf_result(&b, d->ret, ret);
	}
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return b.len;
}
