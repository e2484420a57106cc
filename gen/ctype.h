/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How IDL types are spelled in C and in IDL. The mapping (shared by every
 * emitter that prints C) is:
 *   u8..u64/i8..i64 -> uint8_t..int64_t, bool -> bool, usize -> size_t,
 *   isize -> long, paddr -> paddr_t, vaddr -> vaddr_t, string -> const char *,
 *   struct/union/handle NAME -> struct/union NAME, struct NAME (handles: opaque),
 *   enum/flags/typedef NAME -> NAME_t,
 *   *const T -> const T *, *mut T -> T *,
 *   buffer<T> -> two parameters: [const] T *name, size_t name_len
 *   ([const] when the direction is in),
 *   typedef NAME = fn(PARAMS) -> T -> typedef T (*NAME_t)(PARAMS).
 * Syscall parameters mark user pointers with __user.
 */
#ifndef IDLC_CTYPE_H
#define IDLC_CTYPE_H

#include <stdbool.h>

#include "ast.h"

struct out;

enum ctype_flags {
	CTYPE_USER = 1, /* pointers point into user space: add __user */
};

/* The C spelling of a scalar type kind ("uint32_t"), or NULL. */
const char *ctype_scalar(enum type_kind k);
/* `T name` (name may be NULL) for a field, const or return type. Arrays print
 * as `T name[N]`, a function type as the pointer `RET (*name)(PARAMS)`. */
void ctype_decl(struct out *o, const struct type *t, const char *name);
/* `typedef T NAME_t;` for an IDL typedef, without a newline. */
void ctype_typedef(struct out *o, const struct decl *d);
/* One parameter; a buffer prints as its two C parameters. */
void ctype_param(struct out *o, const struct param *p, unsigned flags);
/* The whole parameter list without parentheses; `self` (such as
 * "struct console_dev *dev") is put first when not NULL; "void" when empty. */
void ctype_params(struct out *o, const struct method *m, const char *self, unsigned flags);
/* Argument names for forwarding a call: "order, frame" (buffers: "buf, buf_len"). */
void ctype_args(struct out *o, const struct method *m, const char *self);
/* The C return type: void, int (raises without -> T), or T. */
void ctype_ret(struct out *o, const struct method *m);
/* The return type followed by what separates it from a function name: a
 * blank, or nothing after a `*` ("int ", "struct x *"). */
void ctype_ret_sep(struct out *o, const struct method *m);
/* The type as written in IDL, for documentation: "*mut pmm_stats",
 * "fn(inout arg: *mut void) -> i32". */
void idltype_print(struct out *o, const struct type *t);
/* `(order: u32, out frame: *mut paddr) -> i32`: parameters and return. */
void idlparams_print(struct out *o, const struct method *m);
/* ` raises(ENOMEM, EINVAL)`, or nothing when no raises was written. */
void idlraises_print(struct out *o, const struct method *m);
/* "in", "out", "inout" or "". */
const char *direction_name(enum direction d);

#endif
