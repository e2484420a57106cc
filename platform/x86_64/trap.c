/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The IDT and the CPU exception report. trap_init() (from start.c) points
 * all 256 vectors at trap_entry.S's stubs; trap_dispatch() receives every
 * trap taken in ring 0 (user_trap.c those from ring 3) and hands interrupts
 * (vectors 32-255) to irq.c, faults inside a uaccess copy to uaccess.c. An
 * other exception, or an interrupt without a handler, prints its name and vector, the error code
 * (decoded for page faults and selector errors), RIP with its symbol, the
 * registers, CR2 and CR3, and ends in panic.c's backtrace and power-off.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/kprintf.h>

#include "cpu.h"
#include "gdt.h"
#include "irq.h"
#include "ksyms.h"
#include "layout.h"
#include "panic_report.h"
#include "trap.h"
#include "usermode_entry.h"

/* A 64-bit IDT gate, as the CPU reads it. */
struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate: IF off */
#define GATE_DPL3 0x60 /* `int N` allowed from ring 3 */

#define VEC_NMI 2
#define VEC_BREAKPOINT 3
#define VEC_DOUBLE_FAULT 8
#define VEC_INVALID_TSS 10
#define VEC_GENERAL_PROTECTION 13
#define VEC_PAGE_FAULT 14
#define VEC_MACHINE_CHECK 18

/* Page-fault error code bits. */
#define PF_PRESENT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_USER (1 << 2)
#define PF_RESERVED (1 << 3)
#define PF_FETCH (1 << 4)
#define PF_PROTECTION_KEY (1 << 5)
#define PF_SHADOW_STACK (1 << 6)

struct trap_exception {
	const char *mnemonic;
	const char *name;
};

static const struct trap_exception trap_exceptions[TRAP_EXCEPTIONS] = {
	[0] = { "#DE", "divide error" },
	[1] = { "#DB", "debug" },
	[2] = { "NMI", "non-maskable interrupt" },
	[3] = { "#BP", "breakpoint" },
	[4] = { "#OF", "overflow" },
	[5] = { "#BR", "bound range exceeded" },
	[6] = { "#UD", "invalid opcode" },
	[7] = { "#NM", "device not available" },
	[8] = { "#DF", "double fault" },
	[9] = { "--", "coprocessor segment overrun" },
	[10] = { "#TS", "invalid TSS" },
	[11] = { "#NP", "segment not present" },
	[12] = { "#SS", "stack-segment fault" },
	[13] = { "#GP", "general protection" },
	[14] = { "#PF", "page fault" },
	[15] = { "--", "reserved" },
	[16] = { "#MF", "x87 floating-point error" },
	[17] = { "#AC", "alignment check" },
	[18] = { "#MC", "machine check" },
	[19] = { "#XM", "SIMD floating-point" },
	[20] = { "#VE", "virtualization" },
	[21] = { "#CP", "control protection" },
	[22] = { "--", "reserved" },
	[23] = { "--", "reserved" },
	[24] = { "--", "reserved" },
	[25] = { "--", "reserved" },
	[26] = { "--", "reserved" },
	[27] = { "--", "reserved" },
	[28] = { "#HV", "hypervisor injection" },
	[29] = { "#VC", "VMM communication" },
	[30] = { "#SX", "security" },
	[31] = { "--", "reserved" },
};

extern const uint64_t trap_stubs[TRAP_VECTORS];
extern char boot_stack_guard[];

static struct idt_gate trap_idt[TRAP_VECTORS] __attribute__((aligned(16)));

static uint8_t trap_ist_for(unsigned vector)
{
	switch (vector) {
	case VEC_DOUBLE_FAULT: return IST_DOUBLE_FAULT;
	case VEC_NMI: return IST_NMI;
	case VEC_MACHINE_CHECK: return IST_MACHINE_CHECK;
	default: return 0;
	}
}

/* Only int3 may be raised by user code with `int`, as on Linux: any other
 * `int N` from ring 3 is a #GP (SIGSEGV). */
static uint8_t trap_gate_type(unsigned vector)
{
	return vector == VEC_BREAKPOINT ? GATE_INTERRUPT | GATE_DPL3 : GATE_INTERRUPT;
}

/**
 * trap_init() - Fill the IDT and load it.
 *
 * Context: once, early in start_kernel(), with interrupts off; gdt_init()
 * must have run, since three vectors use IST stacks.
 */
void trap_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(trap_idt) - 1, (uint64_t)(uintptr_t)trap_idt };

	for (unsigned v = 0; v < TRAP_VECTORS; v++) {
		uint64_t stub = trap_stubs[v];

		trap_idt[v] = (struct idt_gate){
			.offset_low = stub & 0xffff,
			.selector = GDT_KERNEL_CODE,
			.ist = trap_ist_for(v),
			.type = trap_gate_type(v),
			.offset_mid = stub >> 16 & 0xffff,
			.offset_high = stub >> 32,
		};
	}
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

static void trap_print_page_fault(uint64_t error, uint64_t cr2)
{
	const char *access = error & PF_FETCH ? "instruction fetch" : error & PF_WRITE ? "write" : "read";

	kprintf("Page fault: %s-mode %s at %016lx:", error & PF_USER ? "user" : "kernel", access, cr2);
	kprintf(" %s", error & PF_PRESENT ? "protection violation (page present)" : "page not present");
	if (error & PF_RESERVED)
		kprintf(", reserved bit set in a page-table entry");
	if (error & PF_PROTECTION_KEY)
		kprintf(", protection key");
	if (error & PF_SHADOW_STACK)
		kprintf(", shadow stack");
	kprintf("\n");
}

/* #TS, #NP, #SS and #GP name a selector (or 0) in their error code. */
static void trap_print_selector_error(uint64_t error)
{
	static const char *const tables[] = { "GDT", "IDT", "LDT", "IDT" };

	if (error == 0)
		return;
	kprintf("Selector: %s index %lu%s\n", tables[error >> 1 & 3], error >> 3 & 0x1fff,
		error & 1 ? ", external event" : "");
}

static bool trap_is_near_stack_guard(uint64_t rsp)
{
	uint64_t guard = (uint64_t)(uintptr_t)boot_stack_guard;

	return rsp >= guard && rsp < guard + PAGE_SIZE + 256;
}

static void trap_print_cause(const struct trap_frame *f, uint64_t cr2)
{
	if (f->vector == VEC_PAGE_FAULT)
		trap_print_page_fault(f->error_code, cr2);
	else if (f->vector >= VEC_INVALID_TSS && f->vector <= VEC_GENERAL_PROTECTION)
		trap_print_selector_error(f->error_code);
	if (f->vector == VEC_DOUBLE_FAULT && trap_is_near_stack_guard(f->rsp))
		kprintf("Kernel stack overflow: RSP is at the boot stack's guard page\n");
}

static void trap_print_registers(const struct trap_frame *f)
{
	kprintf("RIP: %04lx:%016lx", f->cs, f->rip);
	ksyms_print(f->rip);
	kprintf("\nRSP: %04lx:%016lx RFLAGS: %016lx\n", f->ss, f->rsp, f->rflags);
	kprintf("RAX: %016lx RBX: %016lx RCX: %016lx\n", f->rax, f->rbx, f->rcx);
	kprintf("RDX: %016lx RSI: %016lx RDI: %016lx\n", f->rdx, f->rsi, f->rdi);
	kprintf("RBP: %016lx R8:  %016lx R9:  %016lx\n", f->rbp, f->r8, f->r9);
	kprintf("R10: %016lx R11: %016lx R12: %016lx\n", f->r10, f->r11, f->r12);
	kprintf("R13: %016lx R14: %016lx R15: %016lx\n", f->r13, f->r14, f->r15);
}

static void trap_print_control_registers(uint64_t cr2)
{
	kprintf("CR2: %016lx", cr2);
	ksyms_print(cr2);
	kprintf("\nCR0: %016lx CR3: %016lx CR4: %016lx\n", cpu_read_cr0(), cpu_read_cr3(), cpu_read_cr4());
}

void trap_report(const struct trap_frame *f)
{
	/* Read first: a fault in the report itself would overwrite it. */
	uint64_t cr2 = cpu_read_cr2();

	panic_report_enter();
	if (f->vector < TRAP_EXCEPTIONS) {
		const struct trap_exception *e = &trap_exceptions[f->vector];

		kprintf("\nPANIC: CPU exception %s %s (vector %lu), error code 0x%lx\n", e->mnemonic, e->name,
			f->vector, f->error_code);
	} else {
		kprintf("\nPANIC: unexpected interrupt (vector %lu)\n", f->vector);
	}
	trap_print_cause(f, cr2);
	trap_print_registers(f);
	trap_print_control_registers(cr2);
	panic_report_finish(f->rip, f->rbp, f->rsp);
}

/**
 * trap_dispatch() - Handle a trap from ring 0; called by trap_entry.S.
 * @frame: the interrupted context, as saved on the stack.
 *
 * (Traps from ring 3 go to user_trap.c.) The only exceptions the kernel
 * expects are page faults and #GPs inside a copy from or to user memory,
 * which uaccess.c recovers from; every other one is reported as a panic.
 */
void trap_dispatch(struct trap_frame *frame)
{
	if (frame->vector >= IRQ_VECTOR_FIRST) {
		irq_dispatch(frame);
		return;
	}
	if ((frame->vector == VEC_PAGE_FAULT || frame->vector == VEC_GENERAL_PROTECTION) &&
	    uaccess_handle_fault(frame, cpu_read_cr2()))
		return;
	trap_report(frame);
}
