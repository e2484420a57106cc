/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's <tessera/usermode.h>: the platform's contract itself
 * (pure declarations); ../host_usermode.c implements the page-fault hook.
 */
#include "../../../../../../platform/x86_64/include/tessera/usermode.h"
