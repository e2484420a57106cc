/* SPDX-License-Identifier: Apache-2.0 */
/*
 * x86_64 control-register and MSR bits (usable from assembly) and, for C,
 * thin inline wrappers around the privileged instructions the platform
 * code needs: port I/O, control registers, MSRs, CPUID, the TSC, halting.
 */
#ifndef TESSERA_X86_64_CPU_H
#define TESSERA_X86_64_CPU_H

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1) /* WAIT/FWAIT honour TS */
#define CR0_EM (1 << 2) /* x87/SSE instructions trap (#NM/#UD) */
#define CR0_TS (1 << 3) /* the next FPU instruction traps (#NM) */
#define CR0_WP (1 << 16) /* ring 0 honours read-only pages too */
#define CR0_PG 0x80000000

#define CR4_PAE (1 << 5)
#define CR4_PGE (1 << 7)
#define CR4_OSFXSR (1 << 9) /* FXSAVE/FXRSTOR carry SSE; SSE allowed */
#define CR4_OSXMMEXCPT (1 << 10) /* unmasked SIMD errors raise #XM */
#define CR4_SMEP (1 << 20) /* ring 0 cannot execute user pages */
#define CR4_SMAP (1 << 21) /* ring 0 cannot touch user pages unless RFLAGS.AC */

#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define EFER_SCE (1 << 0) /* SYSCALL/SYSRET */

/* The SYSCALL MSRs and the FS segment's base. */
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100

/* RFLAGS bits */
#define RFLAGS_CF (1 << 0)
#define RFLAGS_FIXED (1 << 1) /* always one */
#define RFLAGS_TF (1 << 8)
#define RFLAGS_IF (1 << 9)
#define RFLAGS_DF (1 << 10)
#define RFLAGS_IOPL (3 << 12)
#define RFLAGS_NT (1 << 14)
#define RFLAGS_RF (1 << 16)
#define RFLAGS_VM (1 << 17)
#define RFLAGS_AC (1 << 18)

/* CPUID 1 EDX */
#define CPUID_1_EDX_TSC (1 << 4)
#define CPUID_1_EDX_APIC (1 << 9)

/* CPUID 7 (subleaf 0) EBX */
#define CPUID_7_EBX_SMEP (1 << 7)
#define CPUID_7_EBX_SMAP (1 << 20)

/* CPUID 0x80000001 EDX */
#define CPUID_EXT_NX (1 << 20)
#define CPUID_EXT_LM (1 << 29)

/* CPUID 0x80000007 EDX: the TSC runs at a constant rate in every P-, C-
 * and T-state. */
#define CPUID_APM_INVARIANT_TSC (1 << 8)

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stdint.h>

/* Port I/O is <tessera/ioport.h>'s, shared with driver components. */
#include <tessera/ioport.h>

/* A write to the POST-code port: the customary short delay (about 1 us on
 * real ISA hardware) between commands to old chips such as the 8259. */
static inline void cpu_io_wait(void)
{
	ioport_outb(0x80, 0);
}

static inline uint64_t cpu_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
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

static inline void cpu_wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

struct cpu_cpuid {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpu_cpuid cpu_cpuid(uint32_t leaf)
{
	struct cpu_cpuid r;

	__asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(0));
	return r;
}

/* The highest extended CPUID leaf is checked first: reading past it returns
 * the highest basic leaf's data on Intel, not zeros. */
static inline bool cpu_has_cpuid_leaf(uint32_t leaf)
{
	return cpu_cpuid(leaf & 0x80000000).eax >= leaf;
}

/* Not serialising: two reads on one CPU never go backwards, which is all
 * the clock needs; the calibration brackets its reads between two. */
static inline uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}

static inline __attribute__((noreturn)) void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif /* !__ASSEMBLER__ */

#endif
