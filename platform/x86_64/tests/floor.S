/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The QEMU floor: a kernel that prints one line on COM1 and powers off
 * through isa-debug-exit at once, entered through PVH like the real one.
 * tests/boot-time.sh boots it next to the test kernel to show what QEMU
 * itself costs.
 */
#include <tessera/poweroff.h>

#include "layout.h"

#define PHYS(sym) ((sym) - KERNEL_VIRT_BASE)
#define COM1 0x3f8

	.globl layout_kernel_virt_base, layout_kernel_phys_base
	.set layout_kernel_virt_base, KERNEL_VIRT_BASE
	.set layout_kernel_phys_base, KERNEL_PHYS_BASE

	.section .note.Xen, "a", @note
	.balign 4
	.long 4, 8, 18 /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.quad PHYS(floor_entry)
	.balign 4

	.section .text.boot, "ax"
	.code32
	.globl floor_entry, mb2_entry
floor_entry:
mb2_entry:
	movl $PHYS(floor_message), %esi
	movw $COM1, %dx
1:	movb (%esi), %al
	testb %al, %al
	jz 2f
	outb %al, %dx
	incl %esi
	jmp 1b
2:	movl $(TESSERA_EXIT_PASS + DEBUG_EXIT_BIAS), %eax
	movw $DEBUG_EXIT_PORT, %dx
	outl %eax, %dx
3:	cli
	hlt
	jmp 3b

	.section .rodata
floor_message:
	.asciz "tessera floor: up\r\n"

	.section .note.GNU-stack, "", @progbits
