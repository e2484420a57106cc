/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The strace-style formatter (strace_format.h): each argument printed as
 * the decoder table says, without a libc, so the same code runs in the
 * kernel and in the host tests.
 */
#include "strace_format.h"

static void sb_putc(struct strace_buf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->text[b->len++] = c;
		b->text[b->len] = '\0';
	}
}

static void sb_puts(struct strace_buf *b, const char *s)
{
	while (*s)
		sb_putc(b, *s++);
}

static void sb_put_unsigned(struct strace_buf *b, unsigned long v, unsigned base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		sb_putc(b, digits[--n]);
}

static void sb_put_signed(struct strace_buf *b, long v)
{
	if (v < 0) {
		sb_putc(b, '-');
		sb_put_unsigned(b, 0ul - (unsigned long)v, 10);
	} else {
		sb_put_unsigned(b, (unsigned long)v, 10);
	}
}

static void sb_put_hex(struct strace_buf *b, unsigned long v)
{
	sb_puts(b, "0x");
	sb_put_unsigned(b, v, 16);
}

/* The register cut to the argument's width and extended by its sign. */
static unsigned long strace_arg_value(const struct syscall_arg_desc *a, unsigned long reg)
{
	unsigned bits = a->width * 8u;

	if (bits >= 64)
		return reg;
	reg &= (1ul << bits) - 1;
	if (a->is_signed && (reg >> (bits - 1)))
		reg |= ~0ul << bits;
	return reg;
}

/* One byte inside quotes, escaped as strace does (octal for the rest). */
static void strace_put_char(struct strace_buf *b, unsigned char c, unsigned char next)
{
	static const char esc_from[] = "\n\t\r\v\f\"\\";
	static const char esc_to[] = "ntrvf\"\\";

	for (int i = 0; esc_from[i]; i++) {
		if (c == (unsigned char)esc_from[i]) {
			sb_putc(b, '\\');
			sb_putc(b, esc_to[i]);
			return;
		}
	}
	if (c >= 0x20 && c < 0x7f) {
		sb_putc(b, (char)c);
		return;
	}
	sb_putc(b, '\\');
	/* A following digit would read as part of a short escape: pad to 3. */
	if (next >= '0' && next <= '7') {
		sb_putc(b, (char)('0' + (c >> 6)));
		sb_putc(b, (char)('0' + ((c >> 3) & 7)));
	} else if (c >= 8) {
		if (c >= 64)
			sb_putc(b, (char)('0' + (c >> 6)));
		sb_putc(b, (char)('0' + ((c >> 3) & 7)));
	}
	sb_putc(b, (char)('0' + (c & 7)));
}

/* "bytes" of a user buffer, or a string when @is_string (stops at NUL). */
static void strace_put_user_bytes(struct strace_buf *b, const struct strace_mem *mem, unsigned long addr,
				  size_t len, bool is_string)
{
	unsigned char data[STRACE_STRING_MAX + 1];
	size_t want = len > STRACE_STRING_MAX ? STRACE_STRING_MAX + 1 : len;
	size_t n = 0;

	if (!addr) {
		sb_puts(b, "NULL");
		return;
	}
	/* Byte by byte: a string may end just before an unmapped page. */
	for (; n < want; n++) {
		if (mem->read(mem->ctx, &data[n], addr + n, 1)) {
			if (n == 0) {
				sb_put_hex(b, addr);
				return;
			}
			break;
		}
		if (is_string && data[n] == '\0')
			break;
	}
	sb_putc(b, '"');
	for (size_t i = 0; i < n && i < STRACE_STRING_MAX; i++)
		strace_put_char(b, data[i], i + 1 < n ? data[i + 1] : 0);
	sb_putc(b, '"');
	if (n > STRACE_STRING_MAX)
		sb_puts(b, "...");
}

static bool strace_is_multi_bit(unsigned long v)
{
	return v & (v - 1);
}

/*
 * Flags: a zero member (O_RDONLY) shows when the bits of the first
 * multi-bit member (O_ACCMODE) are all clear, or when the value is 0;
 * then multi-bit members that fully match (O_SYNC before O_DSYNC); then
 * single bits; what no member names is printed in hex.
 */
static void strace_put_flags(struct strace_buf *b, const struct syscall_value_name *names, unsigned long v)
{
	const struct syscall_value_name *n, *zero = NULL, *first_multi = NULL;
	bool first = true;

	for (n = names; n && n->name; n++) {
		if (!n->value && !zero)
			zero = n;
		if (strace_is_multi_bit(n->value) && !first_multi)
			first_multi = n;
	}
	if (zero && (v == 0 || (first_multi && !(v & first_multi->value)))) {
		sb_puts(b, zero->name);
		first = false;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (n = names; n && n->name; n++) {
			if (!n->value || strace_is_multi_bit(n->value) != (pass == 0) || (v & n->value) != n->value)
				continue;
			if (!first)
				sb_putc(b, '|');
			sb_puts(b, n->name);
			first = false;
			v &= ~n->value;
		}
	}
	if (v && !first)
		sb_putc(b, '|');
	if (v)
		sb_put_hex(b, v);
	else if (first)
		sb_putc(b, '0');
}

static void strace_put_names(struct strace_buf *b, const struct syscall_arg_desc *a, unsigned long v)
{
	if (a->kind == SYSARG_FLAGS) {
		strace_put_flags(b, a->names, v);
		return;
	}
	for (const struct syscall_value_name *n = a->names; n && n->name; n++) {
		if (n->value == v) {
			sb_puts(b, n->name);
			return;
		}
	}
	sb_put_signed(b, (long)v);
}

struct strace_arg {
	const struct syscall_arg_desc *desc;
	unsigned long value;
	unsigned long next; /* the following register: a buffer's length */
};

static void strace_put_arg(struct strace_buf *b, const struct strace_arg *a, const struct strace_mem *mem,
			   long ret, bool returned)
{
	unsigned long v = a->value;

	switch (a->desc->kind) {
	case SYSARG_DEC:
		sb_put_signed(b, (long)v);
		break;
	case SYSARG_UDEC:
	case SYSARG_LEN:
		sb_put_unsigned(b, v, 10);
		break;
	case SYSARG_HEX:
		sb_put_hex(b, v);
		break;
	case SYSARG_OCT:
		sb_putc(b, '0');
		if (v)
			sb_put_unsigned(b, v, 8);
		break;
	case SYSARG_PTR:
		if (v)
			sb_put_hex(b, v);
		else
			sb_puts(b, "NULL");
		break;
	case SYSARG_STR:
		strace_put_user_bytes(b, mem, v, STRACE_STRING_MAX + 1, true);
		break;
	case SYSARG_BUF_IN:
		strace_put_user_bytes(b, mem, v, a->next, false);
		break;
	case SYSARG_BUF_OUT:
		if (returned && ret >= 0)
			strace_put_user_bytes(b, mem, v, (size_t)ret < a->next ? (size_t)ret : a->next, false);
		else if (v)
			sb_put_hex(b, v);
		else
			sb_puts(b, "NULL");
		break;
	case SYSARG_ENUM:
	case SYSARG_FLAGS:
		strace_put_names(b, a->desc, v);
		break;
	case SYSARG_BOOL:
		sb_puts(b, v ? "true" : "false");
		break;
	}
}

void strace_format_args(struct strace_buf *out, const struct syscall_desc *desc, const unsigned long args[6],
			const struct strace_mem *mem, long ret, bool returned)
{
	sb_puts(out, desc->name);
	sb_putc(out, '(');
	for (unsigned i = 0; i < desc->nargs && i < 6; i++) {
		struct strace_arg a = {
			.desc = &desc->args[i],
			.value = strace_arg_value(&desc->args[i], args[i]),
			.next = i + 1 < 6 ? args[i + 1] : 0,
		};

		if (i)
			sb_puts(out, ", ");
		strace_put_arg(out, &a, mem, ret, returned);
	}
	sb_putc(out, ')');
}

void strace_format_ret(struct strace_buf *out, enum syscall_ret_kind kind, long ret,
		       const struct syscall_errno_desc *errnos)
{
	sb_puts(out, " = ");
	if (kind == SYSRET_NORETURN) {
		sb_putc(out, '?');
		return;
	}
	if (ret < 0 && ret >= -4095) {
		const struct syscall_errno_desc *e = errnos;

		while (e->name && e->number != -ret)
			e++;
		sb_puts(out, "-1 ");
		if (!e->name) {
			sb_puts(out, "errno ");
			sb_put_signed(out, -ret);
			return;
		}
		sb_puts(out, e->name);
		if (e->message) {
			sb_puts(out, " (");
			sb_puts(out, e->message);
			sb_putc(out, ')');
		}
		return;
	}
	if (kind == SYSRET_HEX)
		sb_put_hex(out, (unsigned long)ret);
	else
		sb_put_signed(out, ret);
}
