/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A console double for the devfs suite: writes land in a buffer the test
 * reads back, reads return what the test queued.
 */
#include <string.h>

#include <tessera/components/fs_double_console.h>

#include "capture_console.h"

static char capture_out[4096];
static size_t capture_out_len;
static char capture_in[256];
static size_t capture_in_len, capture_in_pos;
static struct console_dev capture_dev;

int capture_console_init(void)
{
	capture_dev = (struct console_dev){ .name = "capture0", .ops = &fs_double_console_console_ops };
	return console_register(&capture_dev);
}

long capture_console_write(struct console_dev *dev, const uint8_t *buf, size_t buf_len)
{
	size_t room = sizeof(capture_out) - 1 - capture_out_len;
	size_t n = buf_len < room ? buf_len : room;

	(void)dev;
	memcpy(capture_out + capture_out_len, buf, n);
	capture_out_len += n;
	capture_out[capture_out_len] = 0;
	return (long)buf_len;
}

long capture_console_read(struct console_dev *dev, uint8_t *buf, size_t buf_len)
{
	size_t n = capture_in_len - capture_in_pos;

	(void)dev;
	if (n == 0)
		return -EAGAIN;
	if (n > buf_len)
		n = buf_len;
	memcpy(buf, capture_in + capture_in_pos, n);
	capture_in_pos += n;
	return (long)n;
}

const char *capture_console_output(void)
{
	return capture_out;
}

void capture_console_reset(void)
{
	capture_out_len = 0;
	capture_out[0] = 0;
}

void capture_console_queue(const char *input)
{
	capture_in_len = strlen(input) < sizeof(capture_in) ? strlen(input) : sizeof(capture_in);
	memcpy(capture_in, input, capture_in_len);
	capture_in_pos = 0;
}
