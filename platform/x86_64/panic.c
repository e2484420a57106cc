/* SPDX-License-Identifier: Apache-2.0 */
/*
 * panic() and the end of every panic report (trap.c's too): a backtrace
 * that follows the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer), symbolised through ksyms.c, then power-off
 * with TESSERA_EXIT_PANIC.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/poweroff.h>

#include "ksyms.h"
#include "paging.h"
#include "panic_report.h"

#define BACKTRACE_MAX_FRAMES 32

extern char __text_start[], __text_end[];

/* Single CPU, interrupts off: a plain flag is enough. */
static bool panic_in_progress;

void panic_report_enter(void)
{
	/* Nothing else runs from here on: no tick prints into the report. */
	irq_disable();
	if (panic_in_progress) {
		kprintf("\nPANIC: fault while reporting a panic; powering off\n");
		platform_poweroff(TESSERA_EXIT_PANIC);
	}
	panic_in_progress = true;
}

static void panic_print_repeats(unsigned repeats)
{
	if (repeats > 0)
		kprintf("  (the line above %u more times)\n", repeats);
}

/*
 * Each frame is [rbp] = the caller's rbp, [rbp + 8] = the return address.
 * The chain ends at the zero rbp entry.S starts with; anything that is not
 * an aligned, mapped address further up the stack ends it early, since a
 * corrupted stack is a likely reason to be here. Runs of one return
 * address (recursion) print once, with a count.
 */
static void panic_backtrace(uint64_t rbp)
{
	uint64_t last = 0;
	unsigned printed = 0, repeats = 0;

	while (rbp != 0 && printed < BACKTRACE_MAX_FRAMES) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)rbp;

		if (rbp % 8 != 0 || !paging_is_readable(rbp, 16)) {
			kprintf("  (frame pointer %016lx is not on a kernel stack)\n", rbp);
			break;
		}
		if (frame[1] == 0)
			break;
		if (frame[1] == last) {
			repeats++;
		} else {
			panic_print_repeats(repeats);
			repeats = 0;
			last = frame[1];
			printed++;
			kprintf("  %016lx", last);
			ksyms_print_return(last);
			kprintf("\n");
		}
		if (frame[0] != 0 && frame[0] <= rbp) {
			kprintf("  (frame pointer %016lx goes down the stack)\n", frame[0]);
			break;
		}
		rbp = frame[0];
	}
	panic_print_repeats(repeats);
}

static bool panic_is_text(uint64_t addr)
{
	return addr >= (uint64_t)(uintptr_t)__text_start && addr < (uint64_t)(uintptr_t)__text_end;
}

/* Whether code starts with push %rbp; mov %rsp, %rbp. */
static bool panic_has_frame_prologue(uint64_t code)
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)code;

	return paging_is_readable(code, 4) && p[0] == 0x55 && p[1] == 0x48 && p[2] == 0x89 && p[3] == 0xe5;
}

/*
 * The frame chain misses the interrupted function's caller when that
 * function has no frame of its own: a leaf that needs no stack (GCC drops
 * its frame even with -fno-omit-frame-pointer), assembly, a stray jump
 * into data, or a trap in the prologue. Its return address is then on top
 * of the stack (under the pushed %rbp after the first prologue
 * instruction). Marked '?': with a shrink-wrapped prologue it may be stale.
 */
static void panic_backtrace_frameless(uint64_t rip, uint64_t rsp)
{
	struct ksym sym;
	bool prologue = ksyms_lookup(rip, &sym) && panic_has_frame_prologue(sym.start);
	uint64_t slot = rsp, ret;

	if (prologue && rip > sym.start + 1)
		return; /* the frame exists: %rbp leads to the caller */
	if (prologue && rip == sym.start + 1)
		slot += 8;
	if (!paging_is_readable(slot, 8))
		return;
	ret = *(const uint64_t *)(uintptr_t)slot;
	if (!panic_is_text(ret))
		return;
	kprintf("? %016lx", ret);
	ksyms_print_return(ret);
	kprintf("\n");
}

void panic_report_finish(uint64_t rip, uint64_t rbp, uint64_t rsp)
{
	kprintf("Backtrace:\n");
	if (rip != 0) {
		kprintf("  %016lx", rip);
		ksyms_print(rip);
		kprintf("\n");
		panic_backtrace_frameless(rip, rsp);
	}
	panic_backtrace(rbp);
	kprintf("Powering off: status %d (panic)\n", TESSERA_EXIT_PANIC);
	platform_poweroff(TESSERA_EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	panic_report_enter();
	kprintf("\nPANIC: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	/* Starting from panic()'s own frame names its caller first. */
	panic_report_finish(0, (uint64_t)(uintptr_t)__builtin_frame_address(0), 0);
}
