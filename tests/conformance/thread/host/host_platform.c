/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The simulated machine of the thread and sync suites: a clock that moves
 * only with the ticks tests deliver, the interrupt flag, the tick handler
 * and irq exit hook the kernel-thread provider installs, panic() and
 * kprintf(). The components reach it through tests/host/include/tessera/;
 * tests through host_platform.h.
 */
#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include <stdio.h>
#include <stdlib.h>

#include "host_platform.h"

/* Every thread blocked with nothing due to wake it: idle would tick for
 * ever. Ten simulated minutes without a context switch is far beyond any
 * timeout the suites use. */
#define HOST_DEADLOCK_NS (600ull * 1000000000ull)

unsigned long host_irq_rflags; /* interrupts off, as at boot */

static struct {
	uint64_t now_ns;
	uint64_t ticks;
	uint64_t last_switch_ns;
	platform_tick_fn *tick_handler;
	irq_exit_fn *exit_hook;
} host;

uint64_t platform_clock_ns(void)
{
	return host.now_ns;
}

void platform_set_tick_handler(platform_tick_fn *fn)
{
	host.tick_handler = fn;
}

uint64_t platform_ticks(void)
{
	return host.ticks;
}

unsigned platform_tick_hz(void)
{
	return HOST_TICK_HZ;
}

void irq_set_exit_hook(irq_exit_fn *fn)
{
	host.exit_hook = fn;
}

const char *irq_controller_name(void)
{
	return "host simulation";
}

void host_interrupt(void (*handler)(void *ctx), void *ctx)
{
	struct trap_frame frame = { .rflags = IRQ_RFLAGS_IF };

	if (!irq_is_enabled())
		panic("host: an interrupt was delivered with interrupts disabled");
	irq_disable();
	handler(ctx);
	/* The exit hook may switch away: this thread carries on from here
	 * when it is switched back to, as from an interrupt return. */
	if (host.exit_hook)
		host.exit_hook(&frame);
	irq_enable();
}

static void host_deliver_tick(void *ctx)
{
	(void)ctx;
	host.now_ns += HOST_TICK_NS;
	host.ticks++;
	if (host.tick_handler)
		host.tick_handler(host.now_ns);
}

void host_tick(void)
{
	host_interrupt(host_deliver_tick, NULL);
}

void host_idle_wait(void)
{
	if (host.now_ns - host.last_switch_ns > HOST_DEADLOCK_NS)
		panic("host: deadlock: no thread ran for %llu simulated seconds",
		      (unsigned long long)(HOST_DEADLOCK_NS / 1000000000ull));
	host_tick();
}

void host_platform_note_switch(void)
{
	host.last_switch_ns = host.now_ns;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("PANIC: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

int kvprintf(const char *fmt, va_list ap)
{
	return vprintf(fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
