/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console suite's world: a machine (doubles/platform/port_model.h and
 * the memmap double's text buffer), the provider under test initialised
 * on it, and what its device shows, read back from the hardware models.
 * console_suite.c and the per-provider cases use it.
 */
#ifndef CONSOLE_WORLD_H
#define CONSOLE_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/console.h>

#include "doubles/platform/port_model.h"
#include "ktap.h"

#define VGA_TEXT_PHYS 0xb8000
#define VGA_COLS 80
#define VGA_ROWS 25

struct console_world {
	const char *component; /* the provider under test */
	int init_err; /* the first error of the init table, 0 if none */
	size_t ndevs; /* devices registered by init */
	struct console_dev *dev; /* the first of them, or NULL */
};

extern struct console_world world;

/* A fresh machine with this hardware, the registry emptied, the tunables
 * at their configured values plus any set since the last setup, the
 * screen full of junk, the log empty, and the init table run. */
void console_world_start(const struct port_model_options *opt);
/* Runs the init table on the machine as it is: the registry emptied and
 * the log cleared first. console_world_start() ends with it. */
void console_world_run_inits(void);
/* KTAP setup: console_world_start() on the default machine, the
 * tunables first restored to their configured values. */
void *console_world_setup(void);
/* Sets component.name (an integer tunable); false if there is none. */
bool console_world_set_tunable(const char *component, const char *name, int64_t value);

/* console_write() of a C string on the device under test. */
long console_world_write(const char *text);
/* What the device shows, as text with "\n" line ends, NUL-terminated:
 * a serial line's bytes with "\r\n" read as "\n"; a screen's rows up to
 * the cursor's, blanks at their ends left out. False if the provider
 * has no reader here (add one to console_world.c). */
bool console_world_shown(char *buf, size_t size);

/* The VGA text buffer (through memmap, as the driver reaches it). */
volatile uint16_t *console_world_vga_cells(void);
/* Row row of the screen as text, blanks at its end left out. */
void console_world_vga_row(unsigned row, char *buf, size_t size);

/* How many lines the log holds, and whether one contains text. */
unsigned console_world_log_lines(void);
bool console_world_log_has(const char *text);

/* Every case of the suite (console_suite.c) and of each provider. */
extern const struct ktap_case console_generic_cases[];
extern const struct ktap_case console_serial_cases[];
extern const struct ktap_case console_vga_cases[];

#endif
