/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Traps from ring 3, which trap_entry.S hands over with the registers saved
 * as a struct user_regs at the top of the thread's kernel stack: device
 * interrupts go to irq.c as for kernel code; a page fault goes to the
 * registered page-fault handler; every other exception, and a page fault
 * the handler refuses, ends in the registered fatal handler with a signal.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "irq.h"
#include "trap.h"
#include "usermode_entry.h"

#define VEC_DIVIDE_ERROR 0
#define VEC_DEBUG 1
#define VEC_NMI 2
#define VEC_BREAKPOINT 3
#define VEC_INVALID_OPCODE 6
#define VEC_DOUBLE_FAULT 8
#define VEC_PAGE_FAULT 14
#define VEC_X87_ERROR 16
#define VEC_ALIGNMENT_CHECK 17
#define VEC_MACHINE_CHECK 18
#define VEC_SIMD_ERROR 19

#define PF_PRESENT (1 << 0)
#define PF_WRITE (1 << 1)
#define PF_FETCH (1 << 4)

/* irq.c's handlers take a struct trap_frame: the same registers in
 * another order. */
static struct trap_frame user_trap_frame_from(const struct user_regs *r, uint64_t vector, uint64_t error)
{
	return (struct trap_frame){
		.r15 = r->r15, .r14 = r->r14, .r13 = r->r13, .r12 = r->r12,
		.r11 = r->r11, .r10 = r->r10, .r9 = r->r9, .r8 = r->r8,
		.rbp = r->rbp, .rdi = r->rdi, .rsi = r->rsi, .rdx = r->rdx,
		.rcx = r->rcx, .rbx = r->rbx, .rax = r->rax,
		.vector = vector, .error_code = error,
		.rip = r->rip, .cs = r->cs, .rflags = r->rflags, .rsp = r->rsp, .ss = r->ss,
	};
}

/* A handler may change the frame; the user registers follow, except the
 * selectors, which stay user ones. */
static void user_trap_frame_to(struct user_regs *r, const struct trap_frame *f)
{
	r->r15 = f->r15, r->r14 = f->r14, r->r13 = f->r13, r->r12 = f->r12;
	r->r11 = f->r11, r->r10 = f->r10, r->r9 = f->r9, r->r8 = f->r8;
	r->rbp = f->rbp, r->rdi = f->rdi, r->rsi = f->rsi, r->rdx = f->rdx;
	r->rcx = f->rcx, r->rbx = f->rbx, r->rax = f->rax;
	r->rip = f->rip, r->rflags = f->rflags, r->rsp = f->rsp;
}

static void user_trap_irq(struct user_regs *regs, uint64_t vector)
{
	struct trap_frame frame = user_trap_frame_from(regs, vector, 0);

	irq_dispatch(&frame);
	user_trap_frame_to(regs, &frame);
}

/* The signal for an exception other than a page fault (Linux's choices);
 * *addr gets what si_addr would say. */
static int user_trap_signal(uint64_t vector, const struct user_regs *regs, uint64_t *addr)
{
	*addr = regs->rip;
	switch (vector) {
	case VEC_DIVIDE_ERROR:
	case VEC_X87_ERROR:
	case VEC_SIMD_ERROR: return SIGFPE;
	case VEC_DEBUG:
	case VEC_BREAKPOINT: return SIGTRAP;
	case VEC_INVALID_OPCODE: return SIGILL;
	case VEC_ALIGNMENT_CHECK: return SIGBUS;
	default: *addr = 0; return SIGSEGV; /* #GP, #SS, #NP and the rest */
	}
}

static void user_trap_page_fault(struct user_regs *regs, uint64_t error)
{
	/* Read before interrupts are enabled: another fault would change it. */
	struct user_fault fault = {
		.addr = cpu_read_cr2(),
		.write = error & PF_WRITE,
		.exec = error & PF_FETCH,
		.present = error & PF_PRESENT,
		.user_mode = true,
	};
	platform_page_fault_fn *handler = usermode_page_fault_handler();

	irq_enable(); /* user code always runs with interrupts enabled */
	if (handler && handler(&fault) == 0)
		return;
	usermode_fatal(SIGSEGV, fault.addr, regs);
}

/* NMI, double fault and machine check run on IST stacks and say nothing
 * about the user program: report them as for kernel code. */
static bool user_trap_is_machine_trouble(uint64_t vector)
{
	return vector == VEC_NMI || vector == VEC_DOUBLE_FAULT || vector == VEC_MACHINE_CHECK;
}

void user_trap_dispatch(struct user_regs *regs, uint64_t vector, uint64_t error_code)
{
	uint64_t addr;
	int signo;

	if (vector >= IRQ_VECTOR_FIRST) {
		user_trap_irq(regs, vector);
	} else if (user_trap_is_machine_trouble(vector)) {
		struct trap_frame frame = user_trap_frame_from(regs, vector, error_code);

		trap_report(&frame);
	} else if (vector == VEC_PAGE_FAULT) {
		user_trap_page_fault(regs, error_code);
	} else {
		signo = user_trap_signal(vector, regs, &addr);
		irq_enable();
		usermode_fatal(signo, addr, regs);
	}
}
