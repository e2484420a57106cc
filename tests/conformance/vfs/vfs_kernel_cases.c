/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vfs interface's kernel calls: open_file, fd_install, fget,
 * kernel_read, user_read, file_stat, file_path, kernel_mkdir,
 * kernel_symlink and kernel_mount.
 */
#include <string.h>

#include "vfs_cases.h"

static void open_file_reads_without_a_descriptor(struct ktap *t)
{
	const char *dir = vfs_case_dir(t);
	struct vfs_file *f, *g;
	struct linux_stat st;
	uint8_t buf[16] = { 0 };
	char path[64], want[64];
	int32_t fd;

	ktap_expect(t, vfs_put_file("f", "kernel data", 11) == 0, "file");
	ktap_expect(t, vfs_open_file("f", O_RDONLY, 0, &f) == 0, "open_file");
	ktap_expect(t, vfs_kernel_read(f, buf, 6, 7) == 4 && memcmp(buf, "data", 4) == 0, "kernel_read at 7");
	ktap_expect(t, vfs_user_read(f, (vaddr_t)(uintptr_t)buf, 6, 0) == 6 && memcmp(buf, "kernel", 6) == 0,
		    "user_read");
	ktap_expect(t, vfs_user_read(f, (vaddr_t)(uintptr_t)VFS_KERNEL_PTR, 6, 0) == -EFAULT, "user_read EFAULT");
	ktap_expect(t, vfs_file_stat(f, &st) == 0 && st.st_size == 11, "file_stat");
	snprintf(want, sizeof(want), "%s/f", dir);
	ktap_expect(t, vfs_file_path(f, (uint8_t *)path, sizeof(path)) == (long)strlen(want) && strcmp(path, want) == 0,
		    "file_path %s", path);
	ktap_expect(t, vfs_file_path(f, (uint8_t *)path, 3) == -ENAMETOOLONG, "file_path ENAMETOOLONG");
	fd = vfs_fd_install(f, O_CLOEXEC);
	ktap_expect(t, fd >= 0 && vfs_sys_fcntl(fd, F_GETFD, 0) == 1, "fd_install with O_CLOEXEC");
	ktap_expect(t, vfs_fget(fd, &g) == 0 && g == f, "fget");
	vfs_file_get(g);
	vfs_file_put(g);
	vfs_file_put(g);
	ktap_expect(t, vfs_fget(-1, &g) == -EBADF, "fget EBADF");
	vfs_sys_close(fd);
	ktap_expect(t, vfs_open_file("missing", O_RDONLY, 0, &f) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_open_file(".", O_RDONLY, 0, &f) == 0, "a directory");
	ktap_expect(t, vfs_kernel_read(f, buf, 4, 0) == -EISDIR, "kernel_read EISDIR");
	vfs_file_put(f);
}

static void kernel_mkdir_symlink_and_mount(struct ktap *t)
{
	struct linux_stat st;

	vfs_case_dir(t);
	ktap_expect(t, vfs_kernel_mkdir("k", 0700) == 0 && vfs_sys_stat("k", &st) == 0 &&
			       (st.st_mode & S_IFMT) == S_IFDIR,
		    "kernel_mkdir");
	ktap_expect(t, vfs_kernel_mkdir("k", 0700) == -EEXIST, "EEXIST");
	ktap_expect(t, vfs_kernel_mkdir("x/y", 0700) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_kernel_symlink("k", "lk") == 0 && vfs_sys_stat("lk", &st) == 0 &&
			       (st.st_mode & S_IFMT) == S_IFDIR,
		    "kernel_symlink");
	ktap_expect(t, vfs_kernel_symlink("k", "lk") == -EEXIST, "symlink EEXIST");
	ktap_expect(t, vfs_kernel_mount("tmp", "k", "ramfs") == 0, "kernel_mount");
	ktap_expect(t, vfs_kernel_mount("tmp", "k", "nosuchfs") == -ENODEV, "ENODEV");
	ktap_expect(t, vfs_kernel_mount("tmp", "missing", "ramfs") == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_umount2("k", 0) == 0, "umount");
}

const struct ktap_case vfs_kernel_cases[] = {
	KTAP_CASE(open_file_reads_without_a_descriptor),
	KTAP_CASE(kernel_mkdir_symlink_and_mount),
	{ 0 },
};
