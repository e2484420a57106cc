/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The CPU as Linux's /proc/cpuinfo describes it (cpuinfo.c), from CPUID and
 * the TSC frequency measured at boot. For procfs.
 */
#ifndef TESSERA_CPUINFO_H
#define TESSERA_CPUINFO_H

#include <stddef.h>

/**
 * platform_cpuinfo_show() - Write /proc/cpuinfo's text for the one CPU.
 * @buf: where the text goes, NUL-terminated; cut short when it does not fit.
 * @size: the room at @buf.
 *
 * Return: the length of the whole text (it was cut when >= @size).
 */
size_t platform_cpuinfo_show(char *buf, size_t size);

#endif
