/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Mounts: a second ramfs mounted on a directory hides what was there,
 * walks cross into it and back out through `..`, names do not move across
 * it (EXDEV), a busy mount stays (EBUSY), and unmounting shows the
 * directory's own files again.
 */
#include <string.h>

#include "vfs_cases.h"

static void a_mount_is_crossed_both_ways(struct ktap *t)
{
	const char *dir = vfs_case_dir(t);
	struct linux_stat a, b;
	char cwd[64];
	long fd;

	ktap_expect(t, vfs_sys_mkdir("mnt", 0755) == 0 && vfs_put_file("mnt/hidden", "", 0) == 0, "mount point");
	ktap_expect(t, vfs_sys_mount("none", "mnt", "ramfs", 0, NULL) == 0, "mount");
	ktap_expect(t, vfs_sys_stat("mnt/hidden", &a) == -ENOENT, "the mount hides the directory");
	ktap_expect(t, vfs_put_file("mnt/new", "x", 1) == 0, "a file on the new ramfs");
	ktap_expect(t, vfs_sys_stat("mnt", &a) == 0 && vfs_sys_stat(".", &b) == 0 && a.st_dev != b.st_dev,
		    "another device");
	ktap_expect(t, vfs_sys_stat("mnt/..", &a) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
		    ".. leaves the mount");
	ktap_expect(t, vfs_sys_rename("mnt/new", "new") == -EXDEV, "EXDEV");
	ktap_expect(t, vfs_sys_link("mnt/new", "new") == -EXDEV, "link EXDEV");
	ktap_expect(t, vfs_sys_rmdir("mnt") == -EBUSY, "rmdir a mount point");
	ktap_expect(t, vfs_sys_chdir("mnt") == 0 && vfs_sys_getcwd((uint8_t *)cwd, sizeof(cwd)) > 0, "chdir in");
	ktap_expect(t, strcmp(cwd + strlen(dir), "/mnt") == 0, "getcwd across the mount: %s", cwd);
	ktap_expect(t, vfs_sys_umount2(".", 0) == -EBUSY, "busy: the working directory");
	ktap_expect(t, vfs_sys_chdir("..") == 0, "chdir out");
	fd = vfs_sys_open("mnt/new", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_umount2("mnt", 0) == -EBUSY, "busy: an open file");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_umount2("mnt", 0) == 0, "umount");
	ktap_expect(t, vfs_sys_stat("mnt/hidden", &a) == 0, "the directory's own file again");
	ktap_expect(t, vfs_sys_umount2("mnt", 0) == -EINVAL, "not a mount any more");
	ktap_expect(t, vfs_sys_umount2("/", 0) == -EBUSY, "the root stays");
}

static void mount_errors(struct ktap *t)
{
	vfs_case_dir(t);
	vfs_put_file("f", "", 0);
	vfs_sys_mkdir("d", 0755);
	ktap_expect(t, vfs_sys_mount("none", "d", "nosuchfs", 0, NULL) == -ENODEV, "ENODEV");
	ktap_expect(t, vfs_sys_mount("none", "missing", "ramfs", 0, NULL) == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_mount("none", "f", "ramfs", 0, NULL) == -ENOTDIR, "ENOTDIR");
	ktap_expect(t, vfs_sys_mount("none", "d", VFS_KERNEL_PTR, 0, NULL) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_umount2("d", 0) == -EINVAL, "umount a plain directory");
	ktap_expect(t, vfs_sys_umount2("d", 0x100) == -EINVAL, "bad flags");
	ktap_expect(t, vfs_sys_sync() == 0, "sync");
	ktap_expect(t, vfs_sys_fsync(-1) == -EBADF, "fsync EBADF");
}

const struct ktap_case vfs_mount_cases[] = {
	KTAP_CASE(a_mount_is_crossed_both_ways),
	KTAP_CASE(mount_errors),
	{ 0 },
};
