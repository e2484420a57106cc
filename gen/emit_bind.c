/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `--bind`: what the configuration wires together.
 *   include/tessera/bind/<iface>.h  a singleton's calls: static inline direct
 *                                   calls into the bound component
 *   include/tessera/composition.h   the types of the tables below
 *   bind.c                          multi registries and ops tables, tunables,
 *                                   the list of bindings
 *   init.c                          the init table, dependencies first
 */
#include <string.h>

#include "arena.h"
#include "ctype.h"
#include "emit.h"
#include "emit_bind.h"
#include "emit_c.h"
#include "emit_iface.h"
#include "out.h"
#include "symtab.h"

static const struct binding *bind_find(const struct decl *comp, const struct decl *iface, const struct method *m)
{
	for (const struct provide *pv = comp->u.comp.provides; pv; pv = pv->next)
		for (const struct binding *b = pv->bindings; pv->iface.decl == iface && b; b = b->next)
			if (b->target == m)
				return b;
	return NULL;
}

static void bind_signature(struct out *o, const struct method *m, const char *name)
{
	ctype_ret_sep(o, m);
	out_printf(o, "%s(", name);
	ctype_params(o, m, NULL, 0);
	out_putc(o, ')');
}

/* A method of a bound singleton: a direct, inlinable call. */
static void bind_method(struct out *o, const struct spec *s, const struct decl *iface, const struct method *m)
{
	const struct binding *b = bind_find(iface->u.iface.bound, iface, m);
	bool returns = m->ret || m->has_raises;
	const char *name = arena_printf(s->arena, "%s_%s", iface->name, m->name);

	if (m->is_optional)
		out_printf(o, "\nstatic inline bool %s_has_%s(void)\n{\n\treturn %s;\n}\n", iface->name, m->name,
			   b ? "true" : "false");
	if (b) {
		out_printf(o, "\n%s", m->is_hot ? "__attribute__((hot)) " : "");
		bind_signature(o, m, b->cname);
		out_puts(o, ";\n");
	}
	out_puts(o, "\nstatic inline ");
	bind_signature(o, m, name);
	out_puts(o, "\n{\n");
	if (b) {
		out_printf(o, "\t%s%s(", returns ? "return " : "", b->cname);
		ctype_args(o, m, NULL);
		out_puts(o, ");\n");
	} else {
		for (const struct param *p = m->params; p; p = p->next)
			out_printf(o, p->type->kind == TY_BUFFER ? "\t(void)%s;\n\t(void)%s_len;\n" : "\t(void)%s;\n",
				   p->name, p->name);
		out_puts(o, returns ? "\treturn -EOPNOTSUPP; /* the bound provider leaves this optional method out */\n" : "");
	}
	out_puts(o, "}\n");
}

/* No provider selected: plain declarations, so code under
 * IS_ENABLED(CONFIG_IF_X) still compiles and any call that survives
 * optimisation fails to link instead of misbehaving. */
static void bind_unbound(struct out *o, const struct spec *s, const struct decl *iface)
{
	out_printf(o, "\n/* No selected component provides %s. */\n"
		      "static inline bool %s_is_bound(void)\n{\n\treturn false;\n}\n\n", iface->name, iface->name);
	for (const struct method *m = iface->u.iface.methods; m; m = m->next) {
		bind_signature(o, m, arena_printf(s->arena, "%s_%s", iface->name, m->name));
		out_puts(o, ";\n");
	}
}

/* Optional methods answer -EOPNOTSUPP when left out: include its header. */
static void bind_errno_include(struct out *o, const struct spec *s, const struct decl *iface)
{
	const struct decl *e = symtab_get(s->names, "EOPNOTSUPP");

	for (const struct method *m = iface->u.iface.methods; m; m = m->next)
		if (m->is_optional && (m->ret || m->has_raises) && e && e->src != iface->src) {
			out_printf(o, "#include <tessera/%s.h>\n", emitc_stem(s, e->src));
			return;
		}
}

static int bind_singleton_header(const struct spec *s, const struct decl *iface, const char *outdir)
{
	struct out *o = out_new();
	const char *guard = arena_printf(s->arena, "bind/%s", iface->name);
	const struct decl *bound = iface->u.iface.bound;

	emitc_banner(o, s, arena_printf(s->arena, "%s and %s", iface->src->path, s->config.path));
	emitc_guard_open(o, guard);
	out_printf(o, "\n/* Included by tessera/%s.h; do not include directly. */\n", emitc_stem(s, iface->src));
	bind_errno_include(o, s, iface);
	if (!bound) {
		bind_unbound(o, s, iface);
	} else {
		out_printf(o, "\n/* %s is bound to %s (%s), selected by CONFIG_%s. */\n"
			      "static inline bool %s_is_bound(void)\n{\n\treturn true;\n}\n",
			   iface->name, bound->name, bound->u.comp.dir, bound->u.comp.kconfig, iface->name);
		for (const struct method *m = iface->u.iface.methods; m; m = m->next)
			bind_method(o, s, iface, m);
	}
	emitc_guard_close(o, guard);
	return out_commit(o, arena_printf(s->arena, "%s/include/tessera/bind/%s.h", outdir, iface->name));
}

static int bind_composition_header(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	emitc_banner(o, s, s->config.path);
	emitc_guard_open(o, "composition");
	out_puts(o, "\n#include <tessera/idl_base.h>\n\n"
		    "/* One component's init function, in tessera_init_table[] (init.c). */\n"
		    "struct tessera_init {\n\tconst char *component;\n\tint (*fn)(void); /* 0 or a negative errno */\n};\n"
		    "extern const struct tessera_init tessera_init_table[];\nextern const size_t tessera_ninit;\n\n"
		    "/* One line of the composition: `bind <interface> -> <component>`. */\n"
		    "struct tessera_binding {\n\tconst char *interface;\n\tconst char *component;\n"
		    "\tconst char *kconfig; /* without CONFIG_ */\n\tbool is_multi;\n};\n"
		    "extern const struct tessera_binding tessera_bindings[];\nextern const size_t tessera_nbindings;\n\n"
		    "enum tessera_tunable_type { TUNABLE_INT, TUNABLE_UINT, TUNABLE_BOOL, TUNABLE_STRING };\n\n"
		    "/* A tunable, settable on the command line as component.name=value. */\n"
		    "struct tessera_tunable {\n\tconst char *component;\n\tconst char *name;\n"
		    "\tenum tessera_tunable_type type;\n\tunsigned size; /* of *value, in bytes */\n"
		    "\tvoid *value;\n\tint64_t min, max; /* valid range (integers) */\n};\n"
		    "extern const struct tessera_tunable tessera_tunables[];\nextern const size_t tessera_ntunables;\n");
	emitc_guard_close(o, "composition");
	return out_commit(o, arena_printf(s->arena, "%s/include/tessera/composition.h", outdir));
}

static int bind_init_table(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();
	size_t n = 0;

	emitc_banner(o, s, s->config.path);
	out_puts(o, "\n/* Components' init functions, each after those of the components\n"
		    " * providing what it requires. */\n#include <tessera/composition.h>\n\n");
	for (size_t i = 0; i < s->ninit; i++)
		if (s->init_order[i]->u.comp.init)
			out_printf(o, "int %s(void);\n", s->init_order[i]->u.comp.init);
	out_puts(o, "\nconst struct tessera_init tessera_init_table[] = {\n");
	for (size_t i = 0; i < s->ninit; i++) {
		const struct decl *d = s->init_order[i];

		if (!d->u.comp.init)
			continue;
		out_printf(o, "\t{ \"%s\", %s },\n", d->name, d->u.comp.init);
		n++;
	}
	out_printf(o, "\t{ 0, 0 },\n};\n\nconst size_t tessera_ninit = %zu;\n", n);
	return out_commit(o, arena_printf(s->arena, "%s/init.c", outdir));
}

int emit_bind(const struct spec *s, const char *outdir)
{
	int err = bind_composition_header(s, outdir);

	for (size_t i = 0; i < s->ninterfaces && !err; i++)
		if (!s->interfaces[i]->u.iface.is_multi)
			err = bind_singleton_header(s, s->interfaces[i], outdir);
	if (!err)
		err = bind_init_table(s, outdir);
	if (!err)
		err = emit_bind_c(s, outdir);
	return err;
}
