/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Node constructors called by the parser's actions (parser.y). They record
 * what was written; nothing is checked here.
 */
#ifndef IDLC_AST_BUILD_H
#define IDLC_AST_BUILD_H

#include <stdbool.h>

#include "ast.h"
#include "parse_ctx.h"

struct loc ast_loc(struct parse_ctx *c, int first_line, int first_col, int last_line, int last_col);

void ast_add_decl(struct parse_ctx *c, struct decl *d, char *doc, struct attr *attrs);
void ast_add_import(struct parse_ctx *c, char *path, struct loc loc);
char *ast_doc_append(struct parse_ctx *c, char *doc, const char *line);

struct attr *ast_attr(struct parse_ctx *c, char *name, struct loc loc, struct expr *arg);
struct attr *ast_attr_append(struct attr *list, struct attr *a);

struct type *ast_type(struct parse_ctx *c, enum type_kind kind, struct loc loc);
struct type *ast_type_named(struct parse_ctx *c, char *name, struct loc loc);
struct type *ast_type_ptr(struct parse_ctx *c, bool is_mut, struct type *elem, struct loc loc);
struct type *ast_type_buffer(struct parse_ctx *c, struct type *elem, struct loc loc);
struct type *ast_type_array(struct parse_ctx *c, struct type *elem, struct expr *len, struct loc loc);
struct type *ast_type_fn(struct parse_ctx *c, struct param *params, struct type *ret, struct ref *raises,
			 int has_raises, struct loc loc);

struct expr *ast_expr_int(struct parse_ctx *c, enum expr_kind kind, int64_t v, struct loc loc);
struct expr *ast_expr_str(struct parse_ctx *c, enum expr_kind kind, char *s, struct loc loc);
struct expr *ast_expr_op(struct parse_ctx *c, int op, struct expr *lhs, struct expr *rhs, struct loc loc);

struct ref *ast_ref(struct parse_ctx *c, char *name, struct loc loc);
struct ref *ast_ref_append(struct ref *list, struct ref *r);

struct param *ast_param(struct parse_ctx *c, char *doc, struct attr *attrs, int dir, struct loc dir_loc,
			char *name, struct loc loc, struct type *type);
struct param *ast_param_append(struct param *list, struct param *p);
struct method *ast_method(struct parse_ctx *c, char *name, struct loc loc, char *doc, struct attr *attrs,
			  struct param *params, struct type *ret, struct ref *raises, int has_raises);
struct method *ast_method_append(struct method *list, struct method *m);
struct member *ast_member(struct parse_ctx *c, char *name, struct loc loc, char *doc, struct attr *attrs,
			  struct type *type, struct expr *value);
struct member *ast_member_append(struct member *list, struct member *m);

struct decl *ast_const(struct parse_ctx *c, char *name, struct loc loc, struct type *t, struct expr *v);
struct decl *ast_typedef(struct parse_ctx *c, char *name, struct loc loc, struct type *t);
struct decl *ast_enum(struct parse_ctx *c, enum decl_kind kind, char *name, struct loc loc,
		      struct type *base, struct member *members);
struct decl *ast_record(struct parse_ctx *c, enum decl_kind kind, char *name, struct loc loc,
			struct member *fields);
struct decl *ast_handle(struct parse_ctx *c, char *name, struct loc loc);
struct decl *ast_error_decl(struct parse_ctx *c, char *name, struct loc loc, struct expr *v);
struct decl *ast_interface(struct parse_ctx *c, bool is_multi, char *name, struct loc loc,
			   struct method *methods);
void ast_set_default(struct parse_ctx *c, struct decl *iface, char *name, struct loc loc);
struct decl *ast_syscall(struct parse_ctx *c, int64_t nr, struct loc nr_loc, char *name, struct loc loc,
			 struct param *params, struct type *ret, struct ref *raises, int has_raises);

struct decl *ast_component(struct parse_ctx *c);
void ast_component_name(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc);
void ast_comp_property(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, struct expr *v);
void ast_comp_provides(struct parse_ctx *c, struct decl *comp, char *iface, struct loc loc,
		       struct binding *bindings);
void ast_comp_requires(struct parse_ctx *c, struct decl *comp, char *iface, struct loc loc, bool is_optional);
void ast_comp_syscall(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, char *cname,
		      struct loc cname_loc);
void ast_comp_tunable(struct parse_ctx *c, struct decl *comp, char *name, struct loc loc, char *doc,
		      struct type *t, struct expr *def, struct expr *min, struct expr *max);
struct binding *ast_binding(struct parse_ctx *c, char *method, struct loc loc, char *cname, struct loc cname_loc);
struct binding *ast_binding_append(struct binding *list, struct binding *b);

#endif
