/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The first instructions. PVH (QEMU -kernel) and Multiboot2 (GRUB) both enter
 * in 32-bit protected mode with paging off; this builds the boot page tables,
 * switches to long mode, jumps to the higher half and calls start_kernel()
 * (start.c). Also the loaders' headers: the Multiboot2 header and the Xen
 * PVH entry note.
 */
#include <tessera/poweroff.h>

#include "cpu.h"
#include "layout.h"
#include "paging.h"

/* Until paging is on, code runs at physical addresses. */
#define PHYS(sym) ((sym) - KERNEL_VIRT_BASE)
#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THR_EMPTY 0x20

/* linker.ld checks its copies of the image addresses against these. */
	.globl layout_kernel_virt_base, layout_kernel_phys_base
	.set layout_kernel_virt_base, KERNEL_VIRT_BASE
	.set layout_kernel_phys_base, KERNEL_PHYS_BASE

/*
 * Multiboot2 header: within the file's first 32 KiB, 8-byte aligned
 * (linker.ld puts it first). There is deliberately no Multiboot1 header:
 * QEMU's -kernel tries Multiboot1 first and refuses a 64-bit ELF, so without
 * one it falls through to the PVH note below.
 */
	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MULTIBOOT2_HEADER_MAGIC
	.long 0 /* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MULTIBOOT2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	.balign 8
	.short 3, 0 /* entry address tag, required */
	.long 12
	.long PHYS(mb2_entry)
	.balign 8
	.short 0, 0 /* end tag */
	.long 8
mb2_header_end:

/*
 * XEN_ELFNOTE_PHYS32_ENTRY: where a PVH loader enters, physically. QEMU
 * finds it through a PT_NOTE program header and reads the descriptor as a
 * 64-bit value at the 4-byte aligned offset after the name.
 */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4 /* name size */
	.long 8 /* descriptor size */
	.long 18 /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.quad PHYS(pvh_entry)
	.balign 4

	.section .text.boot, "ax"
	.code32

/* PVH: flat 32-bit segments, paging and interrupts off, %ebx = the physical
 * address of struct hvm_start_info. */
	.globl pvh_entry
	.type pvh_entry, @function
pvh_entry:
	movl $BOOT_PROTOCOL_PVH, %ebp
	jmp boot32
	.size pvh_entry, . - pvh_entry

/* Multiboot2: the same state, %eax = the loader magic, %ebx = the physical
 * address of the boot information. */
	.globl mb2_entry
	.type mb2_entry, @function
mb2_entry:
	movl $BOOT_PROTOCOL_MULTIBOOT2, %ebp
	cmpl $MULTIBOOT2_LOADER_MAGIC, %eax
	je boot32
	movl $PHYS(msg_bad_loader), %esi
	jmp boot32_fail
	.size mb2_entry, . - mb2_entry

/* %ebp = BOOT_PROTOCOL_*, %ebx = the loader's information; both survive
 * to start_kernel(). */
	.type boot32, @function
boot32:
	cli
	cld
	/* The page tables and the stack are in .bss: zero it, since loaders
	 * need not. */
	movl $PHYS(__bss_start), %edi
	movl $PHYS(__bss_end), %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb
	movl $PHYS(boot_stack_top), %esp

	call boot32_check_cpu
	call boot32_build_page_tables

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	/* Paging on with EFER.LME set activates long mode; WP makes read-only
	 * pages binding on ring 0 too, which W^X relies on. */
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0
	lgdt PHYS(boot_gdt_pointer32)
	ljmp $GDT_KERNEL_CODE, $PHYS(boot64_low)
	.size boot32, . - boot32

/* Long mode and NX are required; anything else can wait for C. cpuid
 * clobbers %ebx, which holds the loader's information. */
	.type boot32_check_cpu, @function
boot32_check_cpu:
	pushl %ebx
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb 1f
	movl $0x80000001, %eax
	cpuid
	testl $CPUID_EXT_LM, %edx
	jz 1f
	testl $CPUID_EXT_NX, %edx
	jz 2f
	popl %ebx
	ret
1:	movl $PHYS(msg_no_long_mode), %esi
	jmp boot32_fail
2:	movl $PHYS(msg_no_nx), %esi
	jmp boot32_fail
	.size boot32_check_cpu, . - boot32_check_cpu

/*
 * Four page directories of 2 MiB pages map physical 0-4 GiB; three views
 * share them: the identity map of the first GiB (for the instructions that
 * turn paging on), the direct map at DIRECT_MAP_BASE, and the kernel window
 * at KERNEL_VIRT_BASE (physical 0-1 GiB, where the image sits). paging.c
 * replaces the kernel window and drops the identity map.
 */
	.type boot32_build_page_tables, @function
boot32_build_page_tables:
	movl $PHYS(boot_pd), %edi
	movl $(PTE_PRESENT | PTE_WRITE | PTE_LARGE), %eax
	xorl %edx, %edx
	movl $(DIRECT_MAP_PDS * PT_ENTRIES), %ecx
1:	movl %eax, (%edi)
	movl %edx, 4(%edi)
	addl $LARGE_PAGE_SIZE, %eax
	adcl $0, %edx
	addl $8, %edi
	decl %ecx
	jnz 1b

	movl $PHYS(boot_pdpt_direct), %edi
	movl $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), %eax
	movl $DIRECT_MAP_PDS, %ecx
2:	movl %eax, (%edi)
	addl $PAGE_SIZE, %eax
	addl $8, %edi
	decl %ecx
	jnz 2b

	movl $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pdpt_ident)
	movl $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pdpt_kernel) + 510 * 8
	movl $(PHYS(boot_pdpt_ident) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4)
	movl $(PHYS(boot_pdpt_direct) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4) + 256 * 8
	movl $(PHYS(boot_pdpt_kernel) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4) + 511 * 8
	ret
	.size boot32_build_page_tables, . - boot32_build_page_tables

/* Prints the NUL-terminated message at %esi on COM1 (QEMU's 16550 needs no
 * setup to transmit) and powers off with TESSERA_EXIT_PANIC. */
	.type boot32_fail, @function
boot32_fail:
	movzbl (%esi), %ebx
	testl %ebx, %ebx
	jz 2f
	movw $COM1_LSR, %dx
1:	inb %dx, %al
	testb $LSR_THR_EMPTY, %al
	jz 1b
	movl %ebx, %eax
	movw $COM1, %dx
	outb %al, %dx
	incl %esi
	jmp boot32_fail
2:	movl $(TESSERA_EXIT_PANIC + DEBUG_EXIT_BIAS), %eax
	movw $DEBUG_EXIT_PORT, %dx
	outl %eax, %dx
3:	cli
	hlt
	jmp 3b
	.size boot32_fail, . - boot32_fail

	.code64
/* Still at the identity-mapped physical address: jump to the higher half. */
	.type boot64_low, @function
boot64_low:
	movabsq $boot64_high, %rax
	jmpq *%rax
	.size boot64_low, . - boot64_low

	.text
	.type boot64_high, @function
boot64_high:
	/* Move the GDT base off the identity map before paging.c drops it. */
	lgdt boot_gdt_pointer64(%rip)
	movw $GDT_KERNEL_DATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs
	movq $boot_stack_top, %rsp
	movl %ebp, %edi /* start_kernel(protocol, info) */
	movl %ebx, %esi
	xorl %ebp, %ebp /* a zero frame pointer ends every backtrace */
	call start_kernel
	ud2
	.size boot64_high, . - boot64_high

	.section .rodata
	.balign 8
boot_gdt_pointer32: /* lgdt in 32-bit mode: limit, 32-bit physical base */
	.short GDT_ENTRIES * 8 - 1
	.long PHYS(gdt_table)
	.balign 8
boot_gdt_pointer64:
	.short GDT_ENTRIES * 8 - 1
	.quad gdt_table

msg_bad_loader:
	.asciz "tessera: entered through Multiboot2 without the loader magic\r\n"
msg_no_long_mode:
	.asciz "tessera: this CPU has no long mode; a 64-bit CPU is needed\r\n"
msg_no_nx:
	.asciz "tessera: this CPU has no NX bit (no-execute pages); cannot boot\r\n"

	.bss
	.balign PAGE_SIZE
	.globl boot_pml4, boot_pdpt_kernel, boot_pd
	.globl boot_stack_guard, boot_stack_bottom, boot_stack_top
	.type boot_pml4, @object
boot_pml4:
	.skip PAGE_SIZE
	.size boot_pml4, PAGE_SIZE
	.type boot_pdpt_ident, @object
boot_pdpt_ident:
	.skip PAGE_SIZE
	.size boot_pdpt_ident, PAGE_SIZE
	.type boot_pdpt_direct, @object
boot_pdpt_direct:
	.skip PAGE_SIZE
	.size boot_pdpt_direct, PAGE_SIZE
	.type boot_pdpt_kernel, @object
boot_pdpt_kernel:
	.skip PAGE_SIZE
	.size boot_pdpt_kernel, PAGE_SIZE
	.type boot_pd, @object
boot_pd:
	.skip DIRECT_MAP_PDS * PAGE_SIZE
	.size boot_pd, DIRECT_MAP_PDS * PAGE_SIZE
	/* paging.c leaves this page unmapped */
	.type boot_stack_guard, @object
boot_stack_guard:
	.skip PAGE_SIZE
	.size boot_stack_guard, PAGE_SIZE
	.type boot_stack_bottom, @object
boot_stack_bottom:
	.skip BOOT_STACK_SIZE
	.size boot_stack_bottom, BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
