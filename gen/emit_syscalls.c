/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `idlc --syscalls DIR`: the syscall ABI of a spec. Numbers, the kernel's
 * prototypes, entry shims and dispatch table, the strace-style description
 * table, and user-space stubs. Called from main.c; prints what check.c decided.
 */
#include "emit.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "ctype.h"
#include "emit_c.h"
#include "out.h"
#include "syscall_desc.h"

/* Registers that carry arguments, in order (x86_64 syscall ABI). */
static const char *const sys_arg_regs[6] = { "rdi", "rsi", "rdx", "r10", "r8", "r9" };

/* ---- shared pieces ---- */

/* Where the inputs of a syscall file come from: the IDL files declaring
 * syscalls (counted when there are many), plus the configuration for the
 * files that depend on it. */
static const char *sys_inputs(const struct spec *s, bool with_config)
{
	struct out *o = out_new();
	size_t n = 0;

	for (const struct source *src = s->sources; src; src = src->next) {
		const struct decl *d = src->decls;

		while (d && d->kind != D_SYSCALL)
			d = d->next;
		if (d && n++ < 4)
			out_printf(o, "%s%s", n > 1 ? ", " : "", src->path);
	}
	const char *what = n > 4 ? arena_printf(s->arena, "the %zu IDL files declaring syscalls", n)
			   : n ? arena_strdup(s->arena, out_data(o)) : "no syscall declarations";

	out_free(o);
	return with_config ? arena_printf(s->arena, "%s and the configuration", what) : what;
}

/* Banner, SPDX line and the file's purpose; headers then open their guard. */
static void sys_file_open(struct out *o, const struct spec *s, bool with_config, const char *purpose)
{
	emitc_banner(o, s, sys_inputs(s, with_config));
	out_printf(o, "/*\n%s */\n", purpose);
}

static int sys_commit(const struct spec *s, struct out *o, const char *outdir, const char *rel)
{
	return out_commit(o, arena_printf(s->arena, "%s/%s", outdir, rel));
}

static bool sys_is_implemented(const struct decl *d)
{
	return d->u.sys.impl && d->u.sys.impl_cname;
}

/* check.c copies a syscall's attributes to its signature; either will do. */
static bool sys_has_attr(const struct decl *d, const char *name)
{
	return attr_find(d->attrs, name) != NULL;
}

/* The column after printing text from column col (tabs are 8 wide). */
static int sys_column(const char *text, int col)
{
	for (; *text; text++)
		col = *text == '\t' ? (col / 8 + 1) * 8 : *text == '\n' ? 0 : col + 1;
	return col;
}

/* The column the next character of o goes to: only its last line counts. */
static int sys_out_column(const struct out *o)
{
	const char *start = out_data(o), *p = start + out_len(o);

	while (p > start && p[-1] != '\n')
		p--;
	return sys_column(p, 0);
}

/*
 * Prints head, the ", "-separated list, then tail, breaking after a comma
 * wherever a line would pass 100 columns; continuation lines start with
 * indent. The items (C parameters, casts, operands) never hold ", ".
 */
static void sys_wrap(struct out *o, const char *head, const char *list, const char *tail, const char *indent)
{
	int col = sys_column(head, sys_out_column(o));

	out_puts(o, head);
	for (const char *p = list; *p;) {
		const char *sep = strstr(p, ", ");
		int n = sep ? (int)(sep - p) : (int)strlen(p);
		int need = n + (sep ? 1 : (int)strlen(tail));

		if (p != list && col + 1 + need > 100) {
			out_printf(o, "\n%s", indent);
			col = sys_column(indent, 0);
		} else if (p != list) {
			out_putc(o, ' ');
			col++;
		}
		out_printf(o, "%.*s%s", n, p, sep ? "," : "");
		col += n + (sep ? 1 : 0);
		p = sep ? sep + 2 : p + n;
	}
	out_puts(o, tail);
}

/* ---- the IDL headers a set of signatures needs ---- */

struct sys_stems {
	const char **v;
	size_t n, cap;
};

static void sys_stems_push(struct sys_stems *st, const char *stem)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->v = realloc(st->v, st->cap * sizeof(*st->v));
		if (!st->v)
			abort();
	}
	st->v[st->n++] = stem;
}

/* The header emit_headers writes for the file declaring a type. */
static void sys_stems_add(struct sys_stems *st, const struct spec *s, const struct source *src)
{
	if (src && !src->is_manifest)
		sys_stems_push(st, emitc_stem(s, src));
}

static void sys_stems_of_type(struct sys_stems *st, const struct spec *s, const struct type *t)
{
	for (; t; t = t->elem)
		if (t->kind == TY_NAMED && t->decl)
			sys_stems_add(st, s, t->decl->src);
}

static int sys_cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int sys_cmp_decl(const void *x, const void *y)
{
	return strcmp((*(const struct decl *const *)x)->name, (*(const struct decl *const *)y)->name);
}

/* `#include <tessera/<stem>.h>` for idl_base.h, syscall_nr.h and every IDL
 * file declaring a type the syscalls use (only the implemented ones when
 * implemented_only), sorted. */
static void sys_type_includes(struct out *o, const struct spec *s, bool implemented_only)
{
	struct sys_stems st = { 0 };

	sys_stems_push(&st, "idl_base");
	sys_stems_push(&st, "syscall_nr");
	for (size_t i = 0; i < s->nsyscalls; i++) {
		const struct decl *d = s->syscalls[i];

		if (implemented_only && !sys_is_implemented(d))
			continue;
		for (const struct param *p = d->u.sys.sig.params; p; p = p->next)
			sys_stems_of_type(&st, s, p->type);
	}
	qsort(st.v, st.n, sizeof(*st.v), sys_cmp_str);
	for (size_t i = 0; i < st.n; i++)
		if (i == 0 || strcmp(st.v[i], st.v[i - 1]) != 0)
			out_printf(o, "#include <tessera/%s.h>\n", st.v[i]);
	free(st.v);
}

/* ---- include/tessera/syscall_nr.h ---- */

static int sys_emit_nr_h(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();
	int64_t max = 0;

	sys_file_open(o, s, false,
		      " * Syscall numbers: the ABI between user space and the kernel, shared by\n"
		      " * both sides (usys.h, syscall_table.c, syscall_desc.c).\n");
	emitc_guard_open(o, "syscall_nr");
	out_putc(o, '\n');
	for (size_t i = 0; i < s->nsyscalls; i++) {
		const struct decl *d = s->syscalls[i];

		out_printf(o, "#define __NR_%s %" PRId64 "\n", d->name, d->u.sys.nr);
		if (d->u.sys.nr + 1 > max)
			max = d->u.sys.nr + 1;
	}
	if (s->nsyscalls)
		out_putc(o, '\n');
	out_puts(o, "/* One more than the largest number: the size of tables indexed by it. */\n");
	out_printf(o, "#define SYSCALL_NR_MAX %" PRId64 "\n", max);
	emitc_guard_close(o, "syscall_nr");
	return sys_commit(s, o, outdir, "include/tessera/syscall_nr.h");
}

/* ---- include/tessera/syscall_table.h (kernel side) ---- */

static void sys_prototype(struct out *o, struct arena *a, const struct decl *d)
{
	const struct syscall_decl *sc = &d->u.sys;

	out_printf(o, "\n/* %s (%" PRId64 "), from %s. */\n", d->name, sc->nr, sc->impl->name);
	if (sys_has_attr(d, "noreturn"))
		out_puts(o, "__attribute__((noreturn)) ");
	struct out *params = out_new();

	ctype_params(params, &sc->sig, NULL, CTYPE_USER);
	sys_wrap(o, arena_printf(a, "long %s(", sc->impl_cname), out_data(params), ");\n", "\t");
	out_free(params);
}

static int sys_emit_kernel_h(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	sys_file_open(o, s, true,
		      " * The kernel side of the syscall ABI: the argument registers, the C\n"
		      " * function implementing each syscall in this configuration, and the\n"
		      " * dispatcher the entry path calls (defined in syscall_table.c).\n");
	emitc_guard_open(o, "syscall_table");
	out_putc(o, '\n');
	sys_type_includes(o, s, true);
	out_puts(o, "\n/* The argument registers of one call: rdi, rsi, rdx, r10, r8, r9. */\n"
		    "struct syscall_args {\n\tunsigned long a[6];\n};\n");
	for (size_t i = 0; i < s->nsyscalls; i++)
		if (sys_is_implemented(s->syscalls[i]))
			sys_prototype(o, s->arena, s->syscalls[i]);
	out_puts(o, "\n/**\n"
		    " * syscall_dispatch() - Run syscall nr with the caller's argument registers.\n"
		    " * @nr: the number from rax.\n"
		    " * @args: the argument registers.\n"
		    " *\n"
		    " * Return: the implementation's result, or syscall_unimplemented()'s when\n"
		    " * this configuration does not implement nr.\n"
		    " */\n"
		    "long syscall_dispatch(unsigned long nr, const struct syscall_args *args);\n\n"
		    "/**\n"
		    " * syscall_unimplemented() - Provided by the kernel for numbers without an\n"
		    " * implementation: logs the call's name once.\n"
		    " * @nr: the number from rax.\n"
		    " * @args: the argument registers.\n"
		    " *\n"
		    " * Return: -ENOSYS.\n"
		    " */\n"
		    "long syscall_unimplemented(unsigned long nr, const struct syscall_args *args);\n");
	emitc_guard_close(o, "syscall_table");
	return sys_commit(s, o, outdir, "include/tessera/syscall_table.h");
}

/* ---- syscall_table.c ---- */

/* The register(s) of one parameter, cast to its C type(s) as ctype_params()
 * spells them. Returns the registers used. */
static int sys_unpack_param(struct out *o, const struct param *p, int slot)
{
	const struct type *t = p->type;

	out_putc(o, '(');
	if (t->kind == TY_PTR || t->kind == TY_STRING) {
		struct param unnamed = *p;

		unnamed.name = "";
		ctype_param(o, &unnamed, CTYPE_USER);
	} else if (t->kind == TY_BUFFER) {
		if (p->dir == DIR_IN)
			out_puts(o, "const ");
		ctype_decl(o, t->elem, NULL);
		out_printf(o, " __user *)args->a[%d], (size_t)args->a[%d]", slot, slot + 1);
		return 2;
	} else {
		ctype_decl(o, t, NULL);
	}
	out_printf(o, ")args->a[%d]", slot);
	return 1;
}

static void sys_shim_call(struct out *o, struct arena *a, const struct decl *d)
{
	struct out *args = out_new();
	int slot = 0;

	for (const struct param *p = d->u.sys.sig.params; p && slot < 6; p = p->next) {
		if (slot)
			out_puts(args, ", ");
		slot += sys_unpack_param(args, p, slot);
	}
	sys_wrap(o, arena_printf(a, "\treturn %s(", d->u.sys.impl_cname), out_data(args), ");\n", "\t\t");
	out_free(args);
}

static void sys_shim(struct out *o, struct arena *a, const struct decl *d)
{
	out_printf(o, "static long syscall_entry_%s(const struct syscall_args *args)\n{\n", d->name);
	if (!d->u.sys.sig.params)
		out_puts(o, "\t(void)args;\n");
	sys_shim_call(o, a, d);
	out_puts(o, "}\n\n");
}

static void sys_dispatch(struct out *o, const struct spec *s, size_t nimpl)
{
	out_puts(o, "long syscall_dispatch(unsigned long nr, const struct syscall_args *args)\n{\n");
	if (s->nsyscalls == 0) {
		out_puts(o, "\treturn syscall_unimplemented(nr, args);\n}\n");
		return;
	}
	if (nimpl == 0) {
		out_puts(o, "\t/* This configuration implements no syscall. */\n"
			    "\treturn syscall_unimplemented(nr, args);\n}\n");
		return;
	}
	out_puts(o, "\tif (nr >= SYSCALL_NR_MAX || !syscall_table[nr])\n"
		    "\t\treturn syscall_unimplemented(nr, args);\n"
		    "\treturn syscall_table[nr](args);\n}\n");
}

static int sys_emit_table_c(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();
	size_t nimpl = 0;

	sys_file_open(o, s, true,
		      " * Syscall entry: one shim per implemented syscall unpacks the argument\n"
		      " * registers into the implementation's C types; syscall_dispatch() finds\n"
		      " * the shim by number. Called from the architecture's syscall entry path.\n");
	out_puts(o, "#include <stddef.h>\n\n#include <tessera/syscall_table.h>\n\n");
	for (size_t i = 0; i < s->nsyscalls; i++) {
		if (sys_is_implemented(s->syscalls[i])) {
			sys_shim(o, s->arena, s->syscalls[i]);
			nimpl++;
		}
	}
	if (nimpl) {
		out_puts(o, "/* Indexed by number; NULL where this configuration has no implementation. */\n"
			    "static long (*const syscall_table[SYSCALL_NR_MAX])(const struct syscall_args *) = {\n");
		for (size_t i = 0; i < s->nsyscalls; i++)
			if (sys_is_implemented(s->syscalls[i]))
				out_printf(o, "\t[__NR_%s] = syscall_entry_%s,\n", s->syscalls[i]->name,
					   s->syscalls[i]->name);
		out_puts(o, "};\n\n");
	}
	sys_dispatch(o, s, nimpl);
	return sys_commit(s, o, outdir, "syscall_table.c");
}

/* ---- the description table ---- */

/* How the decoder shows one argument register. */
struct sys_slot {
	const char *name;
	const char *kind;
	int width;
	bool is_signed;
	const struct decl *names; /* enum or flags */
};

static int sys_scalar_width(enum type_kind k)
{
	switch (k) {
	case TY_BOOL:
	case TY_U8:
	case TY_I8:
		return 1;
	case TY_U16:
	case TY_I16:
		return 2;
	case TY_U32:
	case TY_I32:
		return 4;
	default:
		return 8;
	}
}

static void sys_integer_slot(struct sys_slot *sl, const struct param *p, const struct type *rt)
{
	bool is_signed = type_is_signed(rt);

	sl->is_signed = is_signed;
	if (rt->kind == TY_NAMED && rt->decl) {
		/* Flags are bits: never sign-extended, whatever their base type. */
		sl->is_signed = is_signed && rt->decl->kind == D_ENUM;
		sl->names = rt->decl;
		sl->kind = rt->decl->kind == D_FLAGS ? "SYSARG_FLAGS" : "SYSARG_ENUM";
		sl->width = sys_scalar_width(type_resolve(rt->decl->u.enm.base)->kind);
		return;
	}
	sl->width = sys_scalar_width(rt->kind);
	if (attr_find(p->attrs, "hex") || rt->kind == TY_PADDR)
		sl->kind = "SYSARG_HEX";
	else if (attr_find(p->attrs, "octal"))
		sl->kind = "SYSARG_OCT";
	else if (rt->kind == TY_VADDR)
		sl->kind = "SYSARG_PTR";
	else
		sl->kind = is_signed ? "SYSARG_DEC" : "SYSARG_UDEC";
}

/* Buffers of bytes show their contents; other buffers only their address. */
static int sys_buffer_slots(struct sys_slot sl[2], struct arena *a, const struct param *p,
			    const struct type *rt)
{
	const struct type *elem = type_resolve(rt->elem);
	bool is_bytes = elem && (elem->kind == TY_U8 || elem->kind == TY_I8);

	if (!is_bytes)
		sl[0].kind = "SYSARG_PTR";
	else
		sl[0].kind = p->dir == DIR_OUT ? "SYSARG_BUF_OUT" : "SYSARG_BUF_IN";
	sl[1] = (struct sys_slot){ arena_printf(a, "%s_len", p->name), "SYSARG_LEN", 8, false, NULL };
	return 2;
}

/* Fills the slot(s) of one parameter; returns how many registers it uses. */
static int sys_param_slots(struct sys_slot sl[2], struct arena *a, const struct param *p)
{
	const struct type *rt = type_resolve(p->type);

	sl[0] = (struct sys_slot){ p->name, "SYSARG_HEX", 8, false, NULL };
	if (rt->kind == TY_BUFFER)
		return sys_buffer_slots(sl, a, p, rt);
	if (rt->kind == TY_STRING)
		sl[0].kind = "SYSARG_STR";
	else if (rt->kind == TY_PTR)
		sl[0].kind = "SYSARG_PTR";
	else if (rt->kind == TY_BOOL)
		sl[0] = (struct sys_slot){ p->name, "SYSARG_BOOL", 1, false, NULL };
	else if (type_is_integer(rt))
		sys_integer_slot(&sl[0], p, rt);
	return 1;
}

static const char *sys_ret_kind(const struct decl *d)
{
	const struct type *rt = type_resolve(d->u.sys.sig.ret);

	if (sys_has_attr(d, "noreturn"))
		return "SYSRET_NORETURN";
	if (rt && (rt->kind == TY_VADDR || rt->kind == TY_PADDR || type_is_pointer_like(rt)))
		return "SYSRET_HEX";
	return "SYSRET_DEC";
}

/* Every enum and flags type a syscall parameter uses, sorted by name, once. */
static size_t sys_named_types(const struct spec *s, const struct decl ***out)
{
	const struct decl **v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < s->nsyscalls; i++) {
		for (const struct param *p = s->syscalls[i]->u.sys.sig.params; p; p = p->next) {
			struct sys_slot sl[2];

			if (sys_param_slots(sl, s->arena, p) != 1 || !sl[0].names)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				v = realloc(v, cap * sizeof(*v));
				if (!v)
					abort();
			}
			v[n++] = sl[0].names;
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), sys_cmp_decl);
	*out = v;
	return n;
}

/* A member's value as the decoder compares it: see struct syscall_value_name. */
static void sys_member_value(struct out *o, const struct decl *type, const struct member *m)
{
	const struct type *base = type_resolve(type->u.enm.base);
	int width = sys_scalar_width(base->kind);
	uint64_t mask = width == 8 ? UINT64_MAX : (UINT64_C(1) << (width * 8)) - 1;

	if (type->kind == D_FLAGS)
		out_printf(o, "0x%" PRIx64, (uint64_t)m->ival & mask);
	else if (m->ival >= 0)
		out_printf(o, "%" PRId64, m->ival);
	else if (type_is_signed(base) && m->ival != INT64_MIN)
		out_printf(o, "(unsigned long)%" PRId64, m->ival);
	else
		out_printf(o, "0x%" PRIx64, (uint64_t)m->ival);
}

static void sys_names_table(struct out *o, const struct decl *type)
{
	out_printf(o, "static const struct syscall_value_name syscall_names_%s[] = {\n", type->name);
	for (const struct member *m = type->u.enm.members; m; m = m->next) {
		out_puts(o, "\t{ ");
		sys_member_value(o, type, m);
		out_printf(o, ", \"%s\" },\n", m->name);
	}
	out_puts(o, "\t{ 0, NULL },\n};\n\n");
}

static void sys_arg_desc(struct out *o, const struct sys_slot *sl)
{
	struct out *fields = out_new();

	out_printf(fields, ".name = \"%s\", .kind = %s, .width = %d", sl->name, sl->kind, sl->width);
	if (sl->is_signed)
		out_puts(fields, ", .is_signed = true");
	if (sl->names)
		out_printf(fields, ", .names = syscall_names_%s", sl->names->name);
	sys_wrap(o, "\t\t\t{ ", out_data(fields), " },\n", "\t\t\t  ");
	out_free(fields);
}

static void sys_desc_entry(struct out *o, struct arena *a, const struct decl *d)
{
	out_printf(o, "\t[__NR_%s] = {\n\t\t.name = \"%s\",\n\t\t.nargs = %d,\n\t\t.ret = %s,\n", d->name,
		   d->name, d->u.sys.nslots, sys_ret_kind(d));
	if (d->u.sys.sig.params) {
		out_puts(o, "\t\t.args = {\n");
		for (const struct param *p = d->u.sys.sig.params; p; p = p->next) {
			struct sys_slot sl[2];
			int n = sys_param_slots(sl, a, p);

			for (int i = 0; i < n; i++)
				sys_arg_desc(o, &sl[i]);
		}
		out_puts(o, "\t\t},\n");
	}
	out_puts(o, "\t},\n");
}

/* The message strace shows after an errno name: the first line of the
 * error's doc comment without its full stop. */
static void sys_errno_entry(struct out *o, const struct decl *e)
{
	out_printf(o, "\t{ %" PRId64 ", \"%s\", ", e->u.err.number, e->name);
	if (!e->doc || !e->doc[0]) {
		out_puts(o, "NULL },\n");
		return;
	}
	size_t n = strcspn(e->doc, "\n");
	char line[256];

	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	memcpy(line, e->doc, n);
	line[n] = '\0';
	if (n && line[n - 1] == '.')
		line[n - 1] = '\0';
	emitc_string_literal(o, line);
	out_puts(o, " },\n");
}

static int sys_emit_desc_c(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();
	const struct decl **types;
	size_t ntypes = sys_named_types(s, &types);

	sys_file_open(o, s, false,
		      " * What the syscall tracer prints: every syscall's name, its argument\n"
		      " * registers and how to show them, and the errno names. Read by the\n"
		      " * kernel's strace-style formatter (CONFIG_SYSCALL_TRACE).\n");
	out_puts(o, "#include <stddef.h>\n\n#include <tessera/syscall_desc.h>\n\n");
	for (size_t i = 0; i < ntypes; i++)
		if (i == 0 || types[i] != types[i - 1])
			sys_names_table(o, types[i]);
	free(types);
	if (s->nsyscalls == 0) {
		out_puts(o, "const struct syscall_desc syscall_descs[SYSCALL_NR_MAX];\n\n");
	} else {
		out_puts(o, "const struct syscall_desc syscall_descs[SYSCALL_NR_MAX] = {\n");
		for (size_t i = 0; i < s->nsyscalls; i++)
			sys_desc_entry(o, s->arena, s->syscalls[i]);
		out_puts(o, "};\n\n");
	}
	out_puts(o, "const struct syscall_errno_desc syscall_errnos[] = {\n");
	for (size_t i = 0; i < s->nerrors; i++)
		sys_errno_entry(o, s->errors[i]);
	out_puts(o, "\t{ 0, NULL, NULL },\n};\n");
	return sys_commit(s, o, outdir, "syscall_desc.c");
}

static int sys_emit_desc_h(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	sys_file_open(o, s, false,
		      " * The types of the syscall description table (syscall_desc.c), from\n"
		      " * which the kernel prints calls the way strace does.\n");
	emitc_guard_open(o, "syscall_desc");
	out_puts(o, "\n#include <stdbool.h>\n\n#include <tessera/syscall_nr.h>\n\n");
	out_puts(o, syscall_desc_types_text);
	emitc_guard_close(o, "syscall_desc");
	return sys_commit(s, o, outdir, "include/tessera/syscall_desc.h");
}

/* ---- include/tessera/usys.h ---- */

/* The value one parameter puts in its register(s), as a long. */
static int sys_stub_regs(struct out *o, const struct param *p, int slot)
{
	out_printf(o, "\tregister long usys_a%d __asm__(\"%s\") = (long)%s;\n", slot, sys_arg_regs[slot],
		   p->name);
	if (p->type->kind != TY_BUFFER || slot + 1 >= 6)
		return 1;
	out_printf(o, "\tregister long usys_a%d __asm__(\"%s\") = (long)%s_len;\n", slot + 1,
		   sys_arg_regs[slot + 1], p->name);
	return 2;
}

static void sys_stub_body(struct out *o, const struct decl *d)
{
	int n = 0;

	out_printf(o, "\tregister long usys_nr __asm__(\"rax\") = __NR_%s;\n", d->name);
	for (const struct param *p = d->u.sys.sig.params; p && n < 6; p = p->next)
		n += sys_stub_regs(o, p, n);
	struct out *inputs = out_new();

	for (int i = 0; i < n; i++)
		out_printf(inputs, "%s\"r\"(usys_a%d)", i ? ", " : "", i);
	out_puts(o, "\n\t__asm__ volatile(\"syscall\"\n\t\t\t : \"+r\"(usys_nr)\n");
	sys_wrap(o, n ? "\t\t\t : " : "\t\t\t :", out_data(inputs), "\n", "\t\t\t   ");
	out_free(inputs);
	out_puts(o, "\t\t\t : \"rcx\", \"r11\", \"memory\");\n");
	if (sys_has_attr(d, "noreturn"))
		out_puts(o, "\t__builtin_unreachable();\n");
	else
		out_puts(o, "\treturn usys_nr;\n");
}

static void sys_stub(struct out *o, struct arena *a, const struct decl *d)
{
	const char *doc = d->doc ? d->doc : d->u.sys.sig.doc;
	const char *summary = doc_summary(a, doc);

	out_printf(o, "/* %s (%" PRId64 ")%s%s */\n", d->name, d->u.sys.nr, summary[0] ? ": " : "",
		   summary);
	out_puts(o, "static inline ");
	if (sys_has_attr(d, "noreturn"))
		out_puts(o, "__attribute__((noreturn)) ");
	struct out *params = out_new();

	ctype_params(params, &d->u.sys.sig, NULL, 0);
	sys_wrap(o, arena_printf(a, "long usys_%s(", d->name), out_data(params), ")\n{\n", "\t\t\t\t");
	out_free(params);
	sys_stub_body(o, d);
	out_puts(o, "}\n");
}

static int sys_emit_usys_h(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	sys_file_open(o, s, false,
		      " * User-space syscall stubs: usys_<name>() puts its arguments in the\n"
		      " * registers of the x86_64 syscall ABI and traps. Freestanding: no libc.\n"
		      " * Each returns the kernel's result, a negative errno on failure.\n");
	emitc_guard_open(o, "usys");
	out_puts(o, "\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
	sys_type_includes(o, s, false);
	for (size_t i = 0; i < s->nsyscalls; i++) {
		out_putc(o, '\n');
		sys_stub(o, s->arena, s->syscalls[i]);
	}
	emitc_guard_close(o, "usys");
	return sys_commit(s, o, outdir, "include/tessera/usys.h");
}

int emit_syscalls(const struct spec *s, const char *outdir)
{
	int (*const steps[])(const struct spec *, const char *) = {
		sys_emit_nr_h, sys_emit_kernel_h, sys_emit_table_c,
		sys_emit_desc_h, sys_emit_desc_c, sys_emit_usys_h,
	};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int err = steps[i](s, outdir);

		if (err)
			return err;
	}
	return 0;
}
