/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Attributes: newfstatat (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW), statx,
 * chmod and friends, utimensat, truncate and ftruncate, umask, access.
 */
#include <string.h>

#include "vfs_cases.h"

static void newfstatat_and_statx(struct ktap *t)
{
	struct linux_stat st, st2;
	struct linux_statx sx;
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "12345", 5) == 0 && vfs_sys_symlink("f", "l") == 0, "files");
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_newfstatat((int32_t)fd, "", &st, AT_EMPTY_PATH) == 0 && st.st_size == 5,
		    "AT_EMPTY_PATH");
	ktap_expect(t, vfs_sys_newfstatat((int32_t)fd, "", &st, 0) == -ENOENT, "empty path without the flag");
	ktap_expect(t, vfs_sys_newfstatat(AT_FDCWD, "l", &st2, AT_SYMLINK_NOFOLLOW) == 0 &&
			       (st2.st_mode & S_IFMT) == S_IFLNK,
		    "AT_SYMLINK_NOFOLLOW");
	ktap_expect(t, vfs_sys_newfstatat(AT_FDCWD, "l", &st2, 0) == 0 && st2.st_ino == st.st_ino, "followed");
	ktap_expect(t, vfs_sys_newfstatat(AT_FDCWD, "f", &st2, 0x1) == -EINVAL, "bad flags");
	ktap_expect(t, vfs_sys_newfstatat(AT_FDCWD, "f", VFS_KERNEL_PTR, 0) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_fstat(-1, &st) == -EBADF, "fstat EBADF");
	ktap_expect(t, vfs_sys_fstat((int32_t)fd, NULL) == -EFAULT, "fstat EFAULT");
	memset(&sx, 0xff, sizeof(sx));
	ktap_expect(t, vfs_sys_statx(AT_FDCWD, "f", 0, 0x7ff, &sx) == 0, "statx");
	ktap_expect(t, sx.stx_size == 5 && sx.stx_ino == st.st_ino && sx.stx_nlink == 1 &&
			       sx.stx_mode == (uint16_t)st.st_mode && (sx.stx_mask & STATX_SIZE),
		    "statx fields");
	ktap_expect(t, vfs_sys_statx(AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, 0x7ff, &sx) == 0 &&
			       (sx.stx_mode & S_IFMT) == S_IFLNK,
		    "statx nofollow");
	ktap_expect(t, vfs_sys_statx(AT_FDCWD, "missing", 0, 0x7ff, &sx) == -ENOENT, "statx ENOENT");
	ktap_expect(t, vfs_sys_statx(AT_FDCWD, "f", 0x1, 0x7ff, &sx) == -EINVAL, "statx bad flags");
	ktap_expect(t, vfs_sys_statx(AT_FDCWD, "f", 0, 0x7ff, VFS_KERNEL_PTR) == -EFAULT, "statx EFAULT");
	vfs_sys_close((int32_t)fd);
}

static void chmod_changes_permission_bits_only(struct ktap *t)
{
	struct linux_stat st;
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "", 0) == 0, "file");
	ktap_expect(t, vfs_sys_chmod("f", 0100751) == 0 && vfs_sys_stat("f", &st) == 0 && st.st_mode == (S_IFREG | 0751),
		    "chmod: %o", st.st_mode);
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_fchmod((int32_t)fd, 04600) == 0 && vfs_sys_fstat((int32_t)fd, &st) == 0 &&
			       st.st_mode == (S_IFREG | 04600),
		    "fchmod: %o", st.st_mode);
	ktap_expect(t, vfs_sys_fchmodat(AT_FDCWD, "f", 0644) == 0, "fchmodat");
	ktap_expect(t, vfs_sys_chmod("missing", 0644) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_fchmod(-1, 0644) == -EBADF, "EBADF");
	vfs_sys_close((int32_t)fd);
}

static void utimensat_sets_times(struct ktap *t)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 7 } };
	struct timespec omit[2] = { { 0, (1l << 30) - 2 }, { 3000, 0 } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct linux_stat st;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "", 0) == 0, "file");
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "f", ts, 0) == 0 && vfs_sys_stat("f", &st) == 0, "utimensat");
	ktap_expect(t, st.st_atime == 1000 && st.st_atime_nsec == 5 && st.st_mtime == 2000 && st.st_mtime_nsec == 7,
		    "times %lu.%lu %lu.%lu", st.st_atime, st.st_atime_nsec, st.st_mtime, st.st_mtime_nsec);
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "f", omit, 0) == 0 && vfs_sys_stat("f", &st) == 0 &&
			       st.st_atime == 1000 && st.st_mtime == 3000,
		    "UTIME_OMIT");
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "f", bad, 0) == -EINVAL, "bad nanoseconds");
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "f", VFS_KERNEL_PTR, 0) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "missing", NULL, 0) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_utimensat(AT_FDCWD, "f", NULL, 0x1) == -EINVAL, "bad flags");
}

static void truncate_cuts_and_extends(struct ktap *t)
{
	char buf[8];
	struct linux_stat st;
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "abcdef", 6) == 0, "file");
	ktap_expect(t, vfs_sys_truncate("f", 2) == 0 && vfs_sys_stat("f", &st) == 0 && st.st_size == 2, "cut");
	ktap_expect(t, vfs_sys_truncate("f", 5) == 0, "extend");
	fd = vfs_sys_open("f", O_RDWR, 0);
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 8) == 5 && memcmp(buf, "ab\0\0\0", 5) == 0,
		    "the extension reads as zeros");
	ktap_expect(t, vfs_sys_ftruncate((int32_t)fd, 1) == 0 && vfs_sys_fstat((int32_t)fd, &st) == 0 && st.st_size == 1,
		    "ftruncate");
	ktap_expect(t, vfs_sys_ftruncate((int32_t)fd, -1) == -EINVAL, "negative");
	vfs_sys_close((int32_t)fd);
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_ftruncate((int32_t)fd, 0) == -EINVAL, "read-only descriptor");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_truncate(".", 0) == -EISDIR, "EISDIR");
	ktap_expect(t, vfs_sys_truncate("missing", 0) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_ftruncate(-1, 0) == -EBADF, "EBADF");
}

static void umask_and_access(struct ktap *t)
{
	vfs_case_dir(t);
	vfs_sys_umask(022);
	ktap_expect(t, vfs_sys_umask(077) == 022 && vfs_sys_umask(01777) == 077 && vfs_sys_umask(022) == 0777,
		    "umask returns the previous mask, masked with 0777");
	ktap_expect(t, vfs_put_file("f", "", 0) == 0 && vfs_sys_chmod("f", 0644) == 0, "file");
	ktap_expect(t, vfs_sys_access("f", F_OK) == 0 && vfs_sys_access("f", R_OK | W_OK) == 0, "root reads, writes");
	ktap_expect(t, vfs_sys_access("f", X_OK) == -EACCES, "no execute bit");
	ktap_expect(t, vfs_sys_chmod("f", 0700) == 0 && vfs_sys_access("f", X_OK) == 0, "execute bit");
	ktap_expect(t, vfs_sys_access("missing", F_OK) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_access("f", 8) == -EINVAL, "bad mode");
	ktap_expect(t, vfs_sys_faccessat(AT_FDCWD, "f", R_OK) == 0, "faccessat");
	ktap_expect(t, vfs_sys_access(NULL, F_OK) == -EFAULT, "EFAULT");
}

const struct ktap_case vfs_attr_cases[] = {
	KTAP_CASE(newfstatat_and_statx),
	KTAP_CASE(chmod_changes_permission_bits_only),
	KTAP_CASE(utimensat_sets_times),
	KTAP_CASE(truncate_cuts_and_extends),
	KTAP_CASE(umask_and_access),
	{ 0 },
};
