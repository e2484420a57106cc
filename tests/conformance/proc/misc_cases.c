/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wait status words and wait4's pid selection, the futex hash's spread,
 * and the command-line split that gives init its arguments and
 * environment.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "futex_hash.h"
#include "init_cmdline.h"
#include "proc_cases.h"
#include "wait_status.h"

static void wait_status_words_match_linux(struct ktap *t)
{
	ktap_expect(t, wait_status_exited(0) == 0, "exit 0");
	ktap_expect(t, wait_status_exited(3) == 0x300, "exit 3");
	ktap_expect(t, wait_status_exited(257) == 0x100, "exit 257 keeps the low byte");
	ktap_expect(t, wait_status_signaled(11) == 11, "SIGSEGV");
	ktap_expect(t, wait_status_shell_code(0x300) == 3, "shell code of exit 3");
	ktap_expect(t, wait_status_shell_code(11) == 139, "shell code of SIGSEGV");
}

static void wait_pid_selects_like_linux(struct ktap *t)
{
	ktap_expect(t, wait_selects(5, 1, 5, 1) && !wait_selects(5, 1, 6, 1), "pid > 0");
	ktap_expect(t, wait_selects(-1, 1, 9, 7), "-1 is any child");
	ktap_expect(t, wait_selects(0, 7, 9, 7) && !wait_selects(0, 1, 9, 7), "0 is the caller's group");
	ktap_expect(t, wait_selects(-7, 1, 9, 7) && !wait_selects(-8, 1, 9, 7), "< -1 is group -pid");
}

static void futex_hash_spreads_words_and_spaces(struct ktap *t)
{
	unsigned used[FUTEX_HASH_SIZE] = { 0 };
	unsigned distinct = 0, same = 0;

	for (uint64_t a = 0; a < 4096; a += 4) {
		size_t h = futex_hash(0xffff888000100000ull, 0x7f0000000000ull + a);

		ktap_expect(t, h < FUTEX_HASH_SIZE, "bucket %zu in range", h);
		distinct += used[h]++ == 0;
	}
	for (uint64_t s = 1; s <= 64; s++)
		same += futex_hash(0xffff888000100000ull, 0x601000) ==
			futex_hash(0xffff888000100000ull + s * 0x1000, 0x601000);
	ktap_expect(t, distinct == FUTEX_HASH_SIZE, "a page's words reach %u of %u buckets", distinct,
		    FUTEX_HASH_SIZE);
	ktap_expect(t, same < 8, "one address in 64 spaces shares its bucket %u times", same);
}

struct words {
	char text[512];
	size_t len;
};

static int collect(void *ctx, const char *w, size_t len, bool env)
{
	struct words *ws = ctx;
	int n = snprintf(ws->text + ws->len, sizeof(ws->text) - ws->len, "%s%.*s|", env ? "E:" : "A:", (int)len, w);

	ws->len += (size_t)n;
	return 0;
}

static void cmdline_splits_like_linux(struct ktap *t)
{
	struct words ws = { .len = 0 };
	char init[32] = "/init";
	int err = init_cmdline_split("console=ttyS0 init=/bin/sh quiet pmm_buddy.max_order=5 FOO=bar -- x=1 y",
				     init, sizeof(init), collect, &ws);

	ktap_expect(t, err == 0, "split: %d", err);
	ktap_expect(t, strcmp(init, "/bin/sh") == 0, "init= %s", init);
	ktap_expect(t, strcmp(ws.text, "E:console=ttyS0|A:quiet|E:FOO=bar|A:x=1|A:y|") == 0, "words %s", ws.text);
}

static void cmdline_without_init_keeps_the_default(struct ktap *t)
{
	struct words ws = { .len = 0 };
	char init[8] = "/init";

	ktap_expect(t, init_cmdline_split("", init, sizeof(init), collect, &ws) == 0 && ws.len == 0, "empty");
	ktap_expect(t, strcmp(init, "/init") == 0, "default kept");
	ktap_expect(t, init_cmdline_split("init=/a/very/long/path", init, sizeof(init), collect, &ws) == -36,
		    "a path too long for the buffer");
}

const struct ktap_case misc_cases[] = {
	KTAP_CASE(wait_status_words_match_linux),
	KTAP_CASE(wait_pid_selects_like_linux),
	KTAP_CASE(futex_hash_spreads_words_and_spaces),
	KTAP_CASE(cmdline_splits_like_linux),
	KTAP_CASE(cmdline_without_init_keeps_the_default),
	{ 0 },
};
