/* SPDX-License-Identifier: Apache-2.0 */
/* The capture console double's test side (capture_console.c). */
#ifndef TESSERA_TESTS_CAPTURE_CONSOLE_H
#define TESSERA_TESTS_CAPTURE_CONSOLE_H

#include <stddef.h>

/* What was written so far, NUL-terminated; reset() empties it. */
const char *capture_console_output(void);
void capture_console_reset(void);
/* Bytes the next reads return. */
void capture_console_queue(const char *input);

#endif
