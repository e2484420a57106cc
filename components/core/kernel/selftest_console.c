/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Self-tests of the consoles and the kernel log (console_log.c): a console
 * registered late gets the whole log replayed and then what is printed,
 * and the VGA text screen, where there is one, shows what kprintf() prints.
 */
#include <tessera/kprintf.h>
#include <tessera/log.h>

#include "core.h"
#include "selftest.h"

#define SELFTEST_VGA_TEXT_PHYS 0xb8000
#define SELFTEST_VGA_COLS 80
#define SELFTEST_VGA_ROWS 25

/* A console device in memory, keeping what it is given. */
static struct {
	char text[KLOG_SIZE];
	size_t len;
} selftest_capture;

static long selftest_capture_write(struct console_dev *dev, const uint8_t *buf, size_t buf_len)
{
	(void)dev;
	for (size_t i = 0; i < buf_len && selftest_capture.len < sizeof(selftest_capture.text); i++)
		selftest_capture.text[selftest_capture.len++] = (char)buf[i];
	return (long)buf_len;
}

static const struct console_ops selftest_capture_ops = { .write = selftest_capture_write };

static bool selftest_text_has(const char *text, size_t len, const char *want)
{
	size_t n = core_str_len(want);

	for (size_t i = 0; i + n <= len; i++)
		if (__builtin_memcmp(text + i, want, n) == 0)
			return true;
	return false;
}

/* The device gets the log from its oldest line on, then what is printed
 * while it is registered, and nothing once unregistered. */
static bool console_registered_late_gets_the_whole_log(void)
{
	struct console_dev dev = { .name = "selftest0", .ops = &selftest_capture_ops };
	char oldest[64];
	uint64_t pos = 0;
	size_t noldest = klog_read(&pos, oldest, sizeof(oldest));

	selftest_capture.len = 0;
	if (console_register(&dev) != 0)
		return selftest_fail("console_register failed");
	kprintf("    # console self-test: while registered\n");
	console_unregister(&dev);
	kprintf("    # console self-test: after unregistering\n");
	if (selftest_capture.len < noldest || __builtin_memcmp(selftest_capture.text, oldest, noldest) != 0)
		return selftest_fail("the replay did not start with the log's oldest line");
	if (!selftest_text_has(selftest_capture.text, selftest_capture.len, "console self-test: while registered"))
		return selftest_fail("a line printed while registered did not reach the device");
	return !selftest_text_has(selftest_capture.text, selftest_capture.len, "after unregistering") ||
	       selftest_fail("a line printed after unregistering reached the device");
}

/* Whether a row of the text buffer starts with text, in one colour. */
static bool selftest_vga_row_is(const volatile uint16_t *row, const char *text)
{
	for (size_t i = 0; text[i]; i++)
		if ((row[i] & 0xff) != (uint8_t)text[i] || row[i] >> 8 != row[0] >> 8)
			return false;
	return row[0] >> 8 != 0;
}

/* Where there is no VGA (microvm) there is nothing to check. */
static bool console_vga_shows_the_log(void)
{
	static const char line[] = "    # console self-test: on the VGA screen";
	const volatile uint16_t *cells;

	if (!console_dev_find("tty0"))
		return true;
	kprintf("%s\n", line);
	cells = (const volatile uint16_t *)(uintptr_t)memmap_phys_to_virt(SELFTEST_VGA_TEXT_PHYS);
	for (unsigned row = 0; row < SELFTEST_VGA_ROWS; row++)
		if (selftest_vga_row_is(cells + row * SELFTEST_VGA_COLS, line))
			return true;
	return selftest_fail("the line printed is not in the VGA text buffer");
}

static const struct selftest_case console_cases[] = {
	SELFTEST_CASE(console_registered_late_gets_the_whole_log),
	SELFTEST_CASE(console_vga_shows_the_log),
};

const struct selftest_suite selftest_console = {
	"kernel_console", console_cases, sizeof(console_cases) / sizeof(console_cases[0]),
};
