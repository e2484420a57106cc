/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform's own command-line words (key=value, without the dot that
 * marks a component's tunable): timer.c reads hz=.
 */
#ifndef TESSERA_X86_64_CMDLINE_H
#define TESSERA_X86_64_CMDLINE_H

#include <stdint.h>

/* The decimal value of the last key=value word: 0, -ENOENT when there is
 * none, -EINVAL when it is not a number, -ERANGE when it overflows. */
int cmdline_get_uint(const char *cmdline, const char *key, uint64_t *value);

#endif
