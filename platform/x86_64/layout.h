/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The x86_64 kernel's address-space layout and segment selectors, shared by
 * the assembly (entry.S, trap_entry.S) and the C boot code. linker.ld repeats
 * the two image addresses (a linker script cannot include a header) and
 * ASSERTs that they agree with the values entry.S exports from here.
 */
#ifndef TESSERA_X86_64_LAYOUT_H
#define TESSERA_X86_64_LAYOUT_H

/* The kernel image runs at KERNEL_VIRT_BASE + its physical address: the top
 * 2 GiB, which -mcmodel=kernel requires for sign-extended 32-bit addresses. */
#define KERNEL_VIRT_BASE 0xffffffff80000000
/* Where loaders put the image: above the legacy BIOS area. */
#define KERNEL_PHYS_BASE 0x100000

/* All physical memory below DIRECT_MAP_SIZE appears at DIRECT_MAP_BASE +
 * phys (PML4 slot 256), with 2 MiB pages set up by entry.S. */
#define DIRECT_MAP_BASE 0xffff800000000000
#define DIRECT_MAP_SIZE 0x100000000 /* 4 GiB: four page directories */
#define DIRECT_MAP_PDS 4

#define PAGE_SIZE 4096
#define LARGE_PAGE_SIZE 0x200000

/* The boot stack (and the first kernel thread's): an unmapped guard page
 * below it turns an overflow into a double fault on the IST stack. */
#define BOOT_STACK_SIZE 16384

/*
 * GDT slots. 0x18 stays null: SYSRET takes its selectors from STAR[63:48]
 * = 0x18 as 0x18 + 16 (64-bit user code) and 0x18 + 8 (user data), and the
 * 32-bit user code slot at 0x18 is unused since Tessera runs no 32-bit code.
 */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x20 /* used with RPL 3 */
#define GDT_USER_CODE 0x28 /* used with RPL 3 */
#define GDT_TSS 0x30 /* 16 bytes: two slots */
#define GDT_ENTRIES 8

/* Which loader started us: entry.S passes one to start_kernel(). */
#define BOOT_PROTOCOL_PVH 1
#define BOOT_PROTOCOL_MULTIBOOT2 2

#define MULTIBOOT2_HEADER_MAGIC 0xe85250d6
#define MULTIBOOT2_LOADER_MAGIC 0x36d76289

/* isa-debug-exit: QEMU exits with (value << 1) | 1 for a write of value. */
#define DEBUG_EXIT_PORT 0xf4
/* Guest statuses are written as status + 16 so that no status shares an exit
 * code with QEMU's own failure (exit 1); qemu-run.sh maps 33 + 2s back to s. */
#define DEBUG_EXIT_BIAS 16
#define DEBUG_EXIT_MAX_STATUS 111

#endif
