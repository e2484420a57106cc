/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bind.c: per multi interface the ops tables of its selected providers and
 * its registry; every selected component's tunables with their values from
 * the configuration; and the list of bindings the kernel prints at boot.
 */
#include <string.h>

#include "arena.h"
#include "ctype.h"
#include "emit.h"
#include "emit_bind.h"
#include "emit_c.h"
#include "out.h"

static void bindc_ops_table(struct out *o, const struct decl *comp, const struct provide *pv)
{
	const struct decl *iface = pv->iface.decl;

	out_printf(o, "\nconst struct %s_ops %s_%s_ops = {\n", iface->name, comp->name, iface->name);
	for (const struct binding *b = pv->bindings; b; b = b->next)
		if (b->target)
			out_printf(o, "\t.%s = %s,\n", b->target->name, b->cname);
	out_puts(o, "};\n");
}

/* The registry functions, the same text for every multi interface. */
static void bindc_registry(struct out *o, const char *n)
{
	out_printf(o,
		   "\nconst struct %s_provider *%s_provider_find(const char *name)\n{\n"
		   "\tfor (size_t i = 0; i < %s_nproviders; i++)\n"
		   "\t\tif (bind_name_eq(%s_providers[i].name, name))\n\t\t\treturn &%s_providers[i];\n"
		   "\treturn NULL;\n}\n\n"
		   "static struct %s_dev *%s_devs;\n\n"
		   "struct %s_dev *%s_dev_find(const char *name)\n{\n"
		   "\tfor (struct %s_dev *d = %s_devs; d; d = d->next)\n"
		   "\t\tif (bind_name_eq(d->name, name))\n\t\t\treturn d;\n\treturn NULL;\n}\n\n"
		   "struct %s_dev *%s_dev_first(void)\n{\n\treturn %s_devs;\n}\n\n"
		   "int %s_register(struct %s_dev *dev)\n{\n"
		   "\tstruct %s_dev **tail = &%s_devs;\n\n"
		   "\tif (!dev || !dev->name || !dev->ops)\n\t\treturn -EINVAL;\n"
		   "\tif (%s_dev_find(dev->name))\n\t\treturn -EEXIST;\n"
		   "\twhile (*tail)\n\t\ttail = &(*tail)->next;\n"
		   "\tdev->next = NULL;\n\t*tail = dev;\n\treturn 0;\n}\n\n"
		   "void %s_unregister(struct %s_dev *dev)\n{\n"
		   "\tfor (struct %s_dev **p = &%s_devs; *p; p = &(*p)->next) {\n"
		   "\t\tif (*p == dev) {\n\t\t\t*p = dev->next;\n\t\t\tdev->next = NULL;\n\t\t\treturn;\n\t\t}\n\t}\n}\n",
		   n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
}

static void bindc_multi(struct out *o, const struct spec *s, const struct decl *iface)
{
	const struct interface_decl *id = &iface->u.iface;
	size_t n = 0;

	out_printf(o, "\n/* ---- %s ---- */\n", iface->name);
	for (size_t i = 0; i < id->nproviders; i++)
		for (const struct provide *pv = id->providers[i]->u.comp.provides; pv; pv = pv->next)
			if (pv->iface.decl == iface && id->providers[i]->u.comp.is_selected)
				bindc_ops_table(o, id->providers[i], pv);
	out_printf(o, "\nconst struct %s_provider %s_providers[] = {\n", iface->name, iface->name);
	for (size_t i = 0; i < id->nproviders; i++) {
		const struct decl *p = id->providers[i];

		if (!p->u.comp.is_selected)
			continue;
		out_printf(o, "\t{ \"%s\", &%s_%s_ops },\n", p->name, p->name, iface->name);
		n++;
	}
	out_printf(o, "\t{ NULL, NULL },\n};\n\nconst size_t %s_nproviders = %zu;\n", iface->name, n);
	bindc_registry(o, iface->name);
	(void)s;
}

static void bindc_tunable_value(struct out *o, const struct tunable *t)
{
	if (t->cfg_val.kind == VAL_STRING)
		emitc_string_literal(o, t->cfg_val.s);
	else if (t->cfg_val.kind == VAL_BOOL)
		out_puts(o, t->cfg_val.i ? "true" : "false");
	else
		emitc_int_literal(o, t->type, t->cfg_val.i);
}

static const char *bindc_tunable_type(const struct tunable *t)
{
	if (t->type->kind == TY_STRING)
		return "TUNABLE_STRING";
	if (t->type->kind == TY_BOOL)
		return "TUNABLE_BOOL";
	return type_is_signed(t->type) ? "TUNABLE_INT" : "TUNABLE_UINT";
}

static void bindc_tunables(struct out *o, const struct spec *s)
{
	size_t n = 0;

	out_puts(o, "\n/* ---- tunables: values from the configuration ---- */\n");
	for (size_t i = 0; i < s->ninit; i++) {
		for (const struct tunable *t = s->init_order[i]->u.comp.tunables; t; t = t->next) {
			ctype_decl(o, t->type, NULL);
			out_printf(o, "%s%s_%s = ", t->type->kind == TY_STRING ? "" : " ", s->init_order[i]->name, t->name);
			bindc_tunable_value(o, t);
			out_puts(o, ";\n");
		}
	}
	out_puts(o, "\nconst struct tessera_tunable tessera_tunables[] = {\n");
	for (size_t i = 0; i < s->ninit; i++) {
		const struct decl *d = s->init_order[i];

		for (const struct tunable *t = d->u.comp.tunables; t; t = t->next, n++)
			out_printf(o, "\t{ \"%s\", \"%s\", %s, sizeof(%s_%s), &%s_%s, %lldLL, %lldLL },\n", d->name, t->name,
				   bindc_tunable_type(t), d->name, t->name, d->name, t->name,
				   (long long)(t->has_range ? t->min_val : 0), (long long)(t->has_range ? t->max_val : 0));
	}
	out_printf(o, "\t{ 0 },\n};\n\nconst size_t tessera_ntunables = %zu;\n", n);
}

static void bindc_bindings(struct out *o, const struct spec *s)
{
	size_t n = 0;

	out_puts(o, "\n/* ---- the composition, one line per binding ---- */\n"
		    "const struct tessera_binding tessera_bindings[] = {\n");
	for (size_t i = 0; i < s->ninterfaces; i++) {
		const struct interface_decl *id = &s->interfaces[i]->u.iface;

		for (size_t k = 0; k < id->nproviders; k++) {
			const struct decl *p = id->providers[k];

			if (!p->u.comp.is_selected || (!id->is_multi && p != id->bound))
				continue;
			out_printf(o, "\t{ \"%s\", \"%s\", \"%s\", %s },\n", s->interfaces[i]->name, p->name,
				   p->u.comp.kconfig, id->is_multi ? "true" : "false");
			n++;
		}
	}
	out_printf(o, "\t{ 0 },\n};\n\nconst size_t tessera_nbindings = %zu;\n", n);
}

/* The headers bind.c needs: every IDL file (interfaces, and the errno
 * values the registries return) and every selected component. */
static void bindc_includes(struct out *o, const struct spec *s)
{
	out_puts(o, "\n#include <tessera/composition.h>\n");
	for (const struct source *src = s->sources; src; src = src->next)
		if (!src->is_manifest)
			out_printf(o, "#include <tessera/%s.h>\n", emitc_stem(s, src));
	for (size_t i = 0; i < s->ninit; i++)
		out_printf(o, "#include <tessera/components/%s.h>\n", s->init_order[i]->name);
}

int emit_bind_c(const struct spec *s, const char *outdir)
{
	struct out *o = out_new();

	emitc_banner(o, s, s->config.path);
	bindc_includes(o, s);
	out_puts(o, "\n/* Registries compare names without libc: the kernel has none. */\n"
		    "static inline bool bind_name_eq(const char *a, const char *b)\n{\n"
		    "\twhile (*a && *a == *b) {\n\t\ta++;\n\t\tb++;\n\t}\n\treturn *a == *b;\n}\n");
	for (size_t i = 0; i < s->ninterfaces; i++)
		if (s->interfaces[i]->u.iface.is_multi)
			bindc_multi(o, s, s->interfaces[i]);
	bindc_tunables(o, s);
	bindc_bindings(o, s);
	return out_commit(o, arena_printf(s->arena, "%s/bind.c", outdir));
}
