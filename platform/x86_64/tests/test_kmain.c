/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kmain() of the platform test kernel (tessera-platform-test.elf): prints
 * and checks the boot information, then powers off with a status; with
 * test=clock it runs test_clock.c's suite instead, with test=user
 * test_user.c's (ring 3, uaccess, page tables), and with another
 * test=<name> it provokes one fault, whose panic report tests/boot_test.sh
 * checks. Registered in CMakeLists.txt.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/boot.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/poweroff.h>

#include "layout.h"
#include "test_kmain.h"
#include "test_user.h"

#define TEST_NOINLINE __attribute__((noinline))

/* For the W^X tests: room for a `ret` in writable data, a word in .rodata. */
static uint8_t test_data_code[16];
static const uint64_t test_rodata_word = 0x7e55e7a;
/* Read through a volatile so the recursion has an exit the compiler
 * cannot prove unreachable. */
static volatile uint64_t test_recursion_limit = UINT64_MAX;

/* The value of key=value in the command line, or NULL; *len gets its
 * length. */
static const char *test_cmdline_value(const char *cmdline, const char *key, size_t *len)
{
	size_t klen = 0;

	while (key[klen])
		klen++;
	for (const char *p = cmdline; *p;) {
		const char *word = p;
		size_t wlen = 0;

		while (word[wlen] && word[wlen] != ' ')
			wlen++;
		p = word + wlen + (word[wlen] == ' ');
		if (wlen > klen && word[klen] == '=' && __builtin_memcmp(word, key, klen) == 0) {
			*len = wlen - klen - 1;
			return word + klen + 1;
		}
	}
	return NULL;
}

static bool test_cmdline_is(const char *cmdline, const char *key, const char *value)
{
	size_t len, vlen = 0;
	const char *v = test_cmdline_value(cmdline, key, &len);

	while (value[vlen])
		vlen++;
	return v && len == vlen && __builtin_memcmp(v, value, len) == 0;
}

static uint64_t test_cmdline_number(const char *cmdline, const char *key)
{
	size_t len;
	const char *v = test_cmdline_value(cmdline, key, &len);
	uint64_t n = 0;

	for (size_t i = 0; v && i < len && v[i] >= '0' && v[i] <= '9'; i++)
		n = n * 10 + (uint64_t)(v[i] - '0');
	return n;
}

static void test_print_initrd(const struct boot_info *bi)
{
	const char *data = boot_phys_to_virt(bi, bi->initrd_phys);
	int n = 0;

	while (n < 32 && (uint64_t)n < bi->initrd_size && data[n] >= ' ' && data[n] <= '~')
		n++;
	kprintf("initrd: %016lx-%016lx (%lu bytes) \"%.*s\"\n", bi->initrd_phys, bi->initrd_phys + bi->initrd_size,
		bi->initrd_size, n, data);
}

static uint64_t test_print_boot_info(const struct boot_info *bi)
{
	uint64_t total = 0;

	kprintf("boot_info: loader %s, direct map %016lx (%lu MiB)\n", bi->loader, bi->direct_map_base,
		bi->direct_map_size >> 20);
	kprintf("cmdline: \"%s\"\n", bi->cmdline);
	kprintf("kernel: %016lx-%016lx\n", bi->kernel_phys_start, bi->kernel_phys_end);
	for (size_t i = 0; i < bi->nr_mem_regions; i++) {
		const struct boot_mem_region *r = &bi->mem_regions[i];

		kprintf("mem: %016lx-%016lx %8lu KiB\n", r->base, r->base + r->length, r->length >> 10);
		total += r->length;
	}
	kprintf("mem: %lu MiB usable in %zu regions, %lu bytes ignored\n", total >> 20, bi->nr_mem_regions,
		bi->mem_ignored);
	if (bi->initrd_size != 0)
		test_print_initrd(bi);
	return total;
}

static bool test_overlaps(const struct boot_mem_region *r, uint64_t start, uint64_t end)
{
	return start < r->base + r->length && end > r->base;
}

/* Writes and reads back both ends of a region through the direct map. */
static bool test_region_is_usable(const struct boot_info *bi, const struct boot_mem_region *r)
{
	volatile uint64_t *first = boot_phys_to_virt(bi, r->base);
	volatile uint64_t *last = boot_phys_to_virt(bi, r->base + r->length - 8);

	*first = 0x5a5a5a5a5a5a5a5a;
	*last = ~*first;
	return *first == 0x5a5a5a5a5a5a5a5a && *last == 0xa5a5a5a5a5a5a5a5;
}

static bool test_check_region(const struct boot_info *bi, size_t i)
{
	const struct boot_mem_region *r = &bi->mem_regions[i];
	uint64_t end = r->base + r->length;

	if (r->length == 0 || r->base % PAGE_SIZE || r->length % PAGE_SIZE || r->base < 0x100000 ||
	    end > bi->direct_map_size)
		return false;
	if (i > 0 && r->base <= bi->mem_regions[i - 1].base + bi->mem_regions[i - 1].length)
		return false; /* unsorted, overlapping or unmerged */
	if (test_overlaps(r, bi->kernel_phys_start, bi->kernel_phys_end))
		return false;
	if (bi->initrd_size && test_overlaps(r, bi->initrd_phys, bi->initrd_phys + bi->initrd_size))
		return false;
	return test_region_is_usable(bi, r);
}

static bool test_check_boot_info(const struct boot_info *bi, uint64_t total)
{
	uint64_t min_mib = test_cmdline_number(bi->cmdline, "min_mem_mib");
	bool ok = bi->nr_mem_regions > 0 && total >> 20 >= min_mib;

	for (size_t i = 0; i < bi->nr_mem_regions; i++) {
		if (!test_check_region(bi, i)) {
			kprintf("FAIL: memory region %zu is wrong\n", i);
			ok = false;
		}
	}
	if (bi->kernel_phys_start != KERNEL_PHYS_BASE || bi->kernel_phys_end <= bi->kernel_phys_start)
		ok = false;
	return ok;
}

static TEST_NOINLINE void test_read_unmapped(void)
{
	/* The identity map covered this until paging_init() dropped it. */
	(void)*(volatile uint64_t *)(uintptr_t)KERNEL_PHYS_BASE;
}

static TEST_NOINLINE void test_write_text(void)
{
	*(volatile uint8_t *)(uintptr_t)&test_write_text = 0xcc;
}

static TEST_NOINLINE void test_write_rodata(void)
{
	*(volatile uint64_t *)(uintptr_t)&test_rodata_word = 0;
}

static TEST_NOINLINE void test_write_text_alias(const struct boot_info *bi)
{
	uint64_t phys = (uint64_t)(uintptr_t)&test_write_text_alias - KERNEL_VIRT_BASE;

	*(volatile uint8_t *)boot_phys_to_virt(bi, phys) = 0xcc;
}

static TEST_NOINLINE void test_exec_data(void)
{
	*(volatile uint8_t *)test_data_code = 0xc3; /* ret */
	((void (*)(void))(uintptr_t)test_data_code)();
}

static TEST_NOINLINE void test_exec_stack(void)
{
	uint8_t code[16];

	*(volatile uint8_t *)code = 0xc3; /* ret */
	((void (*)(void))(uintptr_t)code)();
}

static TEST_NOINLINE uint64_t test_recurse(uint64_t depth)
{
	volatile uint8_t frame[512];

	frame[0] = (uint8_t)depth;
	if (depth == test_recursion_limit)
		return 0;
	return test_recurse(depth + 1) + frame[0];
}

static TEST_NOINLINE void test_invalid_opcode(void)
{
	__asm__ volatile("ud2");
}

static TEST_NOINLINE void test_general_protection(void)
{
	*(volatile uint64_t *)(uintptr_t)0x8000000000000000 = 1; /* non-canonical */
}

static TEST_NOINLINE void test_software_interrupt(void)
{
	__asm__ volatile("int $0x40");
}

/* Vector 0x50 has no handler; raised as a device would, it arrives as
 * soon as interrupts are enabled, in this function. */
static TEST_NOINLINE void test_unexpected_irq(void)
{
	if (irq_raise(0x50) != 0)
		return;
	irq_enable();
	for (volatile int i = 0; i < 1000000; i++)
		;
}

/* Runs the fault test the command line names; returns only if there is none. */
static TEST_NOINLINE void test_run_fault(const struct boot_info *bi)
{
	const char *c = bi->cmdline;

	if (!test_cmdline_value(c, "test", &(size_t){ 0 }))
		return;
	kprintf("test: %s\n", c);
	if (test_cmdline_is(c, "test", "pagefault"))
		test_read_unmapped();
	else if (test_cmdline_is(c, "test", "write-text"))
		test_write_text();
	else if (test_cmdline_is(c, "test", "write-rodata"))
		test_write_rodata();
	else if (test_cmdline_is(c, "test", "write-text-alias"))
		test_write_text_alias(bi);
	else if (test_cmdline_is(c, "test", "exec-data"))
		test_exec_data();
	else if (test_cmdline_is(c, "test", "exec-stack"))
		test_exec_stack();
	else if (test_cmdline_is(c, "test", "stack-overflow"))
		test_recurse(0);
	else if (test_cmdline_is(c, "test", "invalid-opcode"))
		test_invalid_opcode();
	else if (test_cmdline_is(c, "test", "general-protection"))
		test_general_protection();
	else if (test_cmdline_is(c, "test", "interrupt"))
		test_software_interrupt();
	else if (test_cmdline_is(c, "test", "unexpected-irq"))
		test_unexpected_irq();
	else if (test_cmdline_is(c, "test", "smap"))
		test_user_smap_read(bi);
	else if (test_cmdline_is(c, "test", "smep"))
		test_user_smep_exec(bi);
	else if (test_cmdline_is(c, "test", "panic"))
		panic("test panic with a number: %d", 42);
	kprintf("FAIL: the test did not fault (or is unknown)\n");
	platform_poweroff(TESSERA_EXIT_FAIL);
}

void kmain(const struct boot_info *bi)
{
	/* start_kernel() promises kmain() a start with interrupts disabled. */
	bool irqs_enabled = irq_is_enabled();
	uint64_t total = test_print_boot_info(bi);

	if (test_cmdline_is(bi->cmdline, "test", "clock"))
		platform_poweroff(test_clock_suite(irqs_enabled) ? TESSERA_EXIT_FAIL : TESSERA_EXIT_PASS);
	if (test_cmdline_is(bi->cmdline, "test", "user"))
		platform_poweroff(test_user_suite(bi) ? TESSERA_EXIT_FAIL : TESSERA_EXIT_PASS);
	if (!test_check_boot_info(bi, total) || irqs_enabled) {
		kprintf("platform test: FAIL (%s)\n", irqs_enabled ? "interrupts enabled" : "boot information");
		platform_poweroff(TESSERA_EXIT_FAIL);
	}
	test_run_fault(bi);
	kprintf("platform test: PASS\n");
	platform_poweroff(TESSERA_EXIT_PASS);
}
