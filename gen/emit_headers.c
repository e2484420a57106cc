/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `--headers`: include/tessera/<file>.h for every IDL file (its types,
 * constants and interfaces), include/tessera/components/<name>.h for every
 * component (the prototypes its sources must match), and idl_base.h.
 * None of these depend on the configuration.
 */
#include <string.h>

#include "arena.h"
#include "ctype.h"
#include "emit.h"
#include "emit_c.h"
#include "emit_iface.h"
#include "out.h"

static int emit_base_header(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	emitc_banner(o, s, "its built-in types");
	emitc_guard_open(o, "idl_base");
	out_puts(o, "\n/* The C types behind IDL's built-in ones; see docs/idl.md. */\n"
		    "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
		    "typedef uint64_t paddr_t; /* a physical address */\n"
		    "typedef uint64_t vaddr_t; /* a virtual address */\n\n"
		    "/* Marks a pointer into user space: never dereference it, copy through\n"
		    " * copy_from_user()/copy_to_user(). */\n"
		    "#ifndef __user\n#define __user\n#endif\n");
	emitc_guard_close(o, "idl_base");
	return out_commit(o, arena_printf(s->arena, "%s/include/tessera/idl_base.h", outdir));
}

/* Kernel-doc of a type: members or fields, or for a function type its
 * parameters and return value, as for a function. */
static void emit_type_doc(struct out *o, const struct decl *d, const char *kind)
{
	const struct method *fn = d->kind == D_TYPEDEF && d->u.tdef.type->kind == TY_FN ? d->u.tdef.type->fn : NULL;

	out_printf(o, "\n/**\n * %s%s%s -%s", kind, *kind ? " " : "", d->name, d->doc ? " " : "");
	emitc_first_line(o, d->doc);
	out_putc(o, '\n');
	if (d->kind == D_ENUM || d->kind == D_FLAGS)
		for (const struct member *m = d->u.enm.members; m; m = m->next)
			emitc_tag(o, m->name, "", m->doc);
	if (d->kind == D_STRUCT || d->kind == D_UNION)
		for (const struct member *f = d->u.rec.fields; f; f = f->next)
			emitc_tag(o, f->name, "", f->doc);
	if (fn)
		emitc_param_tags(o, fn);
	const char *nl = d->doc ? strchr(d->doc, '\n') : NULL;
	if (nl && nl[1]) {
		out_puts(o, " *\n");
		emitc_doc_lines(o, nl + 1, "");
	}
	if (fn)
		emitc_return_doc(o, fn);
	out_puts(o, " */\n");
}

static void emit_const(struct out *o, const struct decl *d)
{
	const struct value *v = &d->u.cnst.val;

	emit_type_doc(o, d, "");
	out_printf(o, "#define %s ", d->name);
	if (v->kind == VAL_STRING)
		emitc_string_literal(o, v->s);
	else if (v->kind == VAL_BOOL)
		out_puts(o, v->i ? "true" : "false");
	else
		emitc_int_literal(o, d->u.cnst.type, v->i);
	out_putc(o, '\n');
}

static void emit_enum(struct out *o, const struct decl *d)
{
	emit_type_doc(o, d, d->kind == D_ENUM ? "enum" : "flags");
	out_puts(o, "typedef ");
	ctype_decl(o, d->u.enm.base, NULL);
	out_printf(o, " %s_t;\n", d->name);
	for (const struct member *m = d->u.enm.members; m; m = m->next) {
		out_printf(o, "#define %s ", m->name);
		emitc_int_literal(o, d->u.enm.base, m->ival);
		out_putc(o, '\n');
	}
}

static void emit_record(struct out *o, const struct decl *d)
{
	const char *kw = d->kind == D_STRUCT ? "struct" : "union";

	emit_type_doc(o, d, kw);
	out_printf(o, "%s %s {\n", kw, d->name);
	for (const struct member *f = d->u.rec.fields; f; f = f->next) {
		out_putc(o, '\t');
		ctype_decl(o, f->type, f->name);
		out_puts(o, ";\n");
	}
	out_puts(o, "};\n");
}

static void emit_type_decl(struct out *o, const struct decl *d)
{
	switch (d->kind) {
	case D_CONST: emit_const(o, d); break;
	case D_TYPEDEF:
		emit_type_doc(o, d, "typedef");
		ctype_typedef(o, d);
		out_putc(o, '\n');
		break;
	case D_ENUM:
	case D_FLAGS: emit_enum(o, d); break;
	case D_STRUCT:
	case D_UNION: emit_record(o, d); break;
	case D_HANDLE:
		emit_type_doc(o, d, "struct");
		out_printf(o, "struct %s; /* opaque: only its provider sees inside */\n", d->name);
		break;
	default: break;
	}
}

/* Structs, unions and handles are declared up front so pointers to them
 * work in any order. */
static void emit_forward_decls(struct out *o, const struct source *src)
{
	bool any = false;

	for (const struct decl *d = src->decls; d; d = d->next) {
		if (d->kind != D_STRUCT && d->kind != D_UNION && d->kind != D_HANDLE)
			continue;
		if (!any)
			out_putc(o, '\n');
		any = true;
		out_printf(o, "%s %s;\n", d->kind == D_UNION ? "union" : "struct", d->name);
	}
}

static void emit_errors(struct out *o, const struct source *src)
{
	bool any = false;

	for (const struct decl *d = src->decls; d; d = d->next) {
		if (d->kind != D_ERROR)
			continue;
		if (!any)
			out_puts(o, "\n/* Error numbers: functions return them negated (-ENOMEM). */\n");
		any = true;
		out_printf(o, "#define %s %lld /* ", d->name, (long long)d->u.err.number);
		emitc_first_line(o, d->doc);
		out_puts(o, " */\n");
	}
}

static void emit_includes(struct out *o, const struct spec *s, const struct source *src)
{
	out_puts(o, "\n#include <tessera/idl_base.h>\n");
	for (const struct import *imp = src->imports; imp; imp = imp->next)
		if (imp->target)
			out_printf(o, "#include <tessera/%s.h>\n", emitc_stem(s, imp->target));
}

static int emit_file_header(const struct spec *s, const struct source *src, const char *outdir)
{
	struct out *o = out_new();
	const char *stem = emitc_stem(s, src);

	emitc_banner(o, s, src->path);
	emitc_guard_open(o, stem);
	emit_includes(o, s, src);
	emit_forward_decls(o, src);
	emit_errors(o, src);
	for (size_t i = 0; i < src->ntype_order; i++)
		emit_type_decl(o, src->type_order[i]);
	for (const struct decl *d = src->decls; d; d = d->next)
		if (d->kind == D_INTERFACE)
			emit_iface_header(o, s, d);
	emitc_guard_close(o, stem);
	return out_commit(o, arena_printf(s->arena, "%s/include/tessera/%s.h", outdir, stem));
}

int emit_headers(const struct spec *s, const char *outdir)
{
	int err = emit_base_header(s, outdir);

	for (const struct source *src = s->sources; src && !err; src = src->next)
		if (!src->is_manifest)
			err = emit_file_header(s, src, outdir);
	for (size_t i = 0; i < s->ncomponents && !err; i++)
		err = emit_component_header(s, s->components[i], outdir);
	return err;
}
