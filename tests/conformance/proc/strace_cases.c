/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The strace formatter against golden lines: names and flags from the
 * generated decoder table, strings and buffers read through a fake user
 * memory (host pointers, with a hole that faults), errno results.
 */
#include <stdint.h>
#include <string.h>

#include <tessera/syscall_desc.h>

#include "proc_cases.h"
#include "strace_format.h"

#define FAULT_BELOW 0x10000ul /* "user" addresses below this fault */

static int fake_read(void *ctx, void *dst, uint64_t uaddr, size_t len)
{
	(void)ctx;
	if (uaddr < FAULT_BELOW)
		return -14;
	memcpy(dst, (const void *)(uintptr_t)uaddr, len);
	return 0;
}

static const struct strace_mem fake_mem = { .read = fake_read };

/* The whole line of call @nr with @args returning @ret. */
static const char *line(unsigned long nr, const unsigned long args[6], long ret)
{
	static char text[512];
	struct strace_buf b = { .text = text, .cap = sizeof(text) };

	text[0] = '\0';
	strace_format_args(&b, &syscall_descs[nr], args, &fake_mem, ret, true);
	strace_format_ret(&b, syscall_descs[nr].ret, ret, syscall_errnos);
	return text;
}

static bool expect_line(struct ktap *t, const char *got, const char *want)
{
	return ktap_expect(t, strcmp(got, want) == 0, "got  %s\n# want %s", got, want);
}

static void strace_openat_names_fd_string_and_flags(struct ktap *t)
{
	const unsigned long args[6] = { (unsigned long)-100, (uintptr_t) "/etc/x", 0, 0 };

	expect_line(t, line(__NR_openat, args, 3), "openat(AT_FDCWD, \"/etc/x\", O_RDONLY, 0) = 3");
}

static void strace_openat_error_shows_errno_name_and_message(struct ktap *t)
{
	const unsigned long args[6] = { (unsigned long)-100, (uintptr_t) "/nope", 0x80041, 0644 };
	const char *got = line(__NR_openat, args, -2);

	expect_line(t, got, "openat(AT_FDCWD, \"/nope\", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = -1 ENOENT "
			    "(The named file or directory does not exist)");
}

static void strace_write_shows_the_buffer_escaped(struct ktap *t)
{
	const unsigned long args[6] = { 1, (uintptr_t) "hi\t\"x\"\n\001", 8 };

	expect_line(t, line(__NR_write, args, 8), "write(1, \"hi\\t\\\"x\\\"\\n\\1\", 8) = 8");
}

static void strace_long_strings_are_cut_at_32_bytes(struct ktap *t)
{
	const char *s = "0123456789abcdefghijklmnopqrstuvwxyz";
	const unsigned long args[6] = { (uintptr_t)s, 0 };

	expect_line(t, line(__NR_chdir, args, 0), "chdir(\"0123456789abcdefghijklmnopqrstuv\"...) = 0");
}

static void strace_read_shows_only_what_was_read(struct ktap *t)
{
	char buf[64] = "abcdefgh";
	const unsigned long args[6] = { 0, (uintptr_t)buf, sizeof(buf) };

	expect_line(t, line(__NR_read, args, 3), "read(0, \"abc\", 64) = 3");
	ktap_expect(t, strstr(line(__NR_read, args, -9), ", 64) = -1 EBADF (") != NULL, "a failed read shows no data");
}

static void strace_bad_pointers_print_as_addresses(struct ktap *t)
{
	const unsigned long args[6] = { (unsigned long)-100, 0x1234, 0, 0 };
	const unsigned long null_args[6] = { (unsigned long)-100, 0, 0, 0 };

	expect_line(t, line(__NR_openat, args, -14),
		    "openat(AT_FDCWD, 0x1234, O_RDONLY, 0) = -1 EFAULT (A pointer argument points outside the "
		    "caller's accessible address space)");
	ktap_expect(t, strncmp(line(__NR_openat, null_args, -14), "openat(AT_FDCWD, NULL,", 22) == 0, "NULL");
}

static void strace_exit_group_never_returns(struct ktap *t)
{
	char text[128];
	struct strace_buf b = { .text = text, .cap = sizeof(text) };
	const unsigned long args[6] = { 3 };

	text[0] = '\0';
	strace_format_args(&b, &syscall_descs[__NR_exit_group], args, &fake_mem, 0, false);
	strace_format_ret(&b, syscall_descs[__NR_exit_group].ret, 0, syscall_errnos);
	expect_line(t, text, "exit_group(3) = ?");
}

static void strace_mmap_returns_hex(struct ktap *t)
{
	const unsigned long args[6] = { 0, 8192, 3, 0x22, (unsigned long)-1, 0 };
	const char *got = line(__NR_mmap, args, 0x7f0000001000);

	ktap_expect(t, strstr(got, " = 0x7f0000001000") != NULL, "%s", got);
	ktap_expect(t, strstr(got, "PROT_READ|PROT_WRITE") != NULL, "%s", got);
}

static void strace_output_never_overflows(struct ktap *t)
{
	char text[16];
	struct strace_buf b = { .text = text, .cap = sizeof(text) };
	const unsigned long args[6] = { (unsigned long)-100, (uintptr_t) "/a/long/path/name", 0, 0 };

	strace_format_args(&b, &syscall_descs[__NR_openat], args, &fake_mem, 0, true);
	ktap_expect(t, b.len == sizeof(text) - 1 && text[b.len] == '\0', "len %zu", b.len);
}

const struct ktap_case strace_cases[] = {
	KTAP_CASE(strace_openat_names_fd_string_and_flags),
	KTAP_CASE(strace_openat_error_shows_errno_name_and_message),
	KTAP_CASE(strace_write_shows_the_buffer_escaped),
	KTAP_CASE(strace_long_strings_are_cut_at_32_bytes),
	KTAP_CASE(strace_read_shows_only_what_was_read),
	KTAP_CASE(strace_bad_pointers_print_as_addresses),
	KTAP_CASE(strace_exit_group_never_returns),
	KTAP_CASE(strace_mmap_returns_hex),
	KTAP_CASE(strace_output_never_overflows),
	{ 0 },
};
