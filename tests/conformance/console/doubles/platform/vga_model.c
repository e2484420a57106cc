/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VGA registers of the console suite's machine (port_model.h): the
 * colour CRT controller (index 0x3d4, data 0x3d5) and the graphics
 * controller (0x3ce, 0x3cf), as indexed register files. Its text buffer is
 * the memmap double's (doubles/memmap).
 */
#include <string.h>

#include "port_model.h"

#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5
#define GC_INDEX 0x3ce
#define GC_DATA 0x3cf
#define CRTC_CURSOR_START 0x0a
#define CRTC_CURSOR_HIGH 0x0e
#define CRTC_CURSOR_LOW 0x0f
#define GC_MISC 0x06
/* Mode 3 (80x25 colour text): text, odd/even, buffer at 0xb8000. */
#define GC_MISC_TEXT 0x0e
/* Mode 0x12 (640x480 graphics): graphics, buffer at 0xa0000. */
#define GC_MISC_GRAPHICS 0x05

struct vga_model vga_model;

void vga_model_reset(const struct port_model_options *opt)
{
	memset(&vga_model, 0, sizeof(vga_model));
	vga_model.present = opt->vga;
	/* As a loader may leave it: the cursor hidden, somewhere mid-screen. */
	vga_model.crtc[CRTC_CURSOR_START] = 0x20;
	vga_model.crtc[CRTC_CURSOR_HIGH] = 0x03;
	vga_model.crtc[CRTC_CURSOR_LOW] = 0x21;
	vga_model.gc[GC_MISC] = opt->vga_graphics ? GC_MISC_GRAPHICS : GC_MISC_TEXT;
}

static uint8_t vga_model_get(const uint8_t *regs, size_t n, uint8_t index)
{
	return index < n ? regs[index] : 0xff;
}

bool vga_model_in(uint16_t port, uint8_t *value)
{
	struct vga_model *v = &vga_model;

	if (!v->present)
		return false;
	switch (port) {
	case CRTC_INDEX: *value = v->crtc_index; return true;
	case CRTC_DATA: *value = vga_model_get(v->crtc, sizeof(v->crtc), v->crtc_index); return true;
	case GC_INDEX: *value = v->gc_index; return true;
	case GC_DATA: *value = vga_model_get(v->gc, sizeof(v->gc), v->gc_index); return true;
	default: return false;
	}
}

static void vga_model_crtc_write(uint8_t value)
{
	struct vga_model *v = &vga_model;

	if (v->crtc_index >= sizeof(v->crtc))
		return;
	v->crtc[v->crtc_index] = value;
	if (v->crtc_index == CRTC_CURSOR_HIGH || v->crtc_index == CRTC_CURSOR_LOW)
		v->cursor_moves++;
}

bool vga_model_out(uint16_t port, uint8_t value)
{
	struct vga_model *v = &vga_model;

	if (!v->present)
		return false;
	switch (port) {
	case CRTC_INDEX: v->crtc_index = value; return true;
	case CRTC_DATA: vga_model_crtc_write(value); return true;
	case GC_INDEX: v->gc_index = value; return true;
	case GC_DATA:
		if (v->gc_index < sizeof(v->gc))
			v->gc[v->gc_index] = value;
		return true;
	default: return false;
	}
}

unsigned vga_model_cursor(void)
{
	return (unsigned)vga_model.crtc[CRTC_CURSOR_HIGH] << 8 | vga_model.crtc[CRTC_CURSOR_LOW];
}
