/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The initramfs suite: archives built here (cpio_builder.c) unpacked into
 * the VFS's ramfs root, then checked with the file system calls:
 * directories, files, modes, symbolic links, hard links, special files
 * skipped, "crc" checksums, concatenated archives, /dev made, and damaged
 * archives reported without harm.
 */
#include <stdio.h>
#undef SEEK_SET
#undef SEEK_CUR
#undef SEEK_END
#include <string.h>

#include <tessera/components/vfs_core.h>
#include <tessera/initramfs.h>

#include "cpio_builder.h"
#include "host_world.h"
#include "ktap.h"

static uint8_t image[1 << 20];

static struct cpio_builder new_archive(bool crc)
{
	memset(image, 0, sizeof(image));
	return (struct cpio_builder){ .buf = image, .size = sizeof(image), .crc = crc };
}

static long read_file(const char *path, char *buf, size_t size)
{
	long fd = vfs_sys_open(path, O_RDONLY, 0), n;

	if (fd < 0)
		return fd;
	memset(buf, 0, size);
	n = vfs_sys_read((int32_t)fd, buf, size - 1);
	vfs_sys_close((int32_t)fd);
	return n;
}

static uint32_t mode_of(const char *path)
{
	struct linux_stat st;

	return vfs_sys_lstat(path, &st) ? 0 : st.st_mode;
}

static void a_newc_archive_unpacks(struct ktap *t)
{
	struct cpio_builder b = new_archive(false);
	char buf[64];
	struct linux_stat st1, st2;

	cpio_add(&b, ".", S_IFDIR | 0755, 1, 2, NULL, 0);
	cpio_add(&b, "etc", S_IFDIR | 0750, 2, 2, NULL, 0);
	cpio_add(&b, "etc/motd", S_IFREG | 0640, 3, 1, "welcome\n", 8);
	cpio_add(&b, "./bin", S_IFDIR | 0755, 4, 2, NULL, 0);
	cpio_add(&b, "bin/sh", S_IFREG | 0755, 5, 1, "#!", 2);
	cpio_add(&b, "bin/link", S_IFLNK | 0777, 6, 1, "sh", 2);
	cpio_add(&b, "hard1", S_IFREG | 0600, 7, 2, NULL, 0);
	cpio_add(&b, "hard2", S_IFREG | 0600, 7, 2, "shared", 6);
	cpio_add(&b, "dev/null-node", S_IFCHR | 0666, 8, 1, NULL, 0);
	cpio_finish(&b);
	ktap_expect(t, initramfs_unpack(image, b.len) == 7, "unpack made 7 entries");
	ktap_expect(t, read_file("/etc/motd", buf, sizeof(buf)) == 8 && strcmp(buf, "welcome\n") == 0, "motd");
	ktap_expect(t, mode_of("/etc") == (S_IFDIR | 0750), "/etc mode %o", mode_of("/etc"));
	ktap_expect(t, mode_of("/etc/motd") == (S_IFREG | 0640), "motd mode %o", mode_of("/etc/motd"));
	ktap_expect(t, mode_of("/bin/sh") == (S_IFREG | 0755), "sh mode %o", mode_of("/bin/sh"));
	ktap_expect(t, vfs_sys_readlink("/bin/link", buf, sizeof(buf)) == 2 && memcmp(buf, "sh", 2) == 0, "symlink");
	ktap_expect(t, vfs_sys_stat("/hard1", &st1) == 0 && vfs_sys_stat("/hard2", &st2) == 0 &&
			       st1.st_ino == st2.st_ino && st1.st_nlink == 2,
		    "hard links share an inode (nlink %lu)", st1.st_nlink);
	ktap_expect(t, read_file("/hard1", buf, sizeof(buf)) == 6 && strcmp(buf, "shared") == 0, "data via hard1");
	ktap_expect(t, mode_of("/dev/null-node") == 0, "device nodes are skipped");
	ktap_expect(t, mode_of("/dev") == (S_IFDIR | 0755), "/dev made");
}

static void crc_archives_are_checked(struct ktap *t)
{
	struct cpio_builder b = new_archive(true);
	char buf[16];
	size_t bad;

	cpio_add(&b, "crc-good", S_IFREG | 0644, 20, 1, "abc", 3);
	bad = b.len;
	cpio_add(&b, "crc-bad", S_IFREG | 0644, 21, 1, "xyz", 3);
	memcpy(image + bad + 102, "00000001", 8); /* a wrong checksum */
	cpio_finish(&b);
	ktap_expect(t, initramfs_unpack(image, b.len) == 1, "one good entry");
	ktap_expect(t, read_file("/crc-good", buf, sizeof(buf)) == 3, "good one made");
	ktap_expect(t, read_file("/crc-bad", buf, sizeof(buf)) == -ENOENT, "bad one skipped");
}

static void concatenated_archives_all_unpack(struct ktap *t)
{
	struct cpio_builder b = new_archive(false);
	char buf[16];

	cpio_add(&b, "cat1", S_IFREG | 0644, 30, 1, "1", 1);
	cpio_finish(&b);
	b.crc = true;
	cpio_add(&b, "cat2", S_IFREG | 0644, 30, 1, "2", 1); /* same ino, a new archive: a new file */
	cpio_finish(&b);
	ktap_expect(t, initramfs_unpack(image, b.len) == 2, "both archives");
	ktap_expect(t, read_file("/cat1", buf, sizeof(buf)) == 1 && buf[0] == '1', "cat1");
	ktap_expect(t, read_file("/cat2", buf, sizeof(buf)) == 1 && buf[0] == '2', "cat2");
}

static void damaged_archives_fail_cleanly(struct ktap *t)
{
	struct cpio_builder b = new_archive(false);
	char buf[16];
	size_t second;

	cpio_add(&b, "before-damage", S_IFREG | 0644, 40, 1, "ok", 2);
	second = b.len;
	cpio_add(&b, "damaged", S_IFREG | 0644, 41, 1, "data", 4);
	cpio_finish(&b);
	image[second + 20] = 'Z'; /* not a hex digit */
	ktap_expect(t, initramfs_unpack(image, b.len) == -EINVAL, "bad hex: EINVAL");
	ktap_expect(t, read_file("/before-damage", buf, sizeof(buf)) == 2, "what came before stays");
	ktap_expect(t, initramfs_unpack((const uint8_t *)"070701", 6) == -EINVAL, "truncated header");
	b = new_archive(false);
	cpio_add(&b, "huge", S_IFREG | 0644, 42, 1, "x", 1);
	memcpy(image + 6 + 6 * 8, "7FFFFFFF", 8); /* filesize past the end */
	ktap_expect(t, initramfs_unpack(image, b.len) == -EINVAL, "size past the end");
	b = new_archive(false);
	cpio_add(&b, "name", S_IFREG | 0644, 43, 1, "x", 1);
	memcpy(image + 6 + 11 * 8, "00100000", 8); /* namesize past the end */
	ktap_expect(t, initramfs_unpack(image, b.len) == -EINVAL, "name past the end");
	memcpy(image, "123456", 6);
	ktap_expect(t, initramfs_unpack(image, b.len) == -EINVAL, "bad magic");
	ktap_expect(t, initramfs_unpack(image, 0) == 0, "an empty image is empty");
}

static const struct ktap_case cpio_cases[] = {
	KTAP_CASE(a_newc_archive_unpacks),
	KTAP_CASE(crc_archives_are_checked),
	KTAP_CASE(concatenated_archives_all_unpack),
	KTAP_CASE(damaged_archives_fail_cleanly),
	{ 0 },
};

int main(void)
{
	char suite[64];

	world_start();
	snprintf(suite, sizeof(suite), "initramfs_under_%s", world_sched().name);
	return ktap_run_suite(suite, cpio_cases, NULL, NULL) ? 1 : 0;
}
