/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/string.h>: the C library's string functions,
 * which the kernel's platform header mirrors for freestanding code.
 */
#ifndef TESSERA_STRING_H
#define TESSERA_STRING_H

#include <string.h>

#endif
