/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's own symbol table, embedded in the image by the second link
 * (tools/gen-ksyms.sh writes it from the first link's `nm`): addresses to
 * names for panics and backtraces, with no tools needed at run time.
 */
#ifndef TESSERA_X86_64_KSYMS_H
#define TESSERA_X86_64_KSYMS_H

#include <stdbool.h>
#include <stdint.h>

struct ksym {
	const char *name;
	uint64_t start;
	uint64_t size;
};

/* Finds the function or object containing addr. */
bool ksyms_lookup(uint64_t addr, struct ksym *sym);

/* Prints " name+0xoff/0xsize", or nothing when addr is in no symbol. */
void ksyms_print(uint64_t addr);
/* The same for a return address, looked up as the call before it: a call
 * to a noreturn function can be the last instruction of its caller. */
void ksyms_print_return(uint64_t ret);

#endif
