/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/context.h>: the platform's API, unchanged. Host
 * tests link platform/x86_64/context.c and switch.S themselves (plain SysV
 * x86_64 code that runs in a process), behind the shim in
 * tests/conformance/thread/host/host_context.c that tells AddressSanitizer
 * about each stack switch.
 */
#ifndef TESSERA_CONTEXT_H
#define TESSERA_CONTEXT_H

/* What a new thread runs first, interrupts disabled; it must not return. */
typedef void platform_context_start_fn(void *arg);

#define PLATFORM_STACK_ALIGN 16

/* Lays out a new thread's first frame below stack_top; returns its saved
 * stack pointer, for platform_context_switch(). */
void *platform_context_prepare(void *stack_top, platform_context_start_fn *start, void *arg);

/* Saves the running thread's stack pointer in *save_sp and resumes the
 * one suspended with next_sp; returns when something switches back. */
void platform_context_switch(void **save_sp, void *next_sp);

#endif
