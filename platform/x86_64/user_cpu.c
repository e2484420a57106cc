/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The CPU features user mode needs, switched on once at boot (start.c):
 * SSE for user code (the kernel itself is built without it), SMEP and SMAP
 * where the CPU has them, and the SYSCALL instruction's MSRs.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/kprintf.h>
#include <tessera/usermode.h>

#include "cpu.h"
#include "layout.h"
#include "usermode_entry.h"

void usermode_syscall_entry(void);

/* STAR: SYSCALL loads cs = [47:32] and ss = [47:32] + 8; SYSRET loads
 * ss = [63:48] + 8 and cs = [63:48] + 16, both with RPL 3 (layout.h). */
#define STAR_SYSRET_BASE 0x18ull
/* What SYSCALL clears in RFLAGS: no interrupt until the entry is on the
 * kernel stack, the ABI's clear direction flag, no single-stepping into
 * the kernel, SMAP's window shut, no nested-task IRET. */
#define SYSCALL_RFLAGS_MASK (RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT)

uint8_t uaccess_smap_enabled;
static bool user_cpu_smep;

/* x87 and SSE as user code expects them: no emulation, FXSAVE covering
 * the XMM registers, SIMD exceptions as #XM rather than #UD. */
static void user_cpu_enable_fpu(void)
{
	cpu_write_cr0((cpu_read_cr0() | CR0_MP) & ~(uint64_t)(CR0_EM | CR0_TS));
	cpu_write_cr4(cpu_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
}

static void user_cpu_enable_smep_smap(void)
{
	uint32_t ebx = cpu_has_cpuid_leaf(7) ? cpu_cpuid(7).ebx : 0;
	uint64_t cr4 = cpu_read_cr4();

	user_cpu_smep = ebx & CPUID_7_EBX_SMEP;
	uaccess_smap_enabled = (ebx & CPUID_7_EBX_SMAP) != 0;
	if (user_cpu_smep)
		cr4 |= CR4_SMEP;
	if (uaccess_smap_enabled)
		cr4 |= CR4_SMAP;
	cpu_write_cr4(cr4);
}

static void user_cpu_enable_syscall(void)
{
	cpu_wrmsr(MSR_STAR, STAR_SYSRET_BASE << 48 | (uint64_t)GDT_KERNEL_CODE << 32);
	cpu_wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)usermode_syscall_entry);
	cpu_wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
	cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
}

/**
 * user_cpu_init() - Switch on what ring 3 needs.
 *
 * Context: once, from start_kernel() with interrupts off, after the GDT
 * and the IDT are loaded.
 */
void user_cpu_init(void)
{
	user_cpu_enable_fpu();
	user_cpu_enable_smep_smap();
	user_cpu_enable_syscall();
	kprintf("cpu: smep %s, smap %s\n", user_cpu_smep ? "on" : "off", uaccess_smap_enabled ? "on" : "off");
}

bool platform_has_smep(void)
{
	return user_cpu_smep;
}

bool platform_has_smap(void)
{
	return uaccess_smap_enabled;
}
