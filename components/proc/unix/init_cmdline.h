/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Splitting the kernel command line for init as Linux does: `init=PATH`
 * names the program; a word with a dot before any `=` is a kernel or
 * component setting and is skipped; other `key=value` words become
 * environment entries and plain words arguments; everything after `--`
 * is an argument. Pure; proc_init.c and the host tests use it.
 */
#ifndef PROC_UNIX_INIT_CMDLINE_H
#define PROC_UNIX_INIT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Receives one word (not NUL terminated): an argument, or an environment
 * entry when @env. Returns 0 or a negative errno, which stops the split. */
typedef int init_word_fn(void *ctx, const char *word, size_t len, bool env);

/**
 * init_cmdline_split() - Find init's path, arguments and environment.
 * @cmdline: the kernel command line.
 * @init: receives the init= value, NUL terminated; left alone without one.
 * @init_cap: room at @init.
 * @add: called for each argument and environment word, in order.
 * @ctx: for @add.
 *
 * Return: 0, -ENAMETOOLONG (36) when init= does not fit, or @add's error.
 */
int init_cmdline_split(const char *cmdline, char *init, size_t init_cap, init_word_fn *add, void *ctx);

#endif
