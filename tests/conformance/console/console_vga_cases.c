/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What console_vga promises of the VGA text screen (its manifest): a
 * cleared screen of character and colour cells, line ends, tabs,
 * backspace, wrapping, scrolling, the hardware cursor after the text, and
 * nothing registered without a VGA in colour text mode.
 */
#include <string.h>

#include <tessera/kprintf.h>

#include "console_world.h"

#define GREY_ON_BLACK 0x07
#define CRTC_CURSOR_START 0x0a
#define CURSOR_HIDDEN 0x20

static uint16_t cell(unsigned row, unsigned col)
{
	return console_world_vga_cells()[row * VGA_COLS + col];
}

static bool row_is(unsigned row, const char *want)
{
	char text[VGA_COLS + 1];

	console_world_vga_row(row, text, sizeof(text));
	return strcmp(text, want) == 0;
}

static void expect_cursor(struct ktap *t, unsigned row, unsigned col)
{
	ktap_expect(t, vga_model_cursor() == row * VGA_COLS + col, "cursor at cell %u, expected row %u col %u",
		    vga_model_cursor(), row, col);
}

static void vga_init_clears_the_screen_and_shows_the_cursor(struct ktap *t)
{
	unsigned blank = 0;

	for (unsigned i = 0; i < VGA_ROWS * VGA_COLS; i++)
		blank += console_world_vga_cells()[i] == (GREY_ON_BLACK << 8 | ' ');
	ktap_expect(t, blank == VGA_ROWS * VGA_COLS, "%u of %u cells blank after init", blank, VGA_ROWS * VGA_COLS);
	expect_cursor(t, 0, 0);
	ktap_expect(t, !(vga_model.crtc[CRTC_CURSOR_START] & CURSOR_HIDDEN), "the cursor is still hidden");
	ktap_expect(t, strcmp(world.dev->name, "tty0") == 0, "named %s, expected tty0", world.dev->name);
}

static void vga_cells_hold_character_and_colour(struct ktap *t)
{
	console_world_write("Hi");
	ktap_expect(t, cell(0, 0) == (GREY_ON_BLACK << 8 | 'H'), "cell 0 is %#x", cell(0, 0));
	ktap_expect(t, cell(0, 1) == (GREY_ON_BLACK << 8 | 'i'), "cell 1 is %#x", cell(0, 1));
	expect_cursor(t, 0, 2);
}

static void vga_attr_tunable_sets_the_colour(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();

	console_world_set_tunable("console_vga", "attr", 0x1f);
	console_world_start(&opt);
	console_world_write("A");
	ktap_expect(t, cell(0, 0) == (0x1f << 8 | 'A'), "cell 0 is %#x, expected white on blue A", cell(0, 0));
	ktap_expect(t, cell(24, 79) == (0x1f << 8 | ' '), "the cleared screen is not white on blue: %#x", cell(24, 79));
}

static void vga_newline_and_carriage_return_move_to_line_starts(struct ktap *t)
{
	console_world_write("ab\ncd\rX");
	ktap_expect(t, row_is(0, "ab") && row_is(1, "Xd"), "rows are not \"ab\", \"Xd\"");
	expect_cursor(t, 1, 1);
}

static void vga_tab_moves_to_the_next_multiple_of_8(struct ktap *t)
{
	console_world_write("a\tb\tc\t\td");
	ktap_expect(t, row_is(0, "a       b       c               d"), "tabs misplaced");
	expect_cursor(t, 0, 33);
}

static void vga_backspace_moves_left_and_stops_at_the_edge(struct ktap *t)
{
	console_world_write("ab\bX\b\b\b\bY");
	ktap_expect(t, row_is(0, "YX"), "backspace misplaced the text");
	expect_cursor(t, 0, 1);
}

static void vga_long_lines_wrap_without_an_empty_row(struct ktap *t)
{
	char full[VGA_COLS + 2];

	memset(full, 'w', VGA_COLS);
	full[VGA_COLS] = '\0';
	console_world_write(full);
	expect_cursor(t, 0, VGA_COLS - 1);
	console_world_write("\n");
	console_world_write("next");
	ktap_expect(t, row_is(1, "next"), "a full line ended by \\n left an empty row");
	console_world_write("\n0123456789012345678901234567890123456789012345678901234567890123456789012345678901234");
	ktap_expect(t, row_is(3, "01234"), "the 85-character line did not wrap after 80");
	expect_cursor(t, 3, 5);
}

static void vga_scrolls_up_at_the_bottom(struct ktap *t)
{
	char line[8];

	for (int i = 0; i < VGA_ROWS; i++) {
		ksnprintf(line, sizeof(line), "L%02d\n", i);
		console_world_write(line);
	}
	ktap_expect(t, row_is(0, "L01") && row_is(23, "L24"), "rows did not move up one");
	ktap_expect(t, row_is(24, "") && cell(24, 0) == (GREY_ON_BLACK << 8 | ' '), "the new bottom row is not blank");
	expect_cursor(t, 24, 0);
	console_world_write("last");
	ktap_expect(t, row_is(24, "last") && row_is(0, "L01"), "text on the bottom row scrolled early");
}

static void vga_control_bytes_show_nothing_and_high_bytes_show(struct ktap *t)
{
	console_world_write("a\x01\x1b\x7f" "b\xdb");
	ktap_expect(t, row_is(0, "ab\xdb"), "control bytes showed or a code page 437 byte did not");
}

/* Port I/O is slow on real and virtual machines: one cursor update (two
 * register writes) per write call, not per character. */
static void vga_moves_the_cursor_once_per_write(struct ktap *t)
{
	unsigned before = vga_model.cursor_moves;

	console_world_write("a line of forty characters, give or take\n");
	ktap_expect(t, vga_model.cursor_moves - before == 2, "%u cursor register writes for one write",
		    vga_model.cursor_moves - before);
}

static void vga_in_graphics_mode_registers_nothing(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();

	opt.vga_graphics = true;
	console_world_start(&opt);
	ktap_expect(t, world.init_err == 0 && world.ndevs == 0, "registered a text console on a graphics mode");
	ktap_expect(t, console_world_log_lines() == 1 && console_world_log_has("not in colour text mode"), "log: %s",
		    host_kprintf_log());
	ktap_expect(t, console_world_vga_cells()[0] == 0x4e23, "the screen of a graphics mode was written");
}

static void vga_absent_says_there_is_no_vga(struct ktap *t)
{
	struct port_model_options bare = { 0 };

	console_world_start(&bare);
	ktap_expect(t, world.ndevs == 0 && console_world_log_has("no VGA"), "log: %s", host_kprintf_log());
}

static void vga_probe_restores_the_cursor_register(struct ktap *t)
{
	struct port_model_options opt = port_model_defaults();

	opt.vga_graphics = true;
	console_world_start(&opt);
	ktap_expect(t, vga_model_cursor() == 0x0321, "the probe left the cursor at %#x", vga_model_cursor());
}

const struct ktap_case console_vga_cases[] = {
	KTAP_CASE(vga_init_clears_the_screen_and_shows_the_cursor),
	KTAP_CASE(vga_cells_hold_character_and_colour),
	KTAP_CASE(vga_attr_tunable_sets_the_colour),
	KTAP_CASE(vga_newline_and_carriage_return_move_to_line_starts),
	KTAP_CASE(vga_tab_moves_to_the_next_multiple_of_8),
	KTAP_CASE(vga_backspace_moves_left_and_stops_at_the_edge),
	KTAP_CASE(vga_long_lines_wrap_without_an_empty_row),
	KTAP_CASE(vga_scrolls_up_at_the_bottom),
	KTAP_CASE(vga_control_bytes_show_nothing_and_high_bytes_show),
	KTAP_CASE(vga_moves_the_cursor_once_per_write),
	KTAP_CASE(vga_in_graphics_mode_registers_nothing),
	KTAP_CASE(vga_absent_says_there_is_no_vga),
	KTAP_CASE(vga_probe_restores_the_cursor_register),
	{ 0 },
};
