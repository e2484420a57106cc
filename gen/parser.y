/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The IDL grammar (docs/idl.md). Actions only build nodes through ast_*();
 * every semantic decision is made later in check*.c. Errors recover at `;`
 * and `}` so one run reports every syntax error of a file.
 *
 * No %destructor: every semantic value lives in the spec's arena, which
 * owns it whether or not error recovery discards the value.
 */
%define api.pure full
%define api.prefix {idl_}
%define parse.error custom
%locations
%expect 0
%param {void *scanner}
%parse-param {struct parse_ctx *ctx}

%code requires {
#include <stdint.h>
#include "ast.h"
#include "parse_ctx.h"
}

%code {
#include <stdio.h>
#include <string.h>

#include "ast_build.h"
#include "diag.h"

int idl_lex(IDL_STYPE *lval, IDL_LTYPE *lloc, void *scanner);
static void idl_error(IDL_LTYPE *l, void *scanner, struct parse_ctx *ctx, const char *msg);
#define LOC(l) ast_loc(ctx, (l).first_line, (l).first_column, (l).last_line, (l).last_column)
}

%union {
	char *str;
	int64_t num;
	int dir;
	struct type *type;
	struct expr *expr;
	struct attr *attr;
	struct param *param;
	struct method *method;
	struct member *member;
	struct decl *decl;
	struct ref *ref;
	struct binding *binding;
	struct leading { char *doc; struct attr *attrs; } lead;
	struct method_tail { struct type *ret; struct ref *raises; int has_raises; } tail;
	struct range_spec { struct expr *min, *max; } range;
}

%token END 0 "end of file"
%token <str> IDENT "identifier" STRING "string literal" DOC "doc comment" ATTR "attribute"
%token <num> INTEGER "integer" PRIM "type name"
%token KW_IMPORT "import" KW_CONST "const" KW_TYPEDEF "typedef" KW_ENUM "enum"
%token KW_FLAGS "flags" KW_STRUCT "struct" KW_UNION "union" KW_HANDLE "handle"
%token KW_ERROR "error" KW_SINGLETON "singleton" KW_MULTI "multi" KW_INTERFACE "interface"
%token KW_FN "fn" KW_RAISES "raises" KW_DEFAULT "default" KW_COMPONENT "component"
%token KW_PROVIDES "provides" KW_REQUIRES "requires" KW_OPTIONAL "optional"
%token KW_SYSCALL "syscall" KW_TUNABLE "tunable" KW_RANGE "range"
%token KW_IN "in" KW_OUT "out" KW_INOUT "inout" KW_TRUE "true" KW_FALSE "false"
%token KW_MUT "mut" KW_STRING "string" KW_BUFFER "buffer"
%token ARROW "->" SHL "<<" SHR ">>"

%left '|'
%left '^'
%left '&'
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

/* A function type ends in a method tail, so in `-> fn() raises(E)` the
 * errors could belong to the function type or to the method around it. As
 * with C's dangling else they bind to the innermost: shift. A function type
 * written there is an error anyway (E0131); this only makes the parse
 * deterministic. */
%precedence FN_BARE ARROW
%precedence KW_RAISES

%type <str> docs
%type <attr> attrs attr
%type <lead> leading
%type <type> type
%type <expr> expr
%type <dir> direction
%type <param> params param_list param
%type <method> methods method
%type <member> fields field enum_body enum_list enum_member
%type <decl> decl_body interface_decl component_decl syscall_decl comp_items
%type <ref> raise_list raise_names
%type <binding> bindings binding
%type <tail> method_tail
%type <range> range_opt
%type <str> default_opt name

%%

file
	: %empty
	| file item
	;

item
	: leading decl_body        { ast_add_decl(ctx, $2, $1.doc, $1.attrs); }
	| leading KW_IMPORT STRING ';' { ast_add_import(ctx, $3, LOC(@3)); }
	| error ';'
	| error '}'
	;

docs
	: %empty                   { $$ = NULL; }
	| docs DOC                 { $$ = ast_doc_append(ctx, $1, $2); }
	;

attrs
	: %empty                   { $$ = NULL; }
	| attrs attr               { $$ = ast_attr_append($1, $2); }
	;

attr
	: ATTR                     { $$ = ast_attr(ctx, $1, LOC(@1), NULL); }
	| ATTR '(' expr ')'        { $$ = ast_attr(ctx, $1, LOC(@1), $3); }
	;

leading
	: docs attrs               { $$.doc = $1; $$.attrs = $2; }
	;

decl_body
	: KW_CONST IDENT ':' type '=' expr ';'      { $$ = ast_const(ctx, $2, LOC(@2), $4, $6); }
	| KW_TYPEDEF IDENT '=' type ';'             { $$ = ast_typedef(ctx, $2, LOC(@2), $4); }
	| KW_ENUM IDENT ':' type '{' enum_body '}'  { $$ = ast_enum(ctx, D_ENUM, $2, LOC(@2), $4, $6); }
	| KW_FLAGS IDENT ':' type '{' enum_body '}' { $$ = ast_enum(ctx, D_FLAGS, $2, LOC(@2), $4, $6); }
	| KW_STRUCT IDENT '{' fields '}'            { $$ = ast_record(ctx, D_STRUCT, $2, LOC(@2), $4); }
	| KW_UNION IDENT '{' fields '}'             { $$ = ast_record(ctx, D_UNION, $2, LOC(@2), $4); }
	| KW_HANDLE IDENT ';'                       { $$ = ast_handle(ctx, $2, LOC(@2)); }
	| KW_ERROR IDENT '=' expr ';'               { $$ = ast_error_decl(ctx, $2, LOC(@2), $4); }
	| interface_decl
	| component_decl
	| syscall_decl
	;

interface_decl
	: KW_SINGLETON KW_INTERFACE IDENT default_opt '{' methods '}'
		{ $$ = ast_interface(ctx, false, $3, LOC(@3), $6); ast_set_default(ctx, $$, $4, LOC(@4)); }
	| KW_MULTI KW_INTERFACE IDENT '{' methods '}'
		{ $$ = ast_interface(ctx, true, $3, LOC(@3), $5); }
	;

default_opt
	: %empty                   { $$ = NULL; }
	| KW_DEFAULT IDENT         { $$ = $2; @$ = @2; }
	;

methods
	: %empty                   { $$ = NULL; }
	| methods method           { $$ = ast_method_append($1, $2); }
	| methods error ';'        { $$ = $1; }
	;

method
	: leading KW_FN name '(' params ')' method_tail ';'
		{ $$ = ast_method(ctx, $3, LOC(@3), $1.doc, $1.attrs, $5, $7.ret, $7.raises, $7.has_raises); }
	;

method_tail
	: %empty %prec FN_BARE              { $$.ret = NULL; $$.raises = NULL; $$.has_raises = 0; }
	| KW_RAISES '(' raise_list ')'      { $$.ret = NULL; $$.raises = $3; $$.has_raises = 1; }
	| ARROW type                        { $$.ret = $2; $$.raises = NULL; $$.has_raises = 0; }
	| ARROW type KW_RAISES '(' raise_list ')' { $$.ret = $2; $$.raises = $5; $$.has_raises = 1; }
	;

raise_list
	: %empty                   { $$ = NULL; }
	| raise_names
	| raise_names ','
	;

raise_names
	: IDENT                    { $$ = ast_ref(ctx, $1, LOC(@1)); }
	| raise_names ',' IDENT    { $$ = ast_ref_append($1, ast_ref(ctx, $3, LOC(@3))); }
	;

params
	: %empty                   { $$ = NULL; }
	| param_list
	;

param_list
	: param
	| param_list ',' param     { $$ = ast_param_append($1, $3); }
	;

param
	: leading direction name ':' type
		{ $$ = ast_param(ctx, $1.doc, $1.attrs, $2, LOC(@2), $3, LOC(@3), $5); }
	;

/* Member names (fields, parameters, methods, enum members, tunables) may
 * also be words the grammar uses elsewhere, because `flags`, `range` or
 * `error` are ordinary names in C APIs. Directions are not among them: a
 * parameter named `in` would be ambiguous. */
name
	: IDENT
	| KW_FLAGS                 { $$ = "flags"; }
	| KW_RANGE                 { $$ = "range"; }
	| KW_DEFAULT               { $$ = "default"; }
	| KW_ERROR                 { $$ = "error"; }
	| KW_HANDLE                { $$ = "handle"; }
	| KW_BUFFER                { $$ = "buffer"; }
	| KW_OPTIONAL              { $$ = "optional"; }
	| KW_MULTI                 { $$ = "multi"; }
	| KW_INTERFACE             { $$ = "interface"; }
	| KW_COMPONENT             { $$ = "component"; }
	;

direction
	: %empty                   { $$ = DIR_NONE; }
	| KW_IN                    { $$ = DIR_IN; }
	| KW_OUT                   { $$ = DIR_OUT; }
	| KW_INOUT                 { $$ = DIR_INOUT; }
	;

type
	: PRIM                     { $$ = ast_type(ctx, (enum type_kind)$1, LOC(@1)); }
	| KW_STRING                { $$ = ast_type(ctx, TY_STRING, LOC(@1)); }
	| IDENT                    { $$ = ast_type_named(ctx, $1, LOC(@1)); }
	| '*' KW_CONST type        { $$ = ast_type_ptr(ctx, false, $3, LOC(@$)); }
	| '*' KW_MUT type          { $$ = ast_type_ptr(ctx, true, $3, LOC(@$)); }
	| KW_BUFFER '<' type '>'   { $$ = ast_type_buffer(ctx, $3, LOC(@$)); }
	| '[' type ';' expr ']'    { $$ = ast_type_array(ctx, $2, $4, LOC(@$)); }
	| KW_FN '(' params ')' method_tail
		{ $$ = ast_type_fn(ctx, $3, $5.ret, $5.raises, $5.has_raises, LOC(@1)); }
	;

fields
	: %empty                   { $$ = NULL; }
	| fields field             { $$ = ast_member_append($1, $2); }
	| fields error ';'         { $$ = $1; }
	;

field
	: leading name ':' type ';'
		{ $$ = ast_member(ctx, $2, LOC(@2), $1.doc, $1.attrs, $4, NULL); }
	;

enum_body
	: %empty                   { $$ = NULL; }
	| enum_list
	| enum_list ','
	;

enum_list
	: enum_member
	| enum_list ',' enum_member { $$ = ast_member_append($1, $3); }
	;

enum_member
	: leading name             { $$ = ast_member(ctx, $2, LOC(@2), $1.doc, $1.attrs, NULL, NULL); }
	| leading name '=' expr    { $$ = ast_member(ctx, $2, LOC(@2), $1.doc, $1.attrs, NULL, $4); }
	;

syscall_decl
	: KW_SYSCALL INTEGER IDENT '(' params ')' method_tail ';'
		{ $$ = ast_syscall(ctx, $2, LOC(@2), $3, LOC(@3), $5, $7.ret, $7.raises, $7.has_raises); }
	;

component_decl
	: KW_COMPONENT IDENT '{' comp_items '}'
		{ $$ = $4; ast_component_name(ctx, $$, $2, LOC(@2)); }
	;

comp_items
	: %empty                   { $$ = ast_component(ctx); }
	| comp_items leading IDENT '=' expr ';'
		{ $$ = $1; ast_comp_property(ctx, $$, $3, LOC(@3), $5); }
	| comp_items leading KW_PROVIDES IDENT '{' bindings '}'
		{ $$ = $1; ast_comp_provides(ctx, $$, $4, LOC(@4), $6); }
	| comp_items leading KW_PROVIDES IDENT ';'
		{ $$ = $1; ast_comp_provides(ctx, $$, $4, LOC(@4), NULL); }
	| comp_items leading KW_REQUIRES IDENT ';'
		{ $$ = $1; ast_comp_requires(ctx, $$, $4, LOC(@4), false); }
	| comp_items leading KW_REQUIRES KW_OPTIONAL IDENT ';'
		{ $$ = $1; ast_comp_requires(ctx, $$, $5, LOC(@5), true); }
	| comp_items leading KW_SYSCALL IDENT '=' IDENT ';'
		{ $$ = $1; ast_comp_syscall(ctx, $$, $4, LOC(@4), $6, LOC(@6)); }
	| comp_items leading KW_TUNABLE name ':' type '=' expr range_opt ';'
		{ $$ = $1; ast_comp_tunable(ctx, $$, $4, LOC(@4), $2.doc, $6, $8, $9.min, $9.max); }
	| comp_items error ';'     { $$ = $1; }
	;

range_opt
	: %empty                           { $$.min = NULL; $$.max = NULL; }
	| KW_RANGE '(' expr ',' expr ')'   { $$.min = $3; $$.max = $5; }
	;

bindings
	: %empty                   { $$ = NULL; }
	| bindings binding         { $$ = ast_binding_append($1, $2); }
	| bindings error ';'       { $$ = $1; }
	;

binding
	: name '=' IDENT ';'       { $$ = ast_binding(ctx, $1, LOC(@1), $3, LOC(@3)); }
	;

expr
	: INTEGER                  { $$ = ast_expr_int(ctx, EXPR_INT, $1, LOC(@1)); }
	| KW_TRUE                  { $$ = ast_expr_int(ctx, EXPR_BOOL, 1, LOC(@1)); }
	| KW_FALSE                 { $$ = ast_expr_int(ctx, EXPR_BOOL, 0, LOC(@1)); }
	| STRING                   { $$ = ast_expr_str(ctx, EXPR_STRING, $1, LOC(@1)); }
	| IDENT                    { $$ = ast_expr_str(ctx, EXPR_NAME, $1, LOC(@1)); }
	| '(' expr ')'             { $$ = $2; }
	| '-' expr %prec UNARY     { $$ = ast_expr_op(ctx, '-', $2, NULL, LOC(@1)); }
	| '~' expr %prec UNARY     { $$ = ast_expr_op(ctx, '~', $2, NULL, LOC(@1)); }
	| expr '|' expr            { $$ = ast_expr_op(ctx, '|', $1, $3, LOC(@2)); }
	| expr '^' expr            { $$ = ast_expr_op(ctx, '^', $1, $3, LOC(@2)); }
	| expr '&' expr            { $$ = ast_expr_op(ctx, '&', $1, $3, LOC(@2)); }
	| expr SHL expr            { $$ = ast_expr_op(ctx, EXPR_OP_SHL, $1, $3, LOC(@2)); }
	| expr SHR expr            { $$ = ast_expr_op(ctx, EXPR_OP_SHR, $1, $3, LOC(@2)); }
	| expr '+' expr            { $$ = ast_expr_op(ctx, '+', $1, $3, LOC(@2)); }
	| expr '-' expr            { $$ = ast_expr_op(ctx, '-', $1, $3, LOC(@2)); }
	| expr '*' expr            { $$ = ast_expr_op(ctx, '*', $1, $3, LOC(@2)); }
	| expr '/' expr            { $$ = ast_expr_op(ctx, '/', $1, $3, LOC(@2)); }
	| expr '%' expr            { $$ = ast_expr_op(ctx, '%', $1, $3, LOC(@2)); }
	;

%%

/* How a token is named in messages: kinds of tokens in words ("identifier"),
 * fixed spellings in backticks (`fn`, `;`). */
static void parse_token_name(char *buf, size_t size, yysymbol_kind_t sym)
{
	static const char *const kinds[] = { "identifier", "string literal", "doc comment", "attribute",
					     "integer", "type name", "end of file", "error", NULL };
	const char *name = yysymbol_name(sym);
	size_t n = strlen(name);

	for (int i = 0; kinds[i]; i++) {
		if (strcmp(name, kinds[i]) == 0) {
			snprintf(buf, size, "%s", name);
			return;
		}
	}
	if (n >= 2 && (name[0] == '"' || name[0] == '\'') && name[n - 1] == name[0])
		snprintf(buf, size, "`%.*s`", (int)(n - 2), name + 1);
	else
		snprintf(buf, size, "`%s`", name);
}

static int yyreport_syntax_error(const yypcontext_t *pc, void *scanner, struct parse_ctx *ctx)
{
	(void)scanner;
	enum { MAX_EXPECTED = 6 };
	yysymbol_kind_t expected[MAX_EXPECTED];
	char unexpected[64], msg[512];
	int n = yypcontext_expected_tokens(pc, expected, MAX_EXPECTED);
	const IDL_LTYPE *l = yypcontext_location(pc);

	/* A bad token was already reported by the scanner; what the parser
	 * trips over next is the same root cause. */
	if (ctx->lex_error_line && l->first_line - ctx->lex_error_line <= 1)
		return 0;
	parse_token_name(unexpected, sizeof(unexpected), yypcontext_token(pc));
	int len = snprintf(msg, sizeof(msg), "unexpected %s", unexpected);
	for (int i = 0; i < n && len < (int)sizeof(msg); i++) {
		char name[64];

		parse_token_name(name, sizeof(name), expected[i]);
		len += snprintf(msg + len, sizeof(msg) - (size_t)len, "%s%s",
				i == 0 ? ", expected " : i == n - 1 ? " or " : ", ", name);
	}
	diag_error(1, LOC(*l), "%s", msg);
	return 0;
}

static void idl_error(IDL_LTYPE *l, void *scanner, struct parse_ctx *ctx, const char *msg)
{
	(void)scanner;
	diag_error(1, LOC(*l), "%s", msg);
}
