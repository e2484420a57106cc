/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Interfaces and components in C (see emit_iface.h). A singleton's calls are
 * defined by its binding header (emit_bind.c), included at the end of the
 * interface's section; a multi interface is entirely here, because its
 * dispatch goes through a run-time ops table whatever the configuration.
 */
#include "emit_iface.h"

#include <string.h>

#include "arena.h"
#include "ctype.h"
#include "emit.h"
#include "emit_c.h"
#include "out.h"
#include "symtab.h"

const char *emit_iface_self(const struct spec *s, const struct decl *iface)
{
	if (!iface->u.iface.is_multi)
		return NULL;
	return arena_printf(s->arena, "struct %s_dev *dev", iface->name);
}

/* `typedef int pmm_alloc_fn(uint32_t order, paddr_t *frame);` */
static void emit_method_type(struct out *o, const struct spec *s, const struct decl *iface, const struct method *m)
{
	out_puts(o, "typedef ");
	ctype_ret_sep(o, m);
	out_printf(o, "%s_%s_fn(", iface->name, m->name);
	ctype_params(o, m, emit_iface_self(s, iface), 0);
	out_puts(o, ");\n");
}

static void emit_iface_doc(struct out *o, const struct decl *iface)
{
	out_printf(o, "\n/**\n * DOC: %s - %s interface\n", iface->name,
		   iface->u.iface.is_multi ? "multi" : "singleton");
	if (iface->doc) {
		out_puts(o, " *\n");
		emitc_doc_lines(o, iface->doc, "");
	}
	out_puts(o, " */\n");
}

static void emit_multi_wrapper(struct out *o, const struct spec *s, const struct decl *iface, const struct method *m)
{
	out_puts(o, "static inline ");
	ctype_ret_sep(o, m);
	out_printf(o, "%s_%s(", iface->name, m->name);
	ctype_params(o, m, emit_iface_self(s, iface), 0);
	out_puts(o, ")\n{\n");
	bool returns = m->ret || m->has_raises;
	if (m->is_optional && returns)
		out_printf(o, "\tif (!dev->ops->%s)\n\t\treturn -EOPNOTSUPP;\n", m->name);
	else if (m->is_optional)
		out_printf(o, "\tif (!dev->ops->%s)\n\t\treturn;\n", m->name);
	out_printf(o, "\t%sdev->ops->%s(", returns ? "return " : "", m->name);
	ctype_args(o, m, "dev");
	out_puts(o, ");\n}\n");
}

static void emit_multi_structs(struct out *o, const struct spec *s, const struct decl *iface)
{
	const char *n = iface->name;

	out_printf(o, "\nstruct %s_dev;\n\n/**\n * struct %s_ops - what a provider of %s implements\n */\nstruct %s_ops {\n",
		   n, n, n, n);
	for (const struct method *m = iface->u.iface.methods; m; m = m->next) {
		out_puts(o, "\t");
		ctype_ret(o, m);
		out_printf(o, " (*%s)(", m->name);
		ctype_params(o, m, emit_iface_self(s, iface), 0);
		out_printf(o, ");%s\n", m->is_optional ? " /* optional: may be NULL */" : "");
	}
	out_printf(o, "};\n\n/**\n * struct %s_dev - one registered %s provider instance\n"
		      " * @name: unique among registered %s devices\n * @ops: its implementation\n"
		      " * @priv: the provider's own state\n * @next: registry link, owned by the registry\n */\n"
		      "struct %s_dev {\n\tconst char *name;\n\tconst struct %s_ops *ops;\n\tvoid *priv;\n"
		      "\tstruct %s_dev *next;\n};\n", n, n, n, n, n, n);
}

static void emit_multi_registry(struct out *o, const struct decl *iface)
{
	const char *n = iface->name;

	out_printf(o, "\n/* The %s registry (generated in bind.c). Providers known at build time: */\n"
		      "struct %s_provider {\n\tconst char *name; /* the component */\n"
		      "\tconst struct %s_ops *ops;\n};\n"
		      "extern const struct %s_provider %s_providers[];\nextern const size_t %s_nproviders;\n"
		      "const struct %s_provider *%s_provider_find(const char *name);\n"
		      "/* Instances registered at run time (during init; not thread-safe). */\n"
		      "int %s_register(struct %s_dev *dev); /* 0, -EINVAL or -EEXIST */\n"
		      "void %s_unregister(struct %s_dev *dev);\n"
		      "struct %s_dev *%s_dev_find(const char *name);\n"
		      "struct %s_dev *%s_dev_first(void);\n"
		      "static inline struct %s_dev *%s_dev_next(struct %s_dev *dev)\n{\n\treturn dev->next;\n}\n",
		   n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
}

void emit_iface_header(struct out *o, const struct spec *s, const struct decl *iface)
{
	const struct method *m;

	emit_iface_doc(o, iface);
	if (iface->u.iface.is_multi)
		emit_multi_structs(o, s, iface);
	out_puts(o, "\n/* Method types: every implementation has exactly this signature. */\n");
	for (m = iface->u.iface.methods; m; m = m->next)
		emit_method_type(o, s, iface, m);
	for (m = iface->u.iface.methods; m; m = m->next) {
		out_putc(o, '\n');
		emitc_method_doc(o, m, arena_printf(s->arena, "%s_%s", iface->name, m->name), iface->u.iface.is_multi);
		if (iface->u.iface.is_multi)
			emit_multi_wrapper(o, s, iface, m);
		else
			out_printf(o, "/* defined by the binding: see tessera/bind/%s.h */\n", iface->name);
	}
	if (iface->u.iface.is_multi)
		emit_multi_registry(o, iface);
	else
		out_printf(o, "\n/* The configuration decides who implements %s. */\n#include <tessera/bind/%s.h>\n",
			   iface->name, iface->name);
}

static void emit_include_once(struct out *o, const struct spec *s, struct symtab *seen, const struct decl *d)
{
	const char *stem;

	if (!d)
		return;
	stem = emitc_stem(s, d->src);
	if (!symtab_put(seen, stem, (void *)stem))
		out_printf(o, "#include <tessera/%s.h>\n", stem);
}

/* The headers of the files declaring what a component provides, requires
 * and implements, each once. */
static void emit_component_includes(struct out *o, const struct spec *s, const struct decl *comp)
{
	struct symtab *seen = symtab_new();

	out_puts(o, "\n#include <tessera/idl_base.h>\n");
	for (const struct provide *pv = comp->u.comp.provides; pv; pv = pv->next)
		emit_include_once(o, s, seen, pv->iface.decl);
	for (const struct require *rq = comp->u.comp.requires; rq; rq = rq->next)
		emit_include_once(o, s, seen, rq->iface.decl);
	for (const struct syscall_impl *si = comp->u.comp.syscalls; si; si = si->next)
		emit_include_once(o, s, seen, si->syscall.decl);
	symtab_free(seen);
}

static void emit_component_bindings(struct out *o, const struct spec *s, const struct decl *comp)
{
	for (const struct provide *pv = comp->u.comp.provides; pv; pv = pv->next) {
		const struct decl *iface = pv->iface.decl;

		for (const struct binding *b = pv->bindings; b; b = b->next) {
			if (!b->target)
				continue;
			out_puts(o, b->target->is_hot ? "__attribute__((hot)) " : "");
			ctype_ret_sep(o, b->target);
			out_printf(o, "%s(", b->cname);
			ctype_params(o, b->target, emit_iface_self(s, iface), 0);
			out_printf(o, "); /* implements %s.%s (%s:%d) */\n", iface->name, b->target->name,
				   iface->src->path, b->target->loc.line);
		}
		if (iface->u.iface.is_multi)
			out_printf(o, "extern const struct %s_ops %s_%s_ops; /* its %s provider ops, in bind.c */\n",
				   iface->name, comp->name, iface->name, iface->name);
	}
}

static void emit_component_syscalls(struct out *o, const struct decl *comp)
{
	for (const struct syscall_impl *si = comp->u.comp.syscalls; si; si = si->next) {
		const struct decl *sc = si->syscall.decl;

		if (!sc)
			continue;
		out_printf(o, "long %s(", si->cname);
		ctype_params(o, &sc->u.sys.sig, NULL, CTYPE_USER);
		out_printf(o, "); /* implements syscall %s (%lld) */\n", sc->name, (long long)sc->u.sys.nr);
	}
}

static void emit_component_tunables(struct out *o, const struct decl *comp)
{
	for (const struct tunable *t = comp->u.comp.tunables; t; t = t->next) {
		out_puts(o, "extern ");
		ctype_decl(o, t->type, NULL);
		out_printf(o, "%s%s_%s; /* CONFIG_%s; command line: %s.%s= */\n",
			   t->type->kind == TY_STRING ? "" : " ", comp->name, t->name, t->kconfig ? t->kconfig : "?",
			   comp->name, t->name);
	}
}

int emit_component_header(const struct spec *s, const struct decl *comp, const char *outdir)
{
	struct out *o = out_new();
	const char *guard = arena_printf(s->arena, "components/%s", comp->name);
	const struct component_decl *cd = &comp->u.comp;

	emitc_banner(o, s, comp->src->path);
	emitc_guard_open(o, guard);
	emit_component_includes(o, s, comp);
	out_printf(o, "\n/*\n * %s %s (%s), selected by CONFIG_%s.\n", comp->name, cd->version ? cd->version : "",
		   cd->license ? cd->license : "", cd->kconfig ? cd->kconfig : "?");
	if (comp->doc)
		emitc_doc_lines(o, comp->doc, "");
	out_puts(o, " * Its sources implement exactly these declarations.\n */\n");
	if (cd->init)
		out_printf(o, "int %s(void); /* runs once, after the providers of what %s requires */\n", cd->init,
			   comp->name);
	emit_component_bindings(o, s, comp);
	emit_component_syscalls(o, comp);
	emit_component_tunables(o, comp);
	emitc_guard_close(o, guard);
	return out_commit(o, arena_printf(s->arena, "%s/include/tessera/components/%s.h", outdir, comp->name));
}
