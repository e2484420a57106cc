/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Directories: mkdir and rmdir with their errors and link counts,
 * getdents64's records, and the working directory (chdir, fchdir, getcwd).
 */
#include <string.h>

#include "vfs_cases.h"

static void mkdir_rmdir_and_link_counts(struct ktap *t)
{
	struct linux_stat st;

	vfs_case_dir(t);
	vfs_sys_umask(022);
	ktap_expect(t, vfs_sys_mkdir("d", 0777) == 0, "mkdir");
	ktap_expect(t, vfs_sys_stat("d", &st) == 0 && st.st_mode == (S_IFDIR | 0755) && st.st_nlink == 2,
		    "mode %o nlink %lu", st.st_mode, st.st_nlink);
	ktap_expect(t, vfs_sys_mkdir("d/e", 0755) == 0 && vfs_sys_stat("d", &st) == 0 && st.st_nlink == 3,
		    "a subdirectory adds a link");
	ktap_expect(t, vfs_sys_mkdir("d", 0755) == -EEXIST, "EEXIST");
	ktap_expect(t, vfs_sys_mkdir("x/y", 0755) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_put_file("f", "", 0) == 0 && vfs_sys_mkdir("f/y", 0755) == -ENOTDIR, "ENOTDIR");
	ktap_expect(t, vfs_sys_mkdir(VFS_KERNEL_PTR, 0755) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_rmdir("d") == -ENOTEMPTY, "ENOTEMPTY");
	ktap_expect(t, vfs_sys_rmdir("f") == -ENOTDIR, "rmdir a file");
	ktap_expect(t, vfs_sys_rmdir("d/e/.") == -EINVAL, "rmdir .");
	ktap_expect(t, vfs_sys_rmdir("missing") == -ENOENT, "rmdir ENOENT");
	ktap_expect(t, vfs_sys_rmdir("d/e") == 0 && vfs_sys_stat("d", &st) == 0 && st.st_nlink == 2, "rmdir");
	ktap_expect(t, vfs_sys_mkdirat(AT_FDCWD, "d/g", 0700) == 0, "mkdirat");
	ktap_expect(t, vfs_sys_mkdirat(777, "g", 0700) == -EBADF, "mkdirat EBADF");
}

/* Collects the names getdents64 returns, space separated, in order. */
static long list_dir(const char *path, char *names, size_t size, size_t bufsize)
{
	uint8_t buf[512];
	long fd = vfs_sys_open(path, O_RDONLY | O_DIRECTORY, 0), n, total = 0;

	names[0] = 0;
	if (fd < 0)
		return fd;
	while ((n = vfs_sys_getdents64((int32_t)fd, buf, bufsize)) > 0) {
		for (long off = 0; off < n;) {
			uint16_t reclen;

			memcpy(&reclen, buf + off + 16, 2);
			strncat(names, (const char *)buf + off + 19, size - strlen(names) - 2);
			strcat(names, " ");
			off += reclen;
			total++;
		}
	}
	vfs_sys_close((int32_t)fd);
	return n < 0 ? n : total;
}

static void getdents64_lists_every_entry(struct ktap *t)
{
	char names[256];
	uint8_t small[8];
	long fd;

	vfs_case_dir(t);
	vfs_sys_mkdir("d", 0755);
	vfs_put_file("d/one", "", 0);
	vfs_sys_mkdir("d/two", 0755);
	vfs_sys_symlink("one", "d/three");
	ktap_expect(t, list_dir("d", names, sizeof(names), 512) == 5, "5 entries: %s", names);
	ktap_expect(t, strcmp(names, ". .. one two three ") == 0, "names: %s", names);
	ktap_expect(t, list_dir("d", names, sizeof(names), 32) == 5, "one record a call: %s", names);
	fd = vfs_sys_open("d", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_getdents64((int32_t)fd, small, sizeof(small)) == -EINVAL, "buffer too small");
	ktap_expect(t, vfs_sys_getdents64((int32_t)fd, VFS_KERNEL_PTR, 512) == -EFAULT, "EFAULT");
	vfs_sys_close((int32_t)fd);
	fd = vfs_sys_open("d/one", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_getdents64((int32_t)fd, (uint8_t *)names, 128) == -ENOTDIR, "ENOTDIR");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_getdents64(-1, (uint8_t *)names, 128) == -EBADF, "EBADF");
}

static void getcwd_follows_chdir_and_fchdir(struct ktap *t)
{
	const char *dir = vfs_case_dir(t);
	char cwd[128], want[128];
	long fd;

	ktap_expect(t, vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) == (long)strlen(dir) + 1 && strcmp(cwd, dir) == 0,
		    "getcwd %s", cwd);
	ktap_expect(t, vfs_sys_mkdir("sub", 0755) == 0 && vfs_sys_chdir("sub") == 0, "chdir sub");
	snprintf(want, sizeof(want), "%s/sub", dir);
	ktap_expect(t, vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) > 0 && strcmp(cwd, want) == 0, "now %s", cwd);
	ktap_expect(t, vfs_sys_getcwd((uint8_t *)cwd, 3) == -ERANGE, "ERANGE");
	ktap_expect(t, vfs_sys_getcwd(VFS_KERNEL_PTR, 64) == -EFAULT, "EFAULT");
	fd = vfs_sys_open("..", O_RDONLY | O_DIRECTORY, 0);
	ktap_expect(t, vfs_sys_fchdir((int32_t)fd) == 0, "fchdir ..");
	ktap_expect(t, vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) > 0 && strcmp(cwd, dir) == 0, "back: %s", cwd);
	vfs_sys_close((int32_t)fd);
	vfs_put_file("f", "", 0);
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_fchdir((int32_t)fd) == -ENOTDIR, "fchdir a file");
	ktap_expect(t, vfs_sys_fchdir(-1) == -EBADF, "fchdir EBADF");
	ktap_expect(t, vfs_sys_chdir("f") == -ENOTDIR, "chdir a file");
	ktap_expect(t, vfs_sys_chdir("missing") == -ENOENT, "chdir ENOENT");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_chdir("/") == 0 && vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) == 2 &&
			       strcmp(cwd, "/") == 0,
		    "getcwd at the root: %s", cwd);
}

static void a_removed_working_directory_takes_no_names(struct ktap *t)
{
	char cwd[64];
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_sys_mkdir("gone", 0755) == 0 && vfs_sys_chdir("gone") == 0, "chdir gone");
	fd = vfs_sys_open(".", O_RDONLY | O_DIRECTORY, 0);
	ktap_expect(t, vfs_sys_rmdir("../gone") == 0, "rmdir the working directory");
	ktap_expect(t, vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) == -ENOENT, "getcwd: ENOENT");
	ktap_expect(t, vfs_sys_open("new", O_RDWR | O_CREAT, 0600) == -ENOENT, "create inside: ENOENT");
	ktap_expect(t, vfs_sys_mkdir("sub", 0755) == -ENOENT, "mkdir inside: ENOENT");
	ktap_expect(t, vfs_sys_symlink("x", "l") == -ENOENT, "symlink inside: ENOENT");
	ktap_expect(t, vfs_sys_getdents64((int32_t)fd, (uint8_t *)cwd, sizeof(cwd)) > 0, "still readable");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_chdir("/") == 0, "leave");
}

const struct ktap_case vfs_dir_cases[] = {
	KTAP_CASE(mkdir_rmdir_and_link_counts),
	KTAP_CASE(getdents64_lists_every_entry),
	KTAP_CASE(getcwd_follows_chdir_and_fchdir),
	KTAP_CASE(a_removed_working_directory_takes_no_names),
	{ 0 },
};
