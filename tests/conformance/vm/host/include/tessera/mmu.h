/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's <tessera/mmu.h>: the platform's contract itself (pure
 * declarations), implemented on the host by ../host_mmu.c.
 */
#include "../../../../../../platform/x86_64/include/tessera/mmu.h"
