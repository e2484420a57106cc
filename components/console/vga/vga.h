/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VGA text screen as vga_text.c keeps it (characters, colour, where the
 * next one goes) and vga.c shows it: the cells are the VGA's text buffer.
 */
#ifndef CONSOLE_VGA_VGA_H
#define CONSOLE_VGA_VGA_H

#include <stdbool.h>
#include <stdint.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_TAB_WIDTH 8

/*
 * A screen of VGA_ROWS x VGA_COLS cells, row by row, each the character
 * in its low byte and the colour attribute in its high byte. col may be
 * VGA_COLS after the last column was written: the wrap to the next row
 * waits for the next character, so that a full line ended by "\n" does
 * not leave an empty row (as terminals do it).
 */
struct vga_screen {
	volatile uint16_t *cells;
	unsigned row, col;
	uint8_t attr;
};

/* Blanks every cell in the screen's colour; the next character goes top left. */
void vga_screen_clear(struct vga_screen *s);
/* Shows one byte: a character, or the effect of "\n", "\r", "\t", "\b". */
void vga_screen_put(struct vga_screen *s, uint8_t byte);
/* Where the cursor belongs: the cell the next character goes to, from 0
 * (top left) row by row. */
unsigned vga_screen_cursor(const struct vga_screen *s);

#endif
