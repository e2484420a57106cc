/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `idlc --list`: every interface, its implementations with their Kconfig
 * symbols, and (with a configuration) which are selected or bound.
 */
#include <stdio.h>

#include "ast.h"
#include "emit.h"

static const char *list_mark(const struct spec *s, const struct decl *iface, const struct decl *p)
{
	if (!s->has_config)
		return " ";
	if (!iface->u.iface.is_multi)
		return iface->u.iface.bound == p ? "*" : " ";
	return p->u.comp.is_selected ? "*" : " ";
}

static void list_interface(const struct spec *s, const struct decl *iface, FILE *f)
{
	const struct interface_decl *id = &iface->u.iface;

	fprintf(f, "%s (%s)", iface->name, id->is_multi ? "multi" : "singleton");
	if (s->has_config && !id->is_multi)
		fprintf(f, ": bound to %s", id->bound ? id->bound->name : "nothing");
	fputc('\n', f);
	if (id->nproviders == 0)
		fputs("    (no implementation)\n", f);
	for (size_t k = 0; k < id->nproviders; k++) {
		const struct decl *p = id->providers[k];

		fprintf(f, "  %s %-24s CONFIG_%-24s %s%s\n", list_mark(s, iface, p), p->name,
			p->u.comp.kconfig ? p->u.comp.kconfig : "?", p->u.comp.dir,
			id->default_impl.decl == p ? " (default)" : "");
	}
}

int emit_list(const struct spec *s, FILE *f)
{
	if (s->has_config)
		fprintf(f, "# configuration %s; * marks what it selects\n", s->config.path);
	for (size_t i = 0; i < s->ninterfaces; i++)
		list_interface(s, s->interfaces[i], f);
	if (s->has_config) {
		fputs("init order:", f);
		for (size_t i = 0; i < s->ninit; i++)
			fprintf(f, " %s", s->init_order[i]->name);
		fputc('\n', f);
	}
	return ferror(f) ? -5 : 0;
}
