/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What test_user.c (the platform_user KTAP suite) and the user programs it
 * runs in ring 3 (user_programs.S) agree on: the test system calls and
 * the user addresses of the test address space.
 */
#ifndef TESSERA_X86_64_TEST_USER_H
#define TESSERA_X86_64_TEST_USER_H

/* The test's system calls. ECHO records its registers and returns
 * TEST_ECHO_RESULT; EXIT ends the program (its registers are the
 * result); JUMP returns 7 to the address in rdi, as execve rewrites rip. */
#define TEST_SYS_ECHO 1000
#define TEST_SYS_EXIT 1001
#define TEST_SYS_JUMP 1002
#define TEST_ECHO_RESULT 0x1234567

/* The test address space. */
#define TEST_CODE_VA 0x400000
#define TEST_DATA_VA 0x600000
#define TEST_STACK_VA 0x7fff0000
/* Pages the test page-fault handler maps on demand, each holding its own
 * address in its first word; anything else it refuses. */
#define TEST_DEMAND_VA 0x800000
#define TEST_DEMAND_END 0x880000
#define TEST_REFUSED_VA 0x900008

/* Callee-saved values a program loads before a system call. */
#define TEST_MAGIC_RBX 0x1111
#define TEST_MAGIC_R15 0x5555

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/boot.h>
#include <tessera/mmu.h>
#include <tessera/usermode.h>

/* How a program run by test_user_run() ended. */
struct test_user_result {
	bool exited; /* by TEST_SYS_EXIT; else by the fatal handler */
	int signo; /* from the fatal handler */
	uint64_t addr;
	struct user_regs regs; /* at the EXIT or the fault */
	bool regs_at_stack_top; /* they were platform_user_regs() */
};

struct test_user_case {
	const char *name;
	bool (*run)(void);
};

/* test_user.c: the harness. */
extern struct mmu_space test_space;
extern struct test_user_result test_result;
extern unsigned test_page_faults;
extern struct user_fault test_last_fault;
extern bool test_fault_irqs_enabled; /* at the last page fault */
bool test_user_check(bool ok, const char *what);
uint64_t test_alloc_frame(void *table_count);
void *test_frame_ptr(uint64_t phys);
/* Where the kernel sees the test data page (TEST_DATA_VA). */
uint8_t *test_user_data(void);
/* Runs a program of user_programs.S in ring 3 until it exits or faults. */
void test_user_run(const uint8_t *start, const uint8_t *end);
#define TEST_USER_RUN(name)                                              \
	do {                                                             \
		extern const uint8_t test_prog_##name[], test_prog_##name##_end[]; \
		test_user_run(test_prog_##name, test_prog_##name##_end); \
	} while (0)

/* test_uaccess.c: the uaccess and mmu cases of the suite. */
extern const struct test_user_case test_uaccess_cases[];
extern const size_t test_uaccess_case_count;

/* test_user.c: the platform_user KTAP suite (test=user). */
int test_user_suite(const struct boot_info *bi);
/* test=smap, test=smep: fault tests; they return only if nothing faulted. */
void test_user_smap_read(const struct boot_info *bi);
void test_user_smep_exec(const struct boot_info *bi);

#endif /* !__ASSEMBLER__ */

#endif
