/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The model of a Tessera spec: what the parser builds (names as written) and
 * what check.c fills in (resolved references, values, the configuration's
 * bindings and init order). Emitters only read it.
 *
 * Every node lives in the spec's arena and is freed with it, so nothing here
 * owns anything. Lists are singly linked through `next`, in source order;
 * the `spec` arrays are sorted by name (or number) for deterministic output.
 */
#ifndef IDLC_AST_H
#define IDLC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct symtab;

/* One loaded file. `path` is as shown in messages and banners: relative to
 * the --root directory, so outputs do not depend on where the tree lives. */
struct source {
	char *path;
	char *text; /* NUL-terminated contents */
	size_t len;
	bool is_manifest; /* defines a component: a component.idl */
	struct decl *decls; /* declarations of this file, in order */
	struct import *imports;
	/* checked: the file's type declarations in an order C accepts (a type
	 * used by value comes before its user), otherwise source order */
	struct decl **type_order;
	size_t ntype_order;
	struct source *next;
};

/* A span on one line: columns are 1-based bytes, end_col exclusive. */
struct loc {
	const struct source *src;
	int line;
	int col;
	int end_col;
};

/* A name as written plus, after checking, what it refers to. */
struct ref {
	char *name;
	struct loc loc;
	struct decl *decl; /* NULL until resolved (or when unknown) */
	struct ref *next;
};

struct import {
	char *path; /* as written */
	struct loc loc;
	struct source *target;
	struct import *next;
};

enum expr_kind { EXPR_INT, EXPR_BOOL, EXPR_STRING, EXPR_NAME, EXPR_UNARY, EXPR_BINARY };

struct expr {
	enum expr_kind kind;
	struct loc loc;
	int op; /* EXPR_UNARY / EXPR_BINARY: the operator character, or one of
		   the two-character ones below */
	int64_t ival; /* EXPR_INT, EXPR_BOOL */
	char *sval; /* EXPR_STRING (unescaped), EXPR_NAME */
	struct expr *lhs, *rhs; /* rhs only for binary */
	struct decl *ref; /* EXPR_NAME: the const or enum/flags member's owner */
};
#define EXPR_OP_SHL 256
#define EXPR_OP_SHR 257

/* A checked constant value. */
enum value_kind { VAL_NONE, VAL_INT, VAL_BOOL, VAL_STRING };
struct value {
	enum value_kind kind;
	int64_t i; /* VAL_INT, VAL_BOOL (0/1) */
	const char *s; /* VAL_STRING */
};

struct attr {
	char *name; /* without the '@' */
	struct loc loc;
	struct expr *arg; /* optional single argument */
	struct attr *next;
};

enum type_kind {
	TY_VOID, /* only behind a pointer, or as "no return value" */
	TY_BOOL,
	TY_U8, TY_U16, TY_U32, TY_U64,
	TY_I8, TY_I16, TY_I32, TY_I64,
	TY_USIZE, TY_ISIZE,
	TY_PADDR, TY_VADDR,
	TY_STRING, /* NUL-terminated text: const char * */
	TY_NAMED, /* struct, union, enum, flags, handle or typedef by name */
	TY_PTR, /* *const T / *mut T */
	TY_BUFFER, /* buffer<T>: a pointer and an element count */
	TY_ARRAY, /* [T; N], struct fields only */
	TY_FN, /* fn(PARAMS) -> T raises(...): only the right side of a typedef */
};

struct type {
	enum type_kind kind;
	struct loc loc;
	char *name; /* TY_NAMED, as written */
	struct decl *decl; /* TY_NAMED, resolved */
	bool is_mut; /* TY_PTR */
	struct type *elem; /* TY_PTR, TY_BUFFER, TY_ARRAY */
	struct expr *len_expr; /* TY_ARRAY */
	int64_t len; /* TY_ARRAY, evaluated */
	struct method *fn; /* TY_FN: params, ret, raises; named after its typedef */
};

enum direction { DIR_NONE, DIR_IN, DIR_OUT, DIR_INOUT };

struct param {
	char *name;
	struct loc loc;
	char *doc;
	struct attr *attrs;
	enum direction dir;
	struct loc dir_loc;
	struct type *type;
	struct param *next;
};

/* A method of an interface. Syscalls and function types reuse the same shape. */
struct method {
	char *name;
	struct loc loc;
	char *doc;
	struct attr *attrs;
	struct param *params;
	struct type *ret; /* NULL: returns nothing */
	struct ref *raises; /* error names; each ref->decl is a D_ERROR */
	bool has_raises; /* `raises(...)` was written, even if empty */
	/* checked */
	bool is_optional; /* @optional */
	bool is_hot; /* @hot */
	struct decl *iface; /* owning interface (NULL for syscalls and function types) */
	struct method *next;
};

/* Enum and flags members, struct and union fields. */
struct member {
	char *name;
	struct loc loc;
	char *doc;
	struct attr *attrs;
	struct type *type; /* fields */
	struct expr *value; /* enum/flags members; may be NULL (enum: previous + 1) */
	int64_t ival; /* evaluated */
	struct member *next;
};

/* `provides iface { method = c_function; ... }` in a manifest. */
struct binding {
	char *method; /* as written */
	struct loc loc;
	char *cname;
	struct loc cname_loc;
	struct method *target; /* resolved */
	struct binding *next;
};

struct provide {
	struct ref iface;
	struct binding *bindings;
	struct provide *next;
};

struct require {
	struct ref iface;
	bool is_optional;
	struct require *next;
};

/* `syscall read = vfs_read;` in a manifest. */
struct syscall_impl {
	struct ref syscall;
	char *cname;
	struct loc cname_loc;
	struct syscall_impl *next;
};

struct tunable {
	char *name;
	struct loc loc;
	char *doc;
	struct type *type; /* an integer type, bool or string */
	struct expr *def;
	struct expr *min, *max; /* optional range, integers only */
	/* checked */
	struct value def_val;
	int64_t min_val, max_val;
	bool has_range;
	struct value cfg_val; /* the value in force: .config, else the default */
	char *kconfig; /* <COMPONENT_SYMBOL>_<NAME uppercased> */
	struct tunable *next;
};

/* A `name = value;` property of a manifest (version, license, config, init). */
struct property {
	char *name;
	struct loc loc;
	struct expr *value; /* a string literal or a bare name */
	struct property *next;
};

enum decl_kind {
	D_CONST,
	D_TYPEDEF,
	D_ENUM,
	D_FLAGS,
	D_STRUCT,
	D_UNION,
	D_HANDLE,
	D_ERROR,
	D_INTERFACE,
	D_COMPONENT,
	D_SYSCALL,
};

struct const_decl {
	struct type *type;
	struct expr *value;
	struct value val; /* checked */
};

struct typedef_decl {
	struct type *type;
};

struct enum_decl { /* D_ENUM and D_FLAGS */
	struct type *base; /* an integer type */
	struct member *members;
};

struct record_decl { /* D_STRUCT and D_UNION */
	struct member *fields;
};

struct error_decl {
	struct expr *value;
	int64_t number; /* checked: the positive errno value */
};

struct interface_decl {
	bool is_multi;
	struct method *methods;
	struct ref default_impl; /* `default <component>`; name NULL if none */
	bool is_optional; /* @optional: a kernel may have no provider */
	/* checked */
	struct decl **providers; /* every component providing it, by name */
	size_t nproviders;
	struct decl *bound; /* singleton: the selected provider, if any */
};

struct component_decl {
	struct property *props;
	struct provide *provides;
	struct require *requires;
	struct syscall_impl *syscalls;
	struct tunable *tunables;
	/* checked, from the properties */
	const char *version;
	const char *license;
	const char *kconfig; /* the Kconfig symbol, without CONFIG_ */
	const char *init; /* C init function, or NULL */
	const char *dir; /* the manifest's directory, relative to the root */
	bool is_selected; /* CONFIG_<kconfig>=y in the configuration */
	int init_rank; /* position in spec->init_order, or -1 */
};

struct syscall_decl {
	struct expr *number;
	int64_t nr; /* checked */
	struct method sig; /* name, params, ret, raises, attrs, doc */
	int nslots; /* argument registers used: a buffer takes two */
	struct decl *impl; /* the selected component implementing it */
	const char *impl_cname;
};

struct decl {
	enum decl_kind kind;
	char *name;
	struct loc loc;
	char *doc; /* Markdown from `///` lines, or NULL */
	struct attr *attrs;
	struct source *src;
	struct decl *next; /* next in the same source */
	int check_state; /* the checker's visit mark: 0 new, 1 visiting, 2 done */
	union {
		struct const_decl cnst;
		struct typedef_decl tdef;
		struct enum_decl enm;
		struct record_decl rec;
		struct error_decl err;
		struct interface_decl iface;
		struct component_decl comp;
		struct syscall_decl sys;
	} u;
};

/* The configuration read from a .config file. */
struct config_entry {
	char *name; /* without CONFIG_ */
	char *value; /* "y", "n" (also for "is not set"), a number or a string without quotes */
	int line;
	struct config_entry *next;
};

struct config {
	char *path;
	struct config_entry *entries;
};

/* Edges of the component graph of the current configuration. */
struct dep_edge {
	struct decl *from; /* requirer */
	struct decl *to; /* provider */
	struct decl *iface;
	bool is_optional;
	bool not_ordered; /* a multi requirement left out of the init order to break a cycle */
};

struct spec {
	struct arena *arena;
	struct source *sources; /* in load order */
	struct symtab *names; /* every top-level name, and enum/flags members */
	const char *root; /* directory paths are shown relative to */

	/* Filled by check(): sorted by name unless said otherwise. */
	struct decl **interfaces;
	size_t ninterfaces;
	struct decl **components;
	size_t ncomponents;
	struct decl **syscalls; /* by number */
	size_t nsyscalls;
	struct decl **types; /* consts, typedefs, enums, flags, structs, unions, handles */
	size_t ntypes;
	struct decl **errors; /* by number */
	size_t nerrors;

	/* Only with a configuration (has_config). */
	bool has_config;
	struct config config;
	struct decl **init_order; /* selected components, dependencies first */
	size_t ninit;
	struct dep_edge *edges; /* selected requirer -> selected provider */
	size_t nedges;
};

/* Small queries the checker and emitters share. */
bool type_is_integer(const struct type *t);
bool type_is_signed(const struct type *t);
bool type_is_pointer_like(const struct type *t); /* pointer, buffer or string */
const struct type *type_resolve(const struct type *t); /* through typedefs */
const struct attr *attr_find(const struct attr *attrs, const char *name);
const char *decl_kind_name(enum decl_kind k);
const char *doc_summary(struct arena *a, const char *doc); /* first sentence, one line */

#endif
