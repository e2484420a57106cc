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
/* Hands the kernel log over to the registered consoles (console_log.c),
 * printing one `bind console -> <component> (<device>)` line per device. */
void core_console_start(void);
/* The in-kernel self-tests (selftest.c): one KTAP document of nsuites
 * subtests; each run prints one and returns its failed cases. */
struct selftest_suite;
void core_selftest_begin(size_t nsuites);
int core_selftest_run(const struct selftest_suite *suite);
/* Runs the benchmarks a `bench=` word of the command line asks for (bench.c),
 * printing tables; returns how many failed to run, 0 without the word. */
int core_benchmark(const char *cmdline);
/* The thread benchmarks (bench_thread.c) that `bench=all` or `bench=thread`
 * asks for, once threads run; returns how many failed to run. */
int core_bench_threads(const char *cmdline);
/* Whether the command line's bench= word names @item (all counts for
 * every item); false without the word. */
bool core_bench_wants(const char *cmdline, const char *item);

/* Byte strings, for code that has no libc. */
bool core_str_eq(const char *a, const char *b);
size_t core_str_len(const char *s);

#endif
