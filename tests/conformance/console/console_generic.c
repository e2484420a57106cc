/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every console provider promises (idl/console.idl), checked through
 * the interface and read back from the hardware model: one device once
 * its hardware is found, none and one log line when it is absent, text
 * shown in order with "\n" ending lines, the whole buffer taken, and
 * optional methods that are either there or say -EOPNOTSUPP.
 */
#include <stdio.h>
#include <string.h>

#include <tessera/kprintf.h>

#include "console_world.h"

static char shown[UART_MODEL_WIRE_MAX + 1];

static void console_expect_shown(struct ktap *t, const char *want)
{
	ktap_expect(t, console_world_shown(shown, sizeof(shown)), "no reader for %s", world.component);
	ktap_expect(t, strcmp(shown, want) == 0, "shows \"%s\", expected \"%s\"", shown, want);
}

static void console_init_registers_one_named_device(struct ktap *t)
{
	const struct console_provider *p = console_provider_find(world.component);

	ktap_expect(t, world.init_err == 0, "init returned %d", world.init_err);
	if (!ktap_expect(t, world.ndevs == 1, "%zu devices registered", world.ndevs))
		return;
	ktap_expect(t, world.dev->name && world.dev->name[0], "the device has no name");
	ktap_expect(t, p && world.dev->ops == p->ops, "the device does not use its component's ops table");
	ktap_expect(t, console_dev_find(world.dev->name) == world.dev, "the registry does not find it by name");
}

static void console_write_shows_lines_in_order(struct ktap *t)
{
	const char *text = "hello, console\nsecond line\n";

	ktap_expect(t, console_world_write(text) == (long)strlen(text), "write did not take the whole buffer");
	console_expect_shown(t, text);
}

static void console_writes_join_without_gaps(struct ktap *t)
{
	console_world_write("hel");
	console_world_write("lo ");
	console_world_write("world\nnext");
	console_expect_shown(t, "hello world\nnext");
}

static void console_write_of_nothing_shows_nothing(struct ktap *t)
{
	ktap_expect(t, console_write(world.dev, (const uint8_t *)"x", 0) == 0, "writing 0 bytes did not return 0");
	console_expect_shown(t, "");
}

static void console_shows_every_printable_ascii_byte(struct ktap *t)
{
	char text[96];
	size_t n = 0;

	for (int c = 0x20; c < 0x7f; c++)
		text[n++] = (char)c;
	text[n] = '\0';
	console_world_write(text);
	ktap_expect(t, console_world_shown(shown, sizeof(shown)) && strstr(shown, "!\"#$%&'()*+,-./0123456789:;<=>?@ABC"),
		    "printable bytes missing: \"%s\"", shown);
	ktap_expect(t, strstr(shown, "xyz{|}~") != NULL, "the last printable bytes are missing: \"%s\"", shown);
}

/* 200 lines outgrow a screen and any FIFO: the last ones show, in order. */
static void console_long_output_keeps_the_latest_lines(struct ktap *t)
{
	char line[32], tail[20 * 16] = "";

	for (int i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "line %03d\n", i);
		ktap_expect(t, console_world_write(line) == (long)strlen(line), "write %d fell short", i);
		if (i >= 180)
			strcat(tail, line);
	}
	console_world_shown(shown, sizeof(shown));
	ktap_expect(t, strlen(shown) >= strlen(tail) && strcmp(shown + strlen(shown) - strlen(tail), tail) == 0,
		    "the last 20 lines are not shown in order at the end");
}

static void console_optional_methods_work_or_say_eopnotsupp(struct ktap *t)
{
	uint8_t buf[4];
	int flushed = console_flush(world.dev);
	long got = console_read(world.dev, buf, sizeof(buf));

	ktap_expect(t, flushed == (world.dev->ops->flush ? 0 : -EOPNOTSUPP), "flush returned %d", flushed);
	ktap_expect(t, got == (world.dev->ops->read ? -EAGAIN : -EOPNOTSUPP), "read with nothing received returned %ld",
		    got);
}

static void console_without_its_hardware_registers_nothing(struct ktap *t)
{
	struct port_model_options bare = { 0 };

	console_world_start(&bare);
	ktap_expect(t, world.init_err == 0, "init failed the boot: %d", world.init_err);
	ktap_expect(t, world.ndevs == 0, "%zu devices registered without hardware", world.ndevs);
	ktap_expect(t, console_world_log_lines() == 1, "%u log lines, expected one: \"%s\"", console_world_log_lines(),
		    host_kprintf_log());
	ktap_expect(t, console_world_log_has(world.component), "the log line does not name %s", world.component);
}

const struct ktap_case console_generic_cases[] = {
	KTAP_CASE(console_init_registers_one_named_device),
	KTAP_CASE(console_write_shows_lines_in_order),
	KTAP_CASE(console_writes_join_without_gaps),
	KTAP_CASE(console_write_of_nothing_shows_nothing),
	KTAP_CASE(console_shows_every_printable_ascii_byte),
	KTAP_CASE(console_long_output_keeps_the_latest_lines),
	KTAP_CASE(console_optional_methods_work_or_say_eopnotsupp),
	KTAP_CASE(console_without_its_hardware_registers_nothing),
	{ 0 },
};
