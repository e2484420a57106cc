/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User FPU/SSE state (<tessera/usermode.h>): FXSAVE's 512-byte image. The
 * kernel is compiled without x87/SSE, so the registers hold the running
 * user thread's state all the while it is in the kernel, and the kernel
 * saves and restores them only when it switches user threads.
 */
#include <stdint.h>

#include <tessera/usermode.h>

/* Offsets in the FXSAVE image. */
#define FXSAVE_FCW 0
#define FXSAVE_MXCSR 24

#define FPU_FCW_INITIAL 0x37f /* all x87 exceptions masked, extended precision */
#define FPU_MXCSR_INITIAL 0x1f80 /* all SIMD exceptions masked, round to nearest */

void platform_fpu_init(struct user_fpu *fpu)
{
	uint16_t fcw = FPU_FCW_INITIAL;
	uint32_t mxcsr = FPU_MXCSR_INITIAL;

	__builtin_memset(fpu->area, 0, sizeof(fpu->area));
	__builtin_memcpy(&fpu->area[FXSAVE_FCW], &fcw, sizeof(fcw));
	__builtin_memcpy(&fpu->area[FXSAVE_MXCSR], &mxcsr, sizeof(mxcsr));
}

void platform_fpu_save(struct user_fpu *fpu)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*fpu));
}

void platform_fpu_restore(const struct user_fpu *fpu)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*fpu));
}
