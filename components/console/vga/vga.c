/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console_vga component: finds a VGA in colour text mode, clears its
 * screen and registers it as the console device tty0. The kernel core
 * writes the log to it through the console interface; the screen logic is
 * vga_text.c, the text buffer is reached through memmap, the CRT
 * controller through <tessera/ioport.h>.
 */
#include <tessera/components/console_vga.h>
#include <tessera/ioport.h>
#include <tessera/kprintf.h>

#include "vga.h"

/* Where the text buffer of colour text modes is. */
#define VGA_TEXT_PHYS 0xb8000
/* The colour CRT controller's index and data ports (0x3b4/0x3b5 are the
 * monochrome ones), and its registers used here. */
#define VGA_CRTC_INDEX 0x3d4
#define VGA_CRTC_DATA 0x3d5
#define CRTC_CURSOR_START 0x0a /* bit 5 hides the cursor; bits 0-4: first scan line */
#define CRTC_CURSOR_END 0x0b /* bits 0-4: last scan line */
#define CRTC_CURSOR_HIGH 0x0e /* the cursor's cell, high byte */
#define CRTC_CURSOR_LOW 0x0f
/* The graphics controller; its miscellaneous register says text or
 * graphics (bit 0) and where the buffer is (bits 2-3, 3: 0xb8000). */
#define VGA_GC_INDEX 0x3ce
#define VGA_GC_DATA 0x3cf
#define GC_MISC 0x06
#define GC_MISC_MODE_MASK 0x0d
#define GC_MISC_TEXT_AT_B8000 0x0c
/* An underline cursor: the last two of a character's 16 scan lines. */
#define VGA_CURSOR_FIRST_LINE 14
#define VGA_CURSOR_LAST_LINE 15

static struct vga_screen vga_screen;
static struct console_dev vga_dev;

static uint8_t vga_crtc_read(uint8_t reg)
{
	ioport_outb(VGA_CRTC_INDEX, reg);
	return ioport_inb(VGA_CRTC_DATA);
}

static void vga_crtc_write(uint8_t reg, uint8_t value)
{
	ioport_outb(VGA_CRTC_INDEX, reg);
	ioport_outb(VGA_CRTC_DATA, value);
}

/* An empty port reads 0xff whatever is written: a CRT controller's
 * cursor register holds two different values (and gets its own back). */
static bool vga_crtc_answers(void)
{
	uint8_t saved = vga_crtc_read(CRTC_CURSOR_LOW);
	bool holds;

	vga_crtc_write(CRTC_CURSOR_LOW, 0x5a);
	holds = vga_crtc_read(CRTC_CURSOR_LOW) == 0x5a;
	vga_crtc_write(CRTC_CURSOR_LOW, 0xa5);
	holds = holds && vga_crtc_read(CRTC_CURSOR_LOW) == 0xa5;
	vga_crtc_write(CRTC_CURSOR_LOW, saved);
	return holds;
}

/* A loader may have left the VGA in a graphics mode (a framebuffer):
 * writing text cells would then show nothing. */
static bool vga_is_colour_text_mode(void)
{
	ioport_outb(VGA_GC_INDEX, GC_MISC);
	return (ioport_inb(VGA_GC_DATA) & GC_MISC_MODE_MASK) == GC_MISC_TEXT_AT_B8000;
}

/* Memory that is not there does not keep what is written to it. */
static bool vga_buffer_holds(volatile uint16_t *cells)
{
	uint16_t saved = cells[0];
	bool holds;

	cells[0] = 0x5aa5;
	holds = cells[0] == 0x5aa5;
	cells[0] = 0xa55a;
	holds = holds && cells[0] == 0xa55a;
	cells[0] = saved;
	return holds;
}

static void vga_cursor_show(void)
{
	vga_crtc_write(CRTC_CURSOR_START, VGA_CURSOR_FIRST_LINE);
	vga_crtc_write(CRTC_CURSOR_END, VGA_CURSOR_LAST_LINE);
}

static void vga_cursor_move(unsigned cell)
{
	vga_crtc_write(CRTC_CURSOR_HIGH, (uint8_t)(cell >> 8));
	vga_crtc_write(CRTC_CURSOR_LOW, (uint8_t)(cell & 0xff));
}

/* The one log line of init when there is no text screen to use, or NULL
 * when there is one; sets the screen's cells then. */
static const char *vga_find_text_screen(struct vga_screen *s)
{
	if (!vga_crtc_answers())
		return "no VGA (no CRT controller at 0x3d4)";
	if (!vga_is_colour_text_mode())
		return "the VGA is not in colour text mode";
	s->cells = (volatile uint16_t *)(uintptr_t)memmap_phys_to_virt(VGA_TEXT_PHYS);
	if (!vga_buffer_holds(s->cells))
		return "no VGA text buffer at 0xb8000";
	return NULL;
}

/**
 * vga_init() - Find the VGA text screen, clear it and register it as tty0.
 *
 * A machine without one is not an error: this console is left out and
 * the boot goes on.
 *
 * Return: 0, or the registry's error (-EEXIST: a tty0 is already registered).
 */
int vga_init(void)
{
	struct vga_screen *s = &vga_screen;
	const char *absent;
	int err;

	*s = (struct vga_screen){ .attr = console_vga_attr };
	absent = vga_find_text_screen(s);
	if (absent) {
		kprintf("console_vga: %s, no console registered\n", absent);
		return 0;
	}
	vga_screen_clear(s);
	vga_cursor_show();
	vga_cursor_move(vga_screen_cursor(s));
	vga_dev = (struct console_dev){ .name = "tty0", .ops = &console_vga_console_ops, .priv = s };
	err = console_register(&vga_dev);
	if (err)
		return err;
	kprintf("console_vga: tty0, %ux%u text at %#x, colour %#x\n", VGA_COLS, VGA_ROWS, VGA_TEXT_PHYS,
		s->attr);
	return 0;
}

/**
 * vga_write() - Show bytes on the screen and move the cursor after them.
 * @dev: the screen's console device.
 * @buf: the bytes.
 * @buf_len: how many.
 *
 * Context: any; it only writes memory and the CRT controller's ports.
 * Return: @buf_len.
 */
long vga_write(struct console_dev *dev, const uint8_t *buf, size_t buf_len)
{
	struct vga_screen *s = dev->priv;

	for (size_t i = 0; i < buf_len; i++)
		vga_screen_put(s, buf[i]);
	vga_cursor_move(vga_screen_cursor(s));
	return (long)buf_len;
}
