/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake RAM of the heap conformance suite: where it sits in the
 * "physical" address space and how big it is. Shared by the memmap double
 * (which maps it), the pmm double (which hands it out) and the suite (which
 * gives it to pmm).
 */
#ifndef TESSERA_TESTS_HEAP_HOST_RAM_H
#define TESSERA_TESTS_HEAP_HOST_RAM_H

/* 4 GiB: above every frame of a small machine, and aligned to the largest
 * pmm block, so page runs are naturally aligned in both views. */
#define HOST_RAM_PHYS_BASE 0x100000000ULL

/* 32 MiB of frames: room for the suite's largest working set. */
#define HOST_RAM_PAGES 8192UL
#define HOST_RAM_BYTES (HOST_RAM_PAGES * 4096UL)

/* Alignment of the host buffer: the largest pmm block (4 MiB). */
#define HOST_RAM_ALIGN (4096UL << 10)

#endif
