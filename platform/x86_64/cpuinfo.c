/* SPDX-License-Identifier: Apache-2.0 */
/*
 * /proc/cpuinfo's text: vendor, family, model and stepping (with the
 * extended fields folded in as the SDM says), the brand string, the TSC
 * rate as "cpu MHz", and the feature flags CPUID reports, by Linux's names.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/cpuinfo.h>
#include <tessera/kprintf.h>

#include "cpu.h"

struct cpuinfo_flag {
	uint8_t reg; /* 'c' ECX or 'd' EDX of leaf 1, 'b' EBX of leaf 7 */
	uint8_t bit;
	const char *name;
};

static const struct cpuinfo_flag cpuinfo_flags[] = {
	{ 'd', 0, "fpu" },	{ 'd', 4, "tsc" },     { 'd', 5, "msr" },	   { 'd', 6, "pae" },
	{ 'd', 8, "cx8" },	{ 'd', 9, "apic" },    { 'd', 11, "sep" },	   { 'd', 12, "mtrr" },
	{ 'd', 13, "pge" },	{ 'd', 15, "cmov" },   { 'd', 16, "pat" },	   { 'd', 19, "clflush" },
	{ 'd', 23, "mmx" },	{ 'd', 24, "fxsr" },   { 'd', 25, "sse" },	   { 'd', 26, "sse2" },
	{ 'c', 0, "pni" },	{ 'c', 1, "pclmulqdq" }, { 'c', 9, "ssse3" },	   { 'c', 12, "fma" },
	{ 'c', 13, "cx16" },	{ 'c', 19, "sse4_1" }, { 'c', 20, "sse4_2" },	   { 'c', 22, "movbe" },
	{ 'c', 23, "popcnt" },	{ 'c', 25, "aes" },    { 'c', 26, "xsave" },	   { 'c', 28, "avx" },
	{ 'c', 29, "f16c" },	{ 'c', 30, "rdrand" }, { 'c', 31, "hypervisor" }, { 'b', 0, "fsgsbase" },
	{ 'b', 3, "bmi1" },	{ 'b', 5, "avx2" },    { 'b', 7, "smep" },	   { 'b', 8, "bmi2" },
	{ 'b', 9, "erms" },	{ 'b', 18, "rdseed" }, { 'b', 19, "adx" },	   { 'b', 20, "smap" },
};

/* Appends with ksnprintf, keeping count of what did not fit. */
struct cpuinfo_out {
	char *buf;
	size_t size, len;
};

__attribute__((format(printf, 2, 3))) static void cpuinfo_put(struct cpuinfo_out *out, const char *fmt, ...)
{
	bool room = out->len < out->size;
	va_list ap;

	va_start(ap, fmt);
	out->len += (size_t)kvsnprintf(room ? out->buf + out->len : NULL, room ? out->size - out->len : 0, fmt, ap);
	va_end(ap);
}

static void cpuinfo_brand(char brand[49])
{
	brand[0] = 0;
	if (!cpu_has_cpuid_leaf(0x80000004))
		return;
	for (uint32_t i = 0; i < 3; i++) {
		struct cpu_cpuid r = cpu_cpuid(0x80000002 + i);
		uint32_t words[4] = { r.eax, r.ebx, r.ecx, r.edx };

		__builtin_memcpy(brand + 16 * i, words, 16);
	}
	brand[48] = 0;
}

static void cpuinfo_show_flags(struct cpuinfo_out *out)
{
	struct cpu_cpuid l1 = cpu_cpuid(1);
	uint32_t l7b = cpu_has_cpuid_leaf(7) ? cpu_cpuid(7).ebx : 0;

	cpuinfo_put(out, "flags\t\t:");
	for (size_t i = 0; i < sizeof(cpuinfo_flags) / sizeof(cpuinfo_flags[0]); i++) {
		const struct cpuinfo_flag *f = &cpuinfo_flags[i];
		uint32_t reg = f->reg == 'c' ? l1.ecx : f->reg == 'd' ? l1.edx : l7b;

		if (reg >> f->bit & 1)
			cpuinfo_put(out, " %s", f->name);
	}
	cpuinfo_put(out, "\n");
}

size_t platform_cpuinfo_show(char *buf, size_t size)
{
	struct cpuinfo_out out = { buf, size, 0 };
	struct cpu_cpuid l0 = cpu_cpuid(0), l1 = cpu_cpuid(1);
	uint32_t vendor[4] = { l0.ebx, l0.edx, l0.ecx, 0 };
	uint32_t family = l1.eax >> 8 & 0xf, model = l1.eax >> 4 & 0xf;
	uint64_t khz = platform_tsc_hz() / 1000;
	char brand[49];

	if (family == 0xf)
		family += l1.eax >> 20 & 0xff;
	if (family == 0x6 || family >= 0xf)
		model |= (l1.eax >> 16 & 0xf) << 4;
	cpuinfo_brand(brand);
	cpuinfo_put(&out, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n", (char *)vendor,
		    family, model);
	cpuinfo_put(&out, "model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %llu.%03llu\n", brand, l1.eax & 0xf,
		    (unsigned long long)(khz / 1000), (unsigned long long)(khz % 1000));
	cpuinfo_put(&out, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\napicid\t\t: %u\n",
		    l1.ebx >> 24);
	cpuinfo_put(&out, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n", l0.eax);
	cpuinfo_show_flags(&out);
	cpuinfo_put(&out, "clflush size\t: %u\naddress sizes\t: %u bits physical, %u bits virtual\n\n",
		    (l1.ebx >> 8 & 0xff) * 8, cpu_has_cpuid_leaf(0x80000008) ? cpu_cpuid(0x80000008).eax & 0xff : 36,
		    cpu_has_cpuid_leaf(0x80000008) ? cpu_cpuid(0x80000008).eax >> 8 & 0xff : 48);
	return out.len;
}
