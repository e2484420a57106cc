/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Frames of user pages and their copy-on-write reference counts
 * (vm_frame.c). Apart from paged.h so that vm_frame.c needs only the
 * memory interfaces next to the platform's spinlock.
 */
#ifndef TESSERA_VM_FRAME_H
#define TESSERA_VM_FRAME_H

#include <stdbool.h>

#include <tessera/pmm.h>

int vm_frame_alloc_zeroed(paddr_t *frame);
int vm_frame_share(paddr_t frame);
void vm_frame_put(paddr_t frame);
bool vm_frame_is_shared(paddr_t frame);
void vm_frames_reset(void);

#endif
