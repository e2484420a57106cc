/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fixed part of the generated include/tessera/syscall_desc.h: the types of
 * the syscall description table the kernel decodes calls from. Kept as text
 * because emit_syscalls.c (its only includer) copies it into the header it
 * writes; the table itself (syscall_desc.c) is generated from the IDL.
 */
#ifndef IDLC_SYSCALL_DESC_H
#define IDLC_SYSCALL_DESC_H

static const char syscall_desc_types_text[] =
	"/* How the decoder prints one argument register. */\n"
	"enum syscall_arg_kind {\n"
	"\tSYSARG_DEC, /* signed decimal */\n"
	"\tSYSARG_UDEC, /* unsigned decimal */\n"
	"\tSYSARG_HEX, /* 0x1f */\n"
	"\tSYSARG_OCT, /* 0644 */\n"
	"\tSYSARG_PTR, /* an address: NULL or 0x7ffc0000 */\n"
	"\tSYSARG_STR, /* a NUL-terminated string the call reads */\n"
	"\tSYSARG_BUF_IN, /* bytes the call reads; their count is in the next register */\n"
	"\tSYSARG_BUF_OUT, /* bytes the call writes; shown once it has returned */\n"
	"\tSYSARG_LEN, /* the count of the buffer in the previous register */\n"
	"\tSYSARG_ENUM, /* a name from .names, else the number */\n"
	"\tSYSARG_FLAGS, /* names from .names joined by '|', unknown bits in hex */\n"
	"\tSYSARG_BOOL, /* true or false */\n"
	"};\n"
	"\n"
	"/* How the decoder prints the return value. For the first two, a value in\n"
	" * [-4095, -1] is a negative errno and prints as one. */\n"
	"enum syscall_ret_kind {\n"
	"\tSYSRET_DEC,\n"
	"\tSYSRET_HEX, /* addresses */\n"
	"\tSYSRET_NORETURN, /* the call never returns: \"= ?\" */\n"
	"};\n"
	"\n"
	"/* One member of an enum or flags type; a table ends with a NULL name.\n"
	" * Enum values are as the register holds them after widening (so negative\n"
	" * ones are sign-extended); flags values are the member's bits. */\n"
	"struct syscall_value_name {\n"
	"\tunsigned long value;\n"
	"\tconst char *name;\n"
	"};\n"
	"\n"
	"/* One argument register. The register is first cut to the C type's width\n"
	" * (the upper bits of a narrower argument are undefined in the x86_64 ABI),\n"
	" * then sign- or zero-extended. */\n"
	"struct syscall_arg_desc {\n"
	"\tconst char *name;\n"
	"\tenum syscall_arg_kind kind;\n"
	"\tunsigned char width; /* bytes: 1, 2, 4 or 8 */\n"
	"\tbool is_signed;\n"
	"\tconst struct syscall_value_name *names; /* SYSARG_ENUM and SYSARG_FLAGS */\n"
	"};\n"
	"\n"
	"/* One syscall number; .name is NULL for a number no syscall uses. */\n"
	"struct syscall_desc {\n"
	"\tconst char *name;\n"
	"\tunsigned char nargs; /* argument registers used: a buffer takes two */\n"
	"\tenum syscall_ret_kind ret;\n"
	"\tstruct syscall_arg_desc args[6];\n"
	"};\n"
	"\n"
	"/* An error the spec declares, for printing \"= -1 ENOENT (No such file or\n"
	" * directory)\". The table is sorted by number and ends with a NULL name. */\n"
	"struct syscall_errno_desc {\n"
	"\tint number;\n"
	"\tconst char *name;\n"
	"\tconst char *message; /* the first line of its doc comment, or NULL */\n"
	"};\n"
	"\n"
	"extern const struct syscall_desc syscall_descs[SYSCALL_NR_MAX];\n"
	"extern const struct syscall_errno_desc syscall_errnos[];\n";

#endif
