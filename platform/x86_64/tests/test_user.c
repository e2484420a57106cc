/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ring-3 tests of the platform test kernel (test=user, the KTAP suite
 * platform_user): an address space made with mmu.c, small programs from
 * user_programs.S run in it, and the platform's hooks registered as a
 * kernel would. A program ends with the EXIT system call or in the fatal
 * handler; either switches back to the test thread, abandoning the
 * program's kernel stack, as a kernel ends a process. test_uaccess.c adds
 * the copy and page-table cases. Run by test_kmain.c.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/context.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/mmu.h>
#include <tessera/panic.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "error_numbers.h"
#include "layout.h"
#include "test_kmain.h"
#include "test_user.h"
#include "usermode_entry.h"

#define TEST_KERNEL_STACK_SIZE 16384
#define TEST_USER_STACK_TOP (TEST_STACK_VA + MMU_PAGE_SIZE)
#define TEST_FS_WORD 0xabcdef0123ull
#define TEST_XMM0 0x1122334455667788ull

struct mmu_space test_space;
struct test_user_result test_result;
unsigned test_page_faults;
struct user_fault test_last_fault;
bool test_fault_irqs_enabled;

/* The program's kernel stack: TSS.RSP0 and the SYSCALL stack. */
static uint8_t test_kernel_stack[TEST_KERNEL_STACK_SIZE] __attribute__((aligned(16)));
static void *test_main_sp, *test_abandoned_sp;
static struct user_regs test_enter_regs;
static uint64_t test_code_phys, test_data_phys;
/* Frames come from the largest usable region, never given back. */
static uint64_t test_frames_next, test_frames_end;
/* What the ECHO system call saw. */
static struct user_regs test_echo_regs;
static bool test_echo_at_stack_top;

bool test_user_check(bool ok, const char *what)
{
	if (!ok)
		kprintf("    # failed: %s\n", what);
	return ok;
}

void *test_frame_ptr(uint64_t phys)
{
	return (void *)(uintptr_t)(DIRECT_MAP_BASE + phys);
}

uint8_t *test_user_data(void)
{
	return test_frame_ptr(test_data_phys);
}

/* An mmu_table_alloc_fn: counts page tables in *table_count when given. */
uint64_t test_alloc_frame(void *table_count)
{
	uint64_t phys = test_frames_next;

	if (phys + MMU_PAGE_SIZE > test_frames_end)
		return 0;
	test_frames_next += MMU_PAGE_SIZE;
	__builtin_memset(test_frame_ptr(phys), 0, MMU_PAGE_SIZE);
	if (table_count)
		++*(unsigned *)table_count;
	return phys;
}

/* Back to the test thread, for good: the program is over. */
static __attribute__((noreturn)) void test_user_finish(struct user_regs *regs)
{
	test_result.regs = *regs;
	test_result.regs_at_stack_top = regs == platform_user_regs();
	irq_disable();
	platform_context_switch(&test_abandoned_sp, test_main_sp);
	panic("test_user: an ended program was resumed");
}

static long test_syscall(struct user_regs *regs)
{
	switch (regs->orig_rax) {
	case TEST_SYS_ECHO:
		test_echo_regs = *regs;
		test_echo_at_stack_top = regs == platform_user_regs();
		return TEST_ECHO_RESULT;
	case TEST_SYS_EXIT:
		test_result.exited = true;
		test_user_finish(regs);
	case TEST_SYS_JUMP:
		regs->rip = regs->rdi;
		return 7;
	default:
		return -ENOSYS;
	}
}

/* Maps the demand pages, each with its own address in its first word. */
static int test_page_fault(const struct user_fault *fault)
{
	uint64_t page = fault->addr & ~(MMU_PAGE_SIZE - 1);
	uint64_t phys;

	test_page_faults++;
	test_last_fault = *fault;
	test_fault_irqs_enabled = irq_is_enabled();
	if (page < TEST_DEMAND_VA || page >= TEST_DEMAND_END || fault->present)
		return -EFAULT;
	phys = test_alloc_frame(NULL);
	if (!phys)
		return -ENOMEM;
	*(uint64_t *)test_frame_ptr(phys) = page;
	return mmu_map(&test_space, page, phys, MMU_READ | MMU_WRITE, test_alloc_frame, NULL);
}

static void test_fatal(int signo, uint64_t addr, struct user_regs *regs)
{
	test_result.signo = signo;
	test_result.addr = addr;
	test_user_finish(regs);
}

static void test_user_thread(void *arg)
{
	(void)arg;
	platform_user_enter(&test_enter_regs);
}

void test_user_run(const uint8_t *start, const uint8_t *end)
{
	uint8_t *stack_top = test_kernel_stack + sizeof(test_kernel_stack);
	void *sp;

	__builtin_memcpy(test_frame_ptr(test_code_phys), start, (size_t)(end - start));
	test_result = (struct test_user_result){ 0 };
	platform_user_regs_init(&test_enter_regs, TEST_CODE_VA, TEST_USER_STACK_TOP);
	sp = platform_context_prepare(stack_top, test_user_thread, NULL);
	irq_disable();
	platform_user_set_kernel_stack((uint64_t)(uintptr_t)stack_top);
	platform_context_switch(&test_main_sp, sp);
}

static bool test_result_is_exit(void)
{
	return test_user_check(test_result.exited, "the program did not exit") &&
	       test_user_check(test_result.regs_at_stack_top, "EXIT's regs are not platform_user_regs()");
}

static bool test_result_is_signal(int signo, uint64_t addr)
{
	if (test_result.exited)
		return test_user_check(false, "the program exited instead of faulting");
	kprintf("    # signal %d at %#lx, rip %#lx\n", test_result.signo, test_result.addr, test_result.regs.rip);
	return test_user_check(test_result.signo == signo, "wrong signal") &&
	       test_user_check(test_result.addr == addr, "wrong fault address") &&
	       test_user_check(test_result.regs_at_stack_top, "the fault's regs are not platform_user_regs()");
}

static bool test_syscall_abi(void)
{
	const struct user_regs *e = &test_echo_regs, *x = &test_result.regs;

	TEST_USER_RUN(syscall_abi);
	return test_result_is_exit() && test_user_check(test_echo_at_stack_top, "ECHO's regs not at the stack top") &&
	       test_user_check(e->orig_rax == TEST_SYS_ECHO, "orig_rax is not the number") &&
	       test_user_check(e->rdi == 1 && e->rsi == 2 && e->rdx == 3 && e->r10 == 4 && e->r8 == 5 && e->r9 == 6,
			       "arguments") &&
	       test_user_check(e->cs == (GDT_USER_CODE | 3) && e->ss == (GDT_USER_DATA | 3), "user selectors") &&
	       test_user_check(e->rsp == TEST_USER_STACK_TOP && x->r8 == TEST_USER_STACK_TOP, "user rsp") &&
	       test_user_check(e->rip == x->r10 && e->rcx == x->r10, "the frame's rip is the return address") &&
	       test_user_check(x->rdi == TEST_ECHO_RESULT, "rax is the handler's result") &&
	       test_user_check(x->rsi == x->r10, "rcx after syscall is the return address") &&
	       test_user_check(x->rdx == e->rflags && (x->rdx & RFLAGS_IF), "r11 after syscall is rflags") &&
	       test_user_check(x->rbx == TEST_MAGIC_RBX && x->r15 == TEST_MAGIC_R15, "callee-saved registers");
}

static bool test_syscall_without_handler(void)
{
	platform_set_syscall_handler(NULL);
	TEST_USER_RUN(syscall_then_ud2);
	platform_set_syscall_handler(test_syscall);
	return test_result_is_signal(SIGILL, test_result.regs.rip) &&
	       test_user_check(test_result.regs.rax == (uint64_t)-ENOSYS, "rax is not -ENOSYS");
}

static bool test_syscall_rewritten_rip(void)
{
	TEST_USER_RUN(syscall_jump);
	return test_result_is_exit() && test_user_check(test_result.regs.rdi == 7, "JUMP's result") &&
	       test_user_check(test_result.regs.rsi != test_result.regs.rip, "rcx as the frame held it");
}

static bool test_syscall_noncanonical_rip(void)
{
	TEST_USER_RUN(syscall_jump_noncanonical);
	return test_result_is_signal(SIGSEGV, 0x0000800000000000);
}

static bool test_page_fault_demand(void)
{
	unsigned faults = test_page_faults;

	TEST_USER_RUN(read_demand);
	return test_result_is_exit() && test_user_check(test_page_faults == faults + 1, "one page fault") &&
	       test_user_check(test_last_fault.addr == TEST_DEMAND_VA + 0x2000, "fault address") &&
	       test_user_check(test_last_fault.user_mode && !test_last_fault.write && !test_last_fault.present &&
				       !test_last_fault.exec,
			       "fault kind") &&
	       test_user_check(test_fault_irqs_enabled, "the handler ran with interrupts disabled") &&
	       test_user_check(test_result.regs.rdi == TEST_DEMAND_VA + 0x2000, "the value read") &&
	       test_user_check(test_result.regs.rbx == TEST_MAGIC_RBX, "registers across the fault");
}

static bool test_page_fault_refused(void)
{
	TEST_USER_RUN(write_refused);
	return test_result_is_signal(SIGSEGV, TEST_REFUSED_VA) &&
	       test_user_check(test_last_fault.write && test_last_fault.user_mode, "fault kind");
}

static bool test_write_read_only_page(void)
{
	TEST_USER_RUN(write_code);
	return test_result_is_signal(SIGSEGV, TEST_CODE_VA) &&
	       test_user_check(test_last_fault.write && test_last_fault.present, "a protection fault");
}

static bool test_page_fault_without_handler(void)
{
	/* The page read_demand reads was mapped by an earlier case. */
	mmu_unmap(&test_space, TEST_DEMAND_VA + 0x2000);
	platform_set_page_fault_handler(NULL);
	TEST_USER_RUN(read_demand);
	platform_set_page_fault_handler(test_page_fault);
	return test_result_is_signal(SIGSEGV, TEST_DEMAND_VA + 0x2000);
}

static bool test_invalid_opcode(void)
{
	TEST_USER_RUN(ud2);
	return test_result_is_signal(SIGILL, TEST_CODE_VA);
}

static bool test_privileged_instruction(void)
{
	TEST_USER_RUN(cli);
	return test_result_is_signal(SIGSEGV, 0);
}

static bool test_breakpoint(void)
{
	TEST_USER_RUN(int3);
	/* A trap: rip is past the int3. */
	return test_result_is_signal(SIGTRAP, TEST_CODE_VA + 1);
}

static bool test_kernel_vector(void)
{
	TEST_USER_RUN(int_0x40);
	return test_result_is_signal(SIGSEGV, 0);
}

static bool test_divide_error(void)
{
	TEST_USER_RUN(divide_by_zero);
	return test_result_is_signal(SIGFPE, test_result.regs.rip) &&
	       test_user_check(test_result.regs.rip > TEST_CODE_VA, "rip at the div");
}

static bool test_ticks_interrupt_user_mode(void)
{
	uint64_t ticks = platform_ticks();

	TEST_USER_RUN(spin);
	kprintf("    # %lu ticks while in ring 3\n", platform_ticks() - ticks);
	return test_result_is_exit() && test_user_check(platform_ticks() > ticks, "no tick in ring 3") &&
	       test_user_check(test_result.regs.rdi == 0 && test_result.regs.rbx == TEST_MAGIC_RBX &&
				       test_result.regs.r15 == TEST_MAGIC_R15,
			       "registers across interrupts");
}

static bool test_fs_base(void)
{
	*(uint64_t *)((uint8_t *)test_frame_ptr(test_data_phys) + 8) = TEST_FS_WORD;
	platform_set_fs_base(TEST_DATA_VA);
	if (!test_user_check(platform_get_fs_base() == TEST_DATA_VA, "get returns what set wrote") ||
	    !test_user_check(cpu_rdmsr(MSR_FS_BASE) == TEST_DATA_VA, "IA32_FS_BASE"))
		return false;
	TEST_USER_RUN(read_fs);
	platform_set_fs_base(0);
	return test_result_is_exit() && test_user_check(test_result.regs.rdi == TEST_FS_WORD, "%fs:8");
}

static bool test_fpu_init_state(void)
{
	struct user_fpu fpu;
	uint16_t fcw;
	uint32_t mxcsr;

	platform_fpu_init(&fpu);
	__builtin_memcpy(&fcw, &fpu.area[0], sizeof(fcw));
	__builtin_memcpy(&mxcsr, &fpu.area[24], sizeof(mxcsr));
	return test_user_check(fcw == 0x37f && mxcsr == 0x1f80, "FCW and MXCSR");
}

/* Two contexts: a's xmm0 set in ring 3 survives b's run in between. */
static bool test_fpu_two_contexts(void)
{
	static struct user_fpu a, b;
	uint64_t saved_xmm0, b_xmm0;

	platform_fpu_init(&a);
	platform_fpu_init(&b);
	platform_fpu_restore(&a);
	TEST_USER_RUN(set_xmm0);
	platform_fpu_save(&a);
	__builtin_memcpy(&saved_xmm0, &a.area[160], sizeof(saved_xmm0));
	platform_fpu_restore(&b);
	TEST_USER_RUN(get_xmm0);
	b_xmm0 = test_result.regs.rdi;
	platform_fpu_restore(&a);
	TEST_USER_RUN(get_xmm0);
	return test_result_is_exit() && test_user_check(saved_xmm0 == TEST_XMM0, "xmm0 in the FXSAVE image") &&
	       test_user_check(b_xmm0 == 0, "b's xmm0") &&
	       test_user_check(test_result.regs.rdi == TEST_XMM0, "a's xmm0 restored");
}

static bool test_smep_smap_follow_cpuid(void)
{
	uint32_t ebx = cpu_has_cpuid_leaf(7) ? cpu_cpuid(7).ebx : 0;
	uint64_t cr4 = cpu_read_cr4();
	bool smep = ebx & CPUID_7_EBX_SMEP, smap = ebx & CPUID_7_EBX_SMAP;

	kprintf("    # cpuid: smep %d smap %d\n", smep, smap);
	return test_user_check(!!(cr4 & CR4_SMEP) == smep && platform_has_smep() == smep, "SMEP") &&
	       test_user_check(!!(cr4 & CR4_SMAP) == smap && platform_has_smap() == smap, "SMAP");
}

static const struct test_user_case test_user_cases[] = {
	{ "syscall_abi", test_syscall_abi },
	{ "syscall_without_handler_is_enosys", test_syscall_without_handler },
	{ "syscall_rewritten_rip_returns_by_iret", test_syscall_rewritten_rip },
	{ "syscall_noncanonical_rip_is_sigsegv", test_syscall_noncanonical_rip },
	{ "page_fault_handler_maps_on_demand", test_page_fault_demand },
	{ "page_fault_refused_is_sigsegv", test_page_fault_refused },
	{ "write_to_read_only_page_is_sigsegv", test_write_read_only_page },
	{ "page_fault_without_handler_is_sigsegv", test_page_fault_without_handler },
	{ "invalid_opcode_is_sigill", test_invalid_opcode },
	{ "privileged_instruction_is_sigsegv", test_privileged_instruction },
	{ "int3_is_sigtrap", test_breakpoint },
	{ "kernel_vector_is_sigsegv", test_kernel_vector },
	{ "divide_error_is_sigfpe", test_divide_error },
	{ "ticks_interrupt_user_mode", test_ticks_interrupt_user_mode },
	{ "fs_base_round_trip", test_fs_base },
	{ "fpu_init_state", test_fpu_init_state },
	{ "fpu_state_follows_context", test_fpu_two_contexts },
	{ "smep_smap_follow_cpuid", test_smep_smap_follow_cpuid },
};

/* The largest usable region gives the frames. */
static void test_frames_init(const struct boot_info *bi)
{
	const struct boot_mem_region *best = &bi->mem_regions[0];

	for (size_t i = 1; i < bi->nr_mem_regions; i++) {
		if (bi->mem_regions[i].length > best->length)
			best = &bi->mem_regions[i];
	}
	test_frames_next = best->base;
	test_frames_end = best->base + best->length;
}

static int test_map_new(uint64_t va, unsigned prot, uint64_t *phys)
{
	*phys = test_alloc_frame(NULL);
	if (!*phys)
		return -ENOMEM;
	return mmu_map(&test_space, va, *phys, prot, test_alloc_frame, NULL);
}

/* The test space: code r-x, data and stack rw-; active from here on. */
static bool test_user_setup(const struct boot_info *bi)
{
	uint64_t stack_phys;

	test_frames_init(bi);
	if (mmu_space_init(&test_space, test_alloc_frame, NULL) != 0 ||
	    test_map_new(TEST_CODE_VA, MMU_READ | MMU_EXEC, &test_code_phys) != 0 ||
	    test_map_new(TEST_DATA_VA, MMU_READ | MMU_WRITE, &test_data_phys) != 0 ||
	    test_map_new(TEST_STACK_VA, MMU_READ | MMU_WRITE, &stack_phys) != 0)
		return false;
	platform_set_syscall_handler(test_syscall);
	platform_set_page_fault_handler(test_page_fault);
	platform_set_user_fatal_handler(test_fatal);
	mmu_activate(&test_space);
	return true;
}

/* Copies run in thread context with interrupts enabled, as in a system
 * call; the ring-3 cases switch with them disabled. */
static bool test_user_run_case(const struct test_user_case *c, size_t number, bool irqs)
{
	bool ok;

	if (irqs)
		irq_enable();
	ok = c->run();

	irq_disable();
	kprintf("    %s %zu %s\n", ok ? "ok" : "not ok", number, c->name);
	return ok;
}

/**
 * test_user_suite() - Run the platform_user KTAP suite.
 * @bi: the boot information: its memory gives the test's frames.
 *
 * Return: the number of failed cases.
 */
int test_user_suite(const struct boot_info *bi)
{
	size_t own = sizeof(test_user_cases) / sizeof(test_user_cases[0]);
	size_t n = own + test_uaccess_case_count;
	int failed = 0;

	kprintf("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: platform_user\n    1..%zu\n", n);
	if (!test_user_setup(bi)) {
		kprintf("    # the test address space could not be made\nnot ok 1 platform_user\n");
		return 1;
	}
	for (size_t i = 0; i < own; i++)
		failed += !test_user_run_case(&test_user_cases[i], i + 1, false);
	for (size_t i = 0; i < test_uaccess_case_count; i++)
		failed += !test_user_run_case(&test_uaccess_cases[i], own + i + 1, true);
	mmu_activate_kernel();
	kprintf("%s 1 platform_user\n", failed ? "not ok" : "ok");
	return failed;
}

/*
 * test=smap and test=smep (run with -cpu max): the kernel touching a user
 * page outside a uaccess copy. Both must panic with a page-fault report;
 * return only if the access went through.
 */
void test_user_smap_read(const struct boot_info *bi)
{
	if (!test_user_setup(bi))
		return;
	kprintf("test: a plain kernel read of %#x\n", TEST_DATA_VA);
	(void)*(volatile uint64_t *)(uintptr_t)TEST_DATA_VA;
}

void test_user_smep_exec(const struct boot_info *bi)
{
	static const uint8_t ret = 0xc3;

	if (!test_user_setup(bi))
		return;
	__builtin_memcpy(test_frame_ptr(test_code_phys), &ret, 1);
	kprintf("test: a kernel call to %#x\n", TEST_CODE_VA);
	((void (*)(void))(uintptr_t)TEST_CODE_VA)();
}
