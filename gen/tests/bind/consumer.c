/* SPDX-License-Identifier: Apache-2.0 */
/* A consumer of the pmm singleton: its call must compile to a direct call. */
#include <tessera/pmm.h>

int consume_pmm(paddr_t *frame);

int consume_pmm(paddr_t *frame)
{
	return pmm_alloc(3, frame);
}
