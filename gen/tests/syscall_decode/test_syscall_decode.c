/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The syscall glue idlc generates from decode.idl, checked on the host:
 * strace_format() prints calls exactly as strace does, syscall_dispatch()
 * routes each number to its implementation with the right arguments, and the
 * usys_*() stubs really trap (decode.idl uses Linux's numbers).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tessera/syscall_table.h>
#include <tessera/usys.h>

#include "strace_format.h"

static int failures;

#define CHECK(cond) check((cond), #cond, __LINE__)

static void check(int ok, const char *what, int line)
{
	if (!ok) {
		fprintf(stderr, "test_syscall_decode.c:%d: check failed: %s\n", line, what);
		failures++;
	}
}

/* ---- strace_format() ---- */

/* The host test's "user memory" is its own; read_fails makes it unreadable. */
static int read_fails;

static size_t host_read(void *ctx, unsigned long addr, void *dst, size_t n)
{
	(void)ctx;
	if (read_fails)
		return 0;
	memcpy(dst, (const void *)addr, n);
	return n;
}

static const struct strace_mem host_mem = { host_read, NULL };

static void expect_call(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5, long ret, const char *want)
{
	const unsigned long args[6] = { a0, a1, a2, a3, a4, a5 };
	char buf[256];
	size_t n = strace_format(buf, sizeof(buf), nr, args, ret, &host_mem);

	if (strcmp(buf, want) != 0 || n != strlen(want)) {
		fprintf(stderr, "strace_format:\n  got  %s (%zu)\n  want %s\n", buf, n, want);
		failures++;
	}
}

#define ADDR(p) ((unsigned long)(uintptr_t)(p))

static void test_strace_strings_and_flags(void)
{
	expect_call(__NR_openat, (unsigned long)-100L, ADDR("/etc/x"), O_RDONLY | O_CLOEXEC, 0, 0, 0, 3,
		    "openat(AT_FDCWD, \"/etc/x\", O_RDONLY|O_CLOEXEC) = 3");
	expect_call(__NR_openat, 0xdeadbeefffffff9cUL, ADDR("/nope"), O_RDONLY, 0, 0, 0, -ENOENT,
		    "openat(AT_FDCWD, \"/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)");
	expect_call(__NR_openat, 3, ADDR("x"), O_RDWR | O_CREAT | O_TRUNC, 0, 0, 0, 4,
		    "openat(3, \"x\", O_RDWR|O_CREAT|O_TRUNC) = 4");
	expect_call(__NR_openat, (unsigned long)-100L, ADDR("/etc/x"), 0x80000000UL, 0, 0, 0, 3,
		    "openat(AT_FDCWD, \"/etc/x\", O_RDONLY|0x80000000) = 3");
	expect_call(__NR_openat, 3, ADDR("s"), O_WRONLY | O_SYNC | O_CLOEXEC, 0, 0, 0, 4,
		    "openat(3, \"s\", O_WRONLY|O_SYNC|O_CLOEXEC) = 4");
	expect_call(__NR_openat, 3, ADDR("d"), O_DSYNC, 0, 0, 0, 4, "openat(3, \"d\", O_RDONLY|O_DSYNC) = 4");
	expect_call(__NR_openat, 3, ADDR(""), O_RDONLY, 0, 0, 0, 4, "openat(3, \"\", O_RDONLY) = 4");
	expect_call(__NR_openat, (unsigned long)-100L, 0, O_WRONLY, 0, 0, 0, -EFAULT,
		    "openat(AT_FDCWD, NULL, O_WRONLY) = -1 EFAULT (Bad address)");
	expect_call(__NR_openat, (unsigned long)-100L, ADDR("0123456789abcdef0123456789abcdefXYZ"), O_RDONLY, 0,
		    0, 0, -ENOENT,
		    "openat(AT_FDCWD, \"0123456789abcdef0123456789abcdef\"..., O_RDONLY) = -1 ENOENT "
		    "(No such file or directory)");
}

static void test_strace_buffers(void)
{
	char filled[] = "abcdefghij";

	expect_call(__NR_write, 1, ADDR("hi\n"), 3, 0, 0, 0, 3, "write(1, \"hi\\n\", 3) = 3");
	expect_call(__NR_write, 2, ADDR("\033[0m\t\"\\\0017"), 9, 0, 0, 0, 9,
		    "write(2, \"\\33[0m\\t\\\"\\\\\\0017\", 9) = 9");
	expect_call(__NR_write, 1, ADDR("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 40, 0, 0, 0, 40,
		    "write(1, \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"..., 40) = 40");
	expect_call(__NR_read, 3, ADDR(filled), 10, 0, 0, 0, 3, "read(3, \"abc\", 10) = 3");
	expect_call(__NR_read, 99, 0x1000, 10, 0, 0, 0, -EBADF, "read(99, 0x1000, 10) = -1 EBADF (Bad file descriptor)");
	read_fails = 1;
	expect_call(__NR_write, 1, 0x2000, 3, 0, 0, 0, -EFAULT, "write(1, 0x2000, 3) = -1 EFAULT (Bad address)");
	read_fails = 0;
}

static void test_strace_numbers(void)
{
	expect_call(__NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (unsigned long)-1L, 0,
		    0x7f0000000000L,
		    "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000");
	expect_call(__NR_mmap, 0x10000, 8192, PROT_NONE, MAP_SHARED | MAP_FIXED | 0x40000, 3, 4096, -ENOMEM,
		    "mmap(0x10000, 8192, PROT_NONE, MAP_SHARED|MAP_FIXED|0x40000, 3, 4096) = -1 ENOMEM "
		    "(Cannot allocate memory)");
	expect_call(__NR_chmod, ADDR("f"), 0644, 0xbeef, 1, 0, 0, 0, "chmod(\"f\", 0644, 0xbeef, true) = 0");
	expect_call(__NR_chmod, ADDR("f"), 0, 0, 0x100, 0, 0, -77, "chmod(\"f\", 0, 0, false) = -1 ERRNO_77 (Unknown error 77)");
	expect_call(__NR_exit, 0xffffffff00000007UL, 0, 0, 0, 0, 0, 0, "exit(7) = ?");
	expect_call(999, 1, 2, 3, 4, 5, 0, -ENOSYS,
		    "syscall_999(0x1, 0x2, 0x3, 0x4, 0x5, 0) = -1 ENOSYS (Function not implemented)");
	expect_call(2, 0, 0, 0, 0, 0, 0, -ENOSYS, "syscall_2(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)");
}

/* The output is cut to the buffer, NUL-terminated, and its full length reported. */
static void test_strace_truncates(void)
{
	const unsigned long args[6] = { 1, ADDR("hi\n"), 3 };
	const char *want = "write(1, \"hi\\n\", 3) = 3";
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	CHECK(strace_format(buf, sizeof(buf), __NR_write, args, 3, &host_mem) == strlen(want));
	CHECK(strcmp(buf, "write(1") == 0);
	CHECK(strace_format(NULL, 0, __NR_write, args, 3, &host_mem) == strlen(want));
}

/* ---- syscall_dispatch() with stub implementations ---- */

static struct {
	const char *fn;
	unsigned long a[4];
} last;

static jmp_buf exit_jump;

long stub_sys_read(int32_t fd, uint8_t __user *buf, size_t buf_len)
{
	last.fn = "read";
	last.a[0] = (unsigned long)(long)fd;
	last.a[1] = ADDR(buf);
	last.a[2] = buf_len;
	return 0;
}

long stub_sys_write(int32_t fd, const uint8_t __user *buf, size_t buf_len)
{
	last.fn = "write";
	last.a[0] = (unsigned long)(long)fd;
	last.a[1] = ADDR(buf);
	last.a[2] = buf_len;
	return (long)buf_len;
}

long stub_sys_exit(int32_t code)
{
	last.fn = "exit";
	last.a[0] = (unsigned long)(long)code;
	longjmp(exit_jump, 1);
}

long stub_sys_chmod(const char __user *path, uint32_t mode, uint64_t cookie, bool verbose)
{
	last.fn = "chmod";
	last.a[0] = ADDR(path);
	last.a[1] = mode;
	last.a[2] = cookie;
	last.a[3] = verbose;
	return 0;
}

long stub_sys_openat(at_fd_t dirfd, const char __user *path, open_flags_t oflag)
{
	last.fn = "openat";
	last.a[0] = (unsigned long)(long)dirfd;
	last.a[1] = ADDR(path);
	last.a[2] = oflag;
	return 5;
}

long syscall_unimplemented(unsigned long nr, const struct syscall_args *args)
{
	(void)args;
	last.fn = "unimplemented";
	last.a[0] = nr;
	return -ENOSYS;
}

static long dispatch(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3)
{
	const struct syscall_args args = { { a0, a1, a2, a3, 0xdead, 0xbeef } };

	memset(&last, 0, sizeof(last));
	return syscall_dispatch(nr, &args);
}

static void test_dispatch_routes(void)
{
	CHECK(dispatch(__NR_write, 1, 0x1234, 2, 0) == 2);
	CHECK(strcmp(last.fn, "write") == 0 && last.a[0] == 1 && last.a[1] == 0x1234 && last.a[2] == 2);
	/* Only the low 32 bits of an int argument count. */
	CHECK(dispatch(__NR_read, 0xffffffff00000004UL, 0x5000, 64, 0) == 0);
	CHECK(strcmp(last.fn, "read") == 0 && last.a[0] == 4 && last.a[1] == 0x5000 && last.a[2] == 64);
	CHECK(dispatch(__NR_openat, 0xdeadbeefffffff9cUL, 0x6000, O_CLOEXEC, 0) == 5);
	CHECK(strcmp(last.fn, "openat") == 0 && last.a[0] == (unsigned long)-100L && last.a[2] == O_CLOEXEC);
	CHECK(dispatch(__NR_chmod, 0x7000, 0755, 0x1122334455667788UL, 1) == 0);
	CHECK(strcmp(last.fn, "chmod") == 0 && last.a[1] == 0755 && last.a[2] == 0x1122334455667788UL &&
	      last.a[3] == 1);
	if (setjmp(exit_jump) == 0) {
		dispatch(__NR_exit, 3, 0, 0, 0);
		CHECK(0 /* exit returned */);
	}
	CHECK(strcmp(last.fn, "exit") == 0 && last.a[0] == 3);
}

static void test_dispatch_unimplemented(void)
{
	/* mmap is declared but decode_stub does not implement it; 2 is a hole;
	 * 5000 is past the table. */
	const unsigned long nrs[] = { __NR_mmap, 2, SYSCALL_NR_MAX, 5000, (unsigned long)-1L };

	for (size_t i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		CHECK(dispatch(nrs[i], 0, 0, 0, 0) == -ENOSYS);
		CHECK(strcmp(last.fn, "unimplemented") == 0 && last.a[0] == nrs[i]);
	}
}

/* ---- usys_*(): real traps into the host's Linux kernel ---- */

static void test_usys_traps(void)
{
	uint8_t byte;

	CHECK(usys_write(1, (const uint8_t *)"", 0) == 0);
	CHECK(usys_read(-1, &byte, 1) == -EBADF);
	CHECK(usys_openat(AT_FDCWD, "/nonexistent/idlc-test", O_RDONLY) == -ENOENT);
}

int main(void)
{
	test_strace_strings_and_flags();
	test_strace_buffers();
	test_strace_numbers();
	test_strace_truncates();
	test_dispatch_routes();
	test_dispatch_unimplemented();
	test_usys_traps();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	puts("syscall_decode: all checks passed");
	return 0;
}
