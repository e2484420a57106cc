/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel log on the registered consoles. kmain() calls
 * core_console_start() once the inits registered them; from then on
 * kprintf() (platform/x86_64/kprintf.c) calls console_log_show() after
 * each call, which brings every console device up to the end of the log.
 */
#include <tessera/components/kernel_core.h>
#include <tessera/kprintf.h>
#include <tessera/log.h>

#include "core.h"

/* Devices followed at once; a further one is left out of the log (and
 * core_console_start() says so). Bounded because the log path may not
 * allocate: it runs in interrupt handlers and panics. */
#define CONSOLE_LOG_MAX_DEVICES 8
/* Bytes copied from the ring per console write. */
#define CONSOLE_LOG_CHUNK 256

/*
 * Where each device stands in the log. Used only from console_log_show(),
 * which kprintf() runs with interrupts disabled, so nothing races it.
 */
static struct console_log_device {
	struct console_dev *dev; /* NULL: a free slot */
	uint64_t pos; /* the log up to here is on the device */
	bool seen; /* still registered, at the last look */
} console_log_devices[CONSOLE_LOG_MAX_DEVICES];

static struct console_log_device *console_log_find(const struct console_dev *dev)
{
	for (size_t i = 0; i < CONSOLE_LOG_MAX_DEVICES; i++)
		if (console_log_devices[i].dev == dev)
			return &console_log_devices[i];
	return NULL;
}

/*
 * A device seen for the first time gets the whole log, except the one the
 * early console already printed everything on: it continues from the end,
 * and the early console stops, so no line shows twice.
 */
static struct console_log_device *console_log_adopt(struct console_dev *dev)
{
	struct console_log_device *d = console_log_find(NULL);
	const char *early = klog_early_console();

	if (!d)
		return NULL;
	d->dev = dev;
	d->pos = 0;
	if (early && core_str_eq(dev->name, early)) {
		d->pos = klog_end();
		klog_early_console_retire();
	}
	return d;
}

/* A device that fails skips to the end: it gets the next lines, if any,
 * instead of retrying the same bytes with each kprintf(). */
static void console_log_catch_up(struct console_log_device *d)
{
	char chunk[CONSOLE_LOG_CHUNK];
	size_t n;

	while ((n = klog_read(&d->pos, chunk, sizeof(chunk))) > 0) {
		if (console_write(d->dev, (const uint8_t *)chunk, n) < 0) {
			d->pos = klog_end();
			return;
		}
	}
}

/* The klog_console_fn: devices registered since the last call join,
 * unregistered ones leave, and every one catches up with the log. */
static void console_log_show(void)
{
	for (size_t i = 0; i < CONSOLE_LOG_MAX_DEVICES; i++)
		console_log_devices[i].seen = false;
	for (struct console_dev *dev = console_dev_first(); dev; dev = console_dev_next(dev)) {
		struct console_log_device *d = console_log_find(dev);

		if (!d)
			d = console_log_adopt(dev);
		if (!d)
			continue;
		d->seen = true;
		console_log_catch_up(d);
	}
	for (size_t i = 0; i < CONSOLE_LOG_MAX_DEVICES; i++)
		if (!console_log_devices[i].seen)
			console_log_devices[i].dev = NULL;
}

/* The component that registered dev: the provider whose ops it uses. */
static const char *console_log_component(const struct console_dev *dev)
{
	for (size_t i = 0; i < console_nproviders; i++)
		if (console_providers[i].ops == dev->ops)
			return console_providers[i].name;
	return "?";
}

/**
 * core_console_start() - Hand the kernel log over to the registered consoles.
 *
 * Prints one `bind console -> <component> (<device>)` line per registered
 * console device, then has kprintf() show the log on all of them: each
 * gets what was logged before it came up, except the device that is the
 * early console's UART, on which the log simply continues. With no device
 * (no console selected, or none found its hardware) the early console
 * stays the only one.
 *
 * Context: boot, after the init table ran.
 */
void core_console_start(void)
{
	size_t ndev = 0;

	for (struct console_dev *dev = console_dev_first(); dev; dev = console_dev_next(dev), ndev++)
		kprintf("bind console -> %s (%s)\n", console_log_component(dev), dev->name);
	if (ndev > CONSOLE_LOG_MAX_DEVICES)
		kprintf("console: %zu devices, the log shows on the first %d\n", ndev, CONSOLE_LOG_MAX_DEVICES);
	klog_set_console(console_log_show);
}
