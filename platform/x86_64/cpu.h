/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 control-register and MSR bits (usable from assembly) and, for C,
 * thin inline wrappers around the privileged instructions the platform
 * code needs: port I/O, control registers, MSRs, CPUID, halting.
 */
#ifndef TESSERA_X86_64_CPU_H
#define TESSERA_X86_64_CPU_H

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16) /* ring 0 honours read-only pages too */
#define CR0_PG 0x80000000

#define CR4_PAE (1 << 5)
#define CR4_PGE (1 << 7)

#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

/* CPUID 0x80000001 EDX */
#define CPUID_EXT_NX (1 << 20)
#define CPUID_EXT_LM (1 << 29)

#ifndef __ASSEMBLER__

#include <stdint.h>

static inline void cpu_outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void cpu_outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t cpu_inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint64_t cpu_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t cpu_read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t cpu_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/* The "memory" clobber keeps page-table stores before the switch. */
static inline void cpu_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t cpu_read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline __attribute__((noreturn)) void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif /* !__ASSEMBLER__ */

#endif
