/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console suite's world (console_world.h): brings the machine and the
 * provider under test up for each case, and reads back what a device
 * shows from the UART model's wire or the VGA text buffer.
 */
#include <stdio.h>
#include <string.h>

#include <tessera/composition.h>
#include <tessera/kprintf.h>
#include <tessera/memmap.h>

#include "console_world.h"

/* What fills the screen before init: a driver must clear it. */
#define VGA_JUNK 0x4e23

struct console_world world;

/* The configured tunable values, restored before each case. */
static uint8_t tunable_defaults[64][8];
static bool tunable_defaults_saved;

static void console_world_save_tunables(void)
{
	for (size_t i = 0; i < tessera_ntunables && i < 64; i++)
		memcpy(tunable_defaults[i], tessera_tunables[i].value, tessera_tunables[i].size);
	tunable_defaults_saved = true;
}

static void console_world_restore_tunables(void)
{
	for (size_t i = 0; i < tessera_ntunables && i < 64; i++)
		memcpy(tessera_tunables[i].value, tunable_defaults[i], tessera_tunables[i].size);
}

bool console_world_set_tunable(const char *component, const char *name, int64_t value)
{
	for (size_t i = 0; i < tessera_ntunables; i++) {
		const struct tessera_tunable *t = &tessera_tunables[i];

		if (strcmp(t->component, component) != 0 || strcmp(t->name, name) != 0)
			continue;
		switch (t->size) {
		case 1: *(uint8_t *)t->value = (uint8_t)value; return true;
		case 2: *(uint16_t *)t->value = (uint16_t)value; return true;
		case 4: *(uint32_t *)t->value = (uint32_t)value; return true;
		case 8: *(uint64_t *)t->value = (uint64_t)value; return true;
		default: return false;
		}
	}
	return false;
}

volatile uint16_t *console_world_vga_cells(void)
{
	return (volatile uint16_t *)(uintptr_t)memmap_phys_to_virt(VGA_TEXT_PHYS);
}

static void console_world_unregister_all(void)
{
	struct console_dev *dev;

	while ((dev = console_dev_first()))
		console_unregister(dev);
}

void console_world_start(const struct port_model_options *opt)
{
	volatile uint16_t *cells = console_world_vga_cells();

	port_model_reset(opt);
	for (unsigned i = 0; i < VGA_ROWS * VGA_COLS; i++)
		cells[i] = VGA_JUNK;
	console_world_run_inits();
}

void console_world_run_inits(void)
{
	host_kprintf_clear();
	console_world_unregister_all();
	world = (struct console_world){ .component = console_providers[0].name };
	for (size_t i = 0; i < tessera_ninit && !world.init_err; i++)
		world.init_err = tessera_init_table[i].fn();
	world.dev = console_dev_first();
	for (struct console_dev *d = world.dev; d; d = console_dev_next(d))
		world.ndevs++;
}

void *console_world_setup(void)
{
	struct port_model_options opt = port_model_defaults();

	if (!tunable_defaults_saved)
		console_world_save_tunables();
	console_world_restore_tunables();
	console_world_start(&opt);
	return &world;
}

long console_world_write(const char *text)
{
	return console_write(world.dev, (const uint8_t *)text, strlen(text));
}

static void console_world_serial_shown(char *buf, size_t size)
{
	size_t n = 0;

	uart_model_drain();
	for (size_t i = 0; i < uart_model.wire_len && n + 1 < size; i++) {
		bool crlf = uart_model.wire[i] == '\r' && i + 1 < uart_model.wire_len && uart_model.wire[i + 1] == '\n';

		if (!crlf)
			buf[n++] = (char)uart_model.wire[i];
	}
	buf[n] = '\0';
}

void console_world_vga_row(unsigned row, char *buf, size_t size)
{
	volatile uint16_t *cells = console_world_vga_cells() + row * VGA_COLS;
	size_t len = VGA_COLS;

	while (len > 0 && (cells[len - 1] & 0xff) == ' ')
		len--;
	if (len >= size)
		len = size - 1;
	for (size_t c = 0; c < len; c++)
		buf[c] = (char)(cells[c] & 0xff);
	buf[len] = '\0';
}

static void console_world_vga_shown(char *buf, size_t size)
{
	unsigned cursor_row = vga_model_cursor() / VGA_COLS;
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned r = 0; r <= cursor_row && r < VGA_ROWS; r++) {
		char row[VGA_COLS + 1];

		console_world_vga_row(r, row, sizeof(row));
		n += (size_t)snprintf(buf + n, size - n, "%s%s", row, r < cursor_row ? "\n" : "");
		if (n >= size)
			return;
	}
}

bool console_world_shown(char *buf, size_t size)
{
	if (strcmp(world.component, "console_serial") == 0)
		console_world_serial_shown(buf, size);
	else if (strcmp(world.component, "console_vga") == 0)
		console_world_vga_shown(buf, size);
	else
		return false;
	return true;
}

unsigned console_world_log_lines(void)
{
	unsigned n = 0;

	for (const char *p = host_kprintf_log(); *p; p++)
		n += *p == '\n';
	return n;
}

bool console_world_log_has(const char *text)
{
	return strstr(host_kprintf_log(), text) != NULL;
}
