/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel core's boot steps, called in order by kmain() (kmain.c).
 */
#ifndef KERNEL_CORE_H
#define KERNEL_CORE_H

#include <stdbool.h>
#include <stddef.h>

struct boot_info;

/* Applies every `component.tunable=value` word of the command line; other
 * words are left alone. Reports and skips invalid settings. */
void core_apply_tunables(const char *cmdline);
/* Hands every usable RAM region of the boot memory map to pmm. */
void core_add_memory(const struct boot_info *bi);
/* Runs the init table; panics naming the component whose init fails. */
void core_run_inits(void);
/* `bind <interface> -> <component>`, one line per binding of this image. */
void core_print_composition(void);
/* Runs the in-kernel self-tests, printing KTAP; returns the failed cases. */
int core_selftest(void);
/* Runs the benchmarks a `bench=` word of the command line asks for (bench.c),
 * printing tables; returns how many failed to run, 0 without the word. */
int core_benchmark(const char *cmdline);

/* Byte strings, for code that has no libc. */
bool core_str_eq(const char *a, const char *b);
size_t core_str_len(const char *s);

#endif
