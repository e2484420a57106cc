/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared state and steps of the checker. spec_check() (check.c) runs the
 * steps in order: names, types and expressions, interfaces and syscalls,
 * components, then the configuration.
 */
#ifndef IDLC_CHECK_INTERNAL_H
#define IDLC_CHECK_INTERNAL_H

#include <stdbool.h>

#include "ast.h"
#include "spec.h"

struct symtab;

struct checker {
	struct spec *s;
	struct symtab *reported; /* names already reported unknown: one message per root cause */
	struct symtab *kconfig; /* Kconfig symbol -> component declaring it */
	struct symtab *syscall_nrs; /* number (as text) -> syscall */
};

/* Where a type appears decides what it may be. */
enum type_use {
	USE_FIELD,
	USE_PARAM,
	USE_RETURN,
	USE_CONST,
	USE_TYPEDEF,
	USE_ENUM_BASE,
	USE_TUNABLE,
	USE_POINTEE,
	USE_ELEMENT,
};

/* check_names.c */
void check_collect_names(struct checker *c);
struct decl *check_lookup(struct checker *c, const char *name);
/* Reports an unknown name once, with a "did you mean" hint among decls of
 * the kinds in kind_mask (bit per enum decl_kind). */
void check_report_unknown(struct checker *c, int id, struct loc loc, const char *what, const char *name,
			  unsigned kind_mask);
bool check_is_visible(const struct source *from, const struct decl *d);

/* check_types.c */
void check_type(struct checker *c, struct type *t, const struct source *from, enum type_use use);
void check_type_decls(struct checker *c);
bool check_eval(struct checker *c, struct expr *e, const struct source *from, struct value *out);
void check_const_decl(struct checker *c, struct decl *d);
void check_enum_decl(struct checker *c, struct decl *d);
bool check_value_fits(const struct type *t, int64_t v);
void check_attrs(struct checker *c, struct attr *attrs, const char *const *allowed, const char *where);

/* check_methods.c */
void check_interfaces(struct checker *c);
void check_syscalls(struct checker *c);
void check_method_sig(struct checker *c, struct method *m, const struct source *from, bool is_syscall);

/* check_components.c */
void check_components(struct checker *c);

/* check_config.c */
void check_configuration(struct checker *c);
void check_init_order(struct checker *c);

#define KIND_BIT(k) (1u << (k))
#define KINDS_TYPE (KIND_BIT(D_TYPEDEF) | KIND_BIT(D_ENUM) | KIND_BIT(D_FLAGS) | KIND_BIT(D_STRUCT) | \
		    KIND_BIT(D_UNION) | KIND_BIT(D_HANDLE))

#endif
