/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The text screen's behaviour, apart from the hardware: characters into
 * cells, line ends, tabs, backspace, wrapping and scrolling. vga.c calls
 * it for each byte written to the console and then moves the cursor.
 */
#include "vga.h"

static uint16_t vga_cell(const struct vga_screen *s, uint8_t ch)
{
	return (uint16_t)(s->attr << 8 | ch);
}

static void vga_blank_row(struct vga_screen *s, unsigned row)
{
	for (unsigned c = 0; c < VGA_COLS; c++)
		s->cells[row * VGA_COLS + c] = vga_cell(s, ' ');
}

/* Every row moves up one, the top one is lost, the bottom one is blank. */
static void vga_scroll_up(struct vga_screen *s)
{
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		s->cells[i] = s->cells[i + VGA_COLS];
	vga_blank_row(s, VGA_ROWS - 1);
}

static void vga_newline(struct vga_screen *s)
{
	s->col = 0;
	if (s->row + 1 < VGA_ROWS)
		s->row++;
	else
		vga_scroll_up(s);
}

static void vga_put_char(struct vga_screen *s, uint8_t ch)
{
	if (s->col == VGA_COLS)
		vga_newline(s);
	s->cells[s->row * VGA_COLS + s->col] = vga_cell(s, ch);
	s->col++;
}

/* Control characters other than these show nothing, as on a terminal. */
static bool vga_is_shown(uint8_t byte)
{
	return byte >= 0x20 && byte != 0x7f;
}

void vga_screen_clear(struct vga_screen *s)
{
	for (unsigned r = 0; r < VGA_ROWS; r++)
		vga_blank_row(s, r);
	s->row = 0;
	s->col = 0;
}

void vga_screen_put(struct vga_screen *s, uint8_t byte)
{
	switch (byte) {
	case '\n':
		vga_newline(s);
		break;
	case '\r':
		s->col = 0;
		break;
	case '\t':
		do
			vga_put_char(s, ' ');
		while (s->col % VGA_TAB_WIDTH != 0);
		break;
	case '\b':
		if (s->col == VGA_COLS)
			s->col--;
		if (s->col > 0)
			s->col--;
		break;
	default:
		if (vga_is_shown(byte))
			vga_put_char(s, byte);
	}
}

unsigned vga_screen_cursor(const struct vga_screen *s)
{
	unsigned col = s->col < VGA_COLS ? s->col : VGA_COLS - 1;

	return s->row * VGA_COLS + col;
}
