/* SPDX-License-Identifier: Apache-2.0 */
/*
 * open, openat and close: creating, O_EXCL, O_TRUNC, O_DIRECTORY,
 * O_NOFOLLOW, directories opened for writing, relative to a directory
 * descriptor, and their errors.
 */
#include <string.h>

#include "vfs_cases.h"

static void open_creates_with_mode_less_umask(struct ktap *t)
{
	struct linux_stat st;
	long fd;

	vfs_case_dir(t);
	vfs_sys_umask(022);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0666);
	ktap_expect(t, fd >= 0, "open O_CREAT: %ld", fd);
	ktap_expect(t, vfs_sys_fstat((int32_t)fd, &st) == 0, "fstat");
	ktap_expect(t, st.st_mode == (S_IFREG | 0644), "mode %o", st.st_mode);
	ktap_expect(t, st.st_nlink == 1 && st.st_size == 0, "nlink %lu size %ld", st.st_nlink, st.st_size);
	ktap_expect(t, vfs_sys_close((int32_t)fd) == 0, "close");
	ktap_expect(t, vfs_sys_close((int32_t)fd) == -EBADF, "second close");
}

static void open_lowest_free_descriptor(struct ktap *t)
{
	long a, b, c;

	vfs_case_dir(t);
	a = vfs_sys_open("a", O_RDWR | O_CREAT, 0600);
	b = vfs_sys_open("b", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, a >= 0 && b == a + 1, "fds %ld %ld", a, b);
	vfs_sys_close((int32_t)a);
	c = vfs_sys_open("b", O_RDONLY, 0);
	ktap_expect(t, c == a, "reused %ld, expected %ld", c, a);
	vfs_sys_close((int32_t)b);
	vfs_sys_close((int32_t)c);
}

static void open_errors_are_linux_s(struct ktap *t)
{
	char longname[300];

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "x", 1) == 0, "file");
	ktap_expect(t, vfs_sys_open("missing", O_RDONLY, 0) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_open("f", O_RDWR | O_CREAT | O_EXCL, 0600) == -EEXIST, "EEXIST");
	ktap_expect(t, vfs_sys_open("f/x", O_RDONLY, 0) == -ENOTDIR, "ENOTDIR through a file");
	ktap_expect(t, vfs_sys_open("f", O_RDONLY | O_DIRECTORY, 0) == -ENOTDIR, "O_DIRECTORY on a file");
	ktap_expect(t, vfs_sys_open(".", O_WRONLY, 0) == -EISDIR, "write a directory");
	ktap_expect(t, vfs_sys_open("new/", O_RDWR | O_CREAT, 0600) == -EISDIR, "O_CREAT with a slash");
	ktap_expect(t, vfs_sys_open("", O_RDONLY, 0) == -ENOENT, "empty path");
	ktap_expect(t, vfs_sys_open(NULL, O_RDONLY, 0) == -EFAULT, "NULL path");
	ktap_expect(t, vfs_sys_open(VFS_KERNEL_PTR, O_RDONLY, 0) == -EFAULT, "kernel path");
	ktap_expect(t, vfs_sys_open((void *)0x8000000000000000ull, O_RDONLY, 0) == -EFAULT, "non-canonical");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	ktap_expect(t, vfs_sys_open(longname, O_RDONLY, 0) == -ENAMETOOLONG, "name of 299 bytes");
}

static void open_trunc_empties_and_nofollow_refuses_links(struct ktap *t)
{
	struct linux_stat st;
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "hello", 5) == 0, "file");
	fd = vfs_sys_open("f", O_WRONLY | O_TRUNC, 0);
	ktap_expect(t, fd >= 0 && vfs_sys_fstat((int32_t)fd, &st) == 0 && st.st_size == 0, "truncated");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_symlink("f", "l") == 0, "symlink");
	ktap_expect(t, vfs_sys_open("l", O_RDONLY | O_NOFOLLOW, 0) == -ELOOP, "O_NOFOLLOW");
	fd = vfs_sys_open("l", O_RDONLY, 0);
	ktap_expect(t, fd >= 0, "through the link: %ld", fd);
	vfs_sys_close((int32_t)fd);
}

static void openat_is_relative_to_its_directory(struct ktap *t)
{
	long dfd, fd, bad;

	vfs_case_dir(t);
	ktap_expect(t, vfs_sys_mkdir("d", 0755) == 0, "mkdir");
	dfd = vfs_sys_open("d", O_RDONLY | O_DIRECTORY, 0);
	ktap_expect(t, dfd >= 0, "open d");
	fd = vfs_sys_openat((int32_t)dfd, "inside", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, fd >= 0, "openat");
	vfs_sys_close((int32_t)fd);
	fd = vfs_sys_open("d/inside", O_RDONLY, 0);
	ktap_expect(t, fd >= 0, "made inside d");
	ktap_expect(t, vfs_sys_openat(999, "x", O_RDONLY, 0) == -EBADF, "EBADF dfd");
	ktap_expect(t, vfs_sys_openat((int32_t)fd, "x", O_RDONLY, 0) == -ENOTDIR, "ENOTDIR dfd");
	bad = vfs_sys_openat(999, "/case1", O_RDONLY, 0);
	ktap_expect(t, bad >= 0, "absolute path ignores a bad dfd: %ld", bad);
	vfs_sys_close((int32_t)bad);
	vfs_sys_close((int32_t)fd);
	vfs_sys_close((int32_t)dfd);
}

static void close_errors(struct ktap *t)
{
	ktap_expect(t, vfs_sys_close(-1) == -EBADF, "-1");
	ktap_expect(t, vfs_sys_close(1000) == -EBADF, "1000");
	ktap_expect(t, vfs_sys_close(5000) == -EBADF, "5000");
}

const struct ktap_case vfs_open_cases[] = {
	KTAP_CASE(open_creates_with_mode_less_umask),
	KTAP_CASE(open_lowest_free_descriptor),
	KTAP_CASE(open_errors_are_linux_s),
	KTAP_CASE(open_trunc_empties_and_nofollow_refuses_links),
	KTAP_CASE(openat_is_relative_to_its_directory),
	KTAP_CASE(close_errors),
	{ 0 },
};
