/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fake RAM of the host benchmarks: where it sits in the "physical"
 * address space and how big it is. Shared by the memmap double
 * (memmap/bench_memmap.c), which maps it, and host_main.c, which gives it to pmm.
 */
#ifndef TESSERA_BENCH_RAM_H
#define TESSERA_BENCH_RAM_H

/* 4 GiB: aligned to the largest pmm block, so runs are aligned in both views. */
#define BENCH_RAM_PHYS_BASE 0x100000000ULL

/* 128 MiB, QEMU's default -m: the kernel's benchmarks see about as much. */
#define BENCH_RAM_PAGES 32768UL
#define BENCH_RAM_BYTES (BENCH_RAM_PAGES * 4096UL)

/* Alignment of the host buffer: the largest pmm block (4 MiB). */
#define BENCH_RAM_ALIGN (4096UL << 10)

#endif
