/* SPDX-License-Identifier: Apache-2.0 */
/* Name-space calls: mkdir/mkdirat/rmdir, unlink/unlinkat, rename and
 * renameat2, link, symlink, readlink, the path walk (".", "..", symlinks),
 * chdir/fchdir/getcwd, getdents64, stat/lstat/fstat/newfstatat/statx,
 * access/faccessat, chmod/fchmod, umask at creation, utimensat, ioctl on a
 * file; with their error cases. Run by /init and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>

/* The head of Linux's struct statx (musl 1.2.3 has no statx()). */
struct fs_tree_statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad;
	uint64_t ino, size, blocks, attributes_mask;
	unsigned char rest[256 - 64];
};

#define FS_TREE_STATX_BASIC_STATS 0x7ffu

static char fs_tree_dir[256];

static const char *fs_tree_path(const char *name)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ & 3];

	snprintf(p, 512, "%s/%s", fs_tree_dir, name);
	return p;
}

static bool fs_tree_touch(const char *name, mode_t mode)
{
	int fd = open(fs_tree_path(name), O_CREAT | O_WRONLY | O_TRUNC, mode);

	return fd >= 0 && close(fd) == 0;
}

static void fs_tree_mkdir_rmdir(void)
{
	int dir = open(fs_tree_dir, O_RDONLY | O_DIRECTORY);

	EXPECT(mkdir(fs_tree_path("d"), 0755) == 0);
	EXPECT(mkdirat(dir, "d/e", 0700) == 0);
	EXPECT_ERR(mkdir(fs_tree_path("d"), 0755), EEXIST);
	EXPECT_ERR(mkdir(fs_tree_path("nope/x"), 0755), ENOENT);
	EXPECT(fs_tree_touch("f", 0644));
	EXPECT_ERR(mkdir(fs_tree_path("f/x"), 0755), ENOTDIR);
	EXPECT_ERR(rmdir(fs_tree_path("d")), ENOTEMPTY);
	EXPECT_ERR(rmdir(fs_tree_path("f")), ENOTDIR);
	EXPECT_ERR(rmdir(fs_tree_path("nope")), ENOENT);
	EXPECT_ERR(rmdir(fs_tree_path("d/e/.")), EINVAL);
	EXPECT_ERR(mkdirat(9999, "x", 0755), EBADF);
	EXPECT(rmdir(fs_tree_path("d/e")) == 0 && rmdir(fs_tree_path("d")) == 0);
	close(dir);
}

static void fs_tree_unlink(void)
{
	int dir = open(fs_tree_dir, O_RDONLY | O_DIRECTORY);

	EXPECT(fs_tree_touch("u", 0644) && mkdir(fs_tree_path("ud"), 0755) == 0);
	EXPECT_ERR(unlink(fs_tree_path("ud")), EISDIR);
	EXPECT_ERR(unlinkat(dir, "u", AT_REMOVEDIR), ENOTDIR);
	EXPECT(unlinkat(dir, "ud", AT_REMOVEDIR) == 0);
	EXPECT(unlinkat(dir, "u", 0) == 0);
	EXPECT_ERR(unlink(fs_tree_path("u")), ENOENT);
	EXPECT_ERR(unlinkat(dir, "u", 12345), EINVAL);
	close(dir);
}

static void fs_tree_rename(void)
{
	struct stat st;

	EXPECT(fs_tree_touch("r1", 0644) && fs_tree_touch("r2", 0600) && mkdir(fs_tree_path("rd"), 0755) == 0);
	EXPECT(rename(fs_tree_path("r1"), fs_tree_path("r3")) == 0);
	EXPECT_ERR(stat(fs_tree_path("r1"), &st), ENOENT);
	EXPECT(rename(fs_tree_path("r3"), fs_tree_path("r2")) == 0); /* replaces r2 */
	EXPECT(stat(fs_tree_path("r2"), &st) == 0 && (st.st_mode & 0777) == 0644);
	EXPECT_ERR(rename(fs_tree_path("rd"), fs_tree_path("r2")), ENOTDIR);
	EXPECT_ERR(rename(fs_tree_path("r2"), fs_tree_path("rd")), EISDIR);
	EXPECT_ERR(rename(fs_tree_path("missing"), fs_tree_path("x")), ENOENT);
	EXPECT_ERR(rename(fs_tree_path("rd"), fs_tree_path("rd/sub")), EINVAL);
	EXPECT(rename(fs_tree_path("rd"), fs_tree_path("rd2")) == 0);
	EXPECT(fs_tree_touch("r4", 0644));
	EXPECT_ERR(syscall(SYS_renameat2, AT_FDCWD, fs_tree_path("r4"), AT_FDCWD, fs_tree_path("r2"),
			   1 /* RENAME_NOREPLACE */), EEXIST);
	EXPECT(syscall(SYS_renameat2, AT_FDCWD, fs_tree_path("r4"), AT_FDCWD, fs_tree_path("r5"), 1) == 0);
	EXPECT(unlink(fs_tree_path("r2")) == 0 && unlink(fs_tree_path("r5")) == 0);
	EXPECT(rmdir(fs_tree_path("rd2")) == 0);
}

static void fs_tree_links(void)
{
	struct stat st;
	char buf[64] = { 0 };

	EXPECT(fs_tree_touch("l", 0644));
	EXPECT(link(fs_tree_path("l"), fs_tree_path("l2")) == 0);
	EXPECT(stat(fs_tree_path("l"), &st) == 0 && st.st_nlink == 2);
	EXPECT_ERR(link(fs_tree_path("l"), fs_tree_path("l2")), EEXIST);
	EXPECT_ERR(link(fs_tree_path("missing"), fs_tree_path("l3")), ENOENT);
	EXPECT(symlink("l", fs_tree_path("s")) == 0);
	EXPECT(readlink(fs_tree_path("s"), buf, sizeof(buf)) == 1 && buf[0] == 'l');
	EXPECT(lstat(fs_tree_path("s"), &st) == 0 && S_ISLNK(st.st_mode));
	EXPECT(stat(fs_tree_path("s"), &st) == 0 && S_ISREG(st.st_mode));
	EXPECT_ERR(readlink(fs_tree_path("l"), buf, sizeof(buf)), EINVAL);
	EXPECT_ERR(symlink("x", fs_tree_path("s")), EEXIST);
	EXPECT(symlink("dangling", fs_tree_path("sd")) == 0);
	EXPECT_ERR(open(fs_tree_path("sd"), O_RDONLY), ENOENT);
	EXPECT_ERR(open(fs_tree_path("s"), O_RDONLY | O_NOFOLLOW), ELOOP);
	EXPECT(symlink("loop", fs_tree_path("loop")) == 0);
	EXPECT_ERR(open(fs_tree_path("loop"), O_RDONLY), ELOOP);
	/* The walk: ".", ".." and a symlink to a directory in the middle. */
	EXPECT(mkdir(fs_tree_path("w"), 0755) == 0 && symlink("w", fs_tree_path("ws")) == 0);
	EXPECT(fs_tree_touch("w/inner", 0644));
	EXPECT(stat(fs_tree_path("ws/./../w/inner"), &st) == 0);
	EXPECT(stat(fs_tree_path("./w/../ws/inner"), &st) == 0);
	unlink(fs_tree_path("w/inner")), unlink(fs_tree_path("ws")), rmdir(fs_tree_path("w"));
	unlink(fs_tree_path("loop")), unlink(fs_tree_path("sd")), unlink(fs_tree_path("s"));
	unlink(fs_tree_path("l2")), unlink(fs_tree_path("l"));
}

static void fs_tree_cwd(void)
{
	char cwd[PATH_MAX], here[PATH_MAX];
	char small[2];
	int dir;
	struct stat st;

	EXPECT(getcwd(cwd, sizeof(cwd)) != NULL);
	EXPECT(mkdir(fs_tree_path("c"), 0755) == 0 && chdir(fs_tree_path("c")) == 0);
	EXPECT(getcwd(here, sizeof(here)) && !strcmp(here + strlen(here) - 2, "/c"));
	EXPECT(fs_tree_touch("c/rel", 0644) && stat("rel", &st) == 0);
	EXPECT(chdir("..") == 0 && stat("c/rel", &st) == 0);
	dir = open("c", O_RDONLY | O_DIRECTORY);
	EXPECT(fchdir(dir) == 0 && stat("rel", &st) == 0);
	EXPECT(getcwd(small, sizeof(small)) == NULL && errno == ERANGE);
	EXPECT_ERR(chdir(fs_tree_path("c/rel")), ENOTDIR);
	EXPECT_ERR(chdir(fs_tree_path("nope")), ENOENT);
	EXPECT_ERR(fchdir(9999), EBADF);
	EXPECT(chdir(cwd) == 0);
	close(dir);
	unlink(fs_tree_path("c/rel")), rmdir(fs_tree_path("c"));
}

static void fs_tree_getdents64(void)
{
	DIR *d;
	struct dirent *e;
	int seen = 0;

	EXPECT(mkdir(fs_tree_path("g"), 0755) == 0);
	EXPECT(fs_tree_touch("g/one", 0644) && fs_tree_touch("g/two", 0644) && mkdir(fs_tree_path("g/sub"), 0755) == 0);
	d = opendir(fs_tree_path("g"));
	if (!EXPECT(d != NULL))
		return;
	while ((e = readdir(d))) {
		seen |= !strcmp(e->d_name, ".") << 0 | !strcmp(e->d_name, "..") << 1;
		seen |= (!strcmp(e->d_name, "one") && e->d_type == DT_REG) << 2;
		seen |= (!strcmp(e->d_name, "two") && e->d_type == DT_REG) << 3;
		seen |= (!strcmp(e->d_name, "sub") && e->d_type == DT_DIR) << 4;
	}
	closedir(d);
	EXPECT(seen == 0x1f);
	char buf[512];
	int file = open(fs_tree_path("g/one"), O_RDONLY);
	EXPECT_ERR(syscall(SYS_getdents64, file, buf, sizeof(buf)), ENOTDIR);
	EXPECT_ERR(syscall(SYS_getdents64, 9999, buf, sizeof(buf)), EBADF);
	int dir = open(fs_tree_path("g"), O_RDONLY | O_DIRECTORY);
	EXPECT_ERR(syscall(SYS_getdents64, dir, buf, 1), EINVAL);
	close(dir), close(file);
	unlink(fs_tree_path("g/one")), unlink(fs_tree_path("g/two"));
	rmdir(fs_tree_path("g/sub")), rmdir(fs_tree_path("g"));
}

static void fs_tree_stat_family(void)
{
	struct stat a, b;
	struct fs_tree_statx sx;
	int fd;

	EXPECT(fs_tree_touch("st", 0640));
	fd = open(fs_tree_path("st"), O_WRONLY);
	EXPECT(write(fd, "12345", 5) == 5);
	EXPECT(fstat(fd, &a) == 0 && a.st_size == 5 && S_ISREG(a.st_mode) && (a.st_mode & 0777) == 0640);
	EXPECT(syscall(SYS_newfstatat, fd, "", &b, AT_EMPTY_PATH) == 0 && b.st_ino == a.st_ino);
	EXPECT(stat(fs_tree_path("st"), &b) == 0 && b.st_ino == a.st_ino && b.st_dev == a.st_dev);
	EXPECT(symlink("st", fs_tree_path("stl")) == 0);
	EXPECT(fstatat(AT_FDCWD, fs_tree_path("stl"), &b, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(b.st_mode));
	EXPECT(syscall(SYS_statx, AT_FDCWD, fs_tree_path("stl"), 0, FS_TREE_STATX_BASIC_STATS, &sx) == 0);
	EXPECT(sx.size == 5 && S_ISREG(sx.mode) && sx.ino == a.st_ino);
	EXPECT(stat(fs_tree_dir, &b) == 0 && S_ISDIR(b.st_mode));
	EXPECT_ERR(fstat(9999, &a), EBADF);
	EXPECT_ERR(stat(fs_tree_path("nope"), &a), ENOENT);
	EXPECT_ERR(stat(fs_tree_path("st/x"), &a), ENOTDIR);
	EXPECT_ERR(syscall(SYS_newfstatat, fd, "", &b, 0), ENOENT);
	EXPECT_ERR(fstatat(AT_FDCWD, fs_tree_path("st"), &b, 0x12345678), EINVAL);
	close(fd);
	unlink(fs_tree_path("stl")), unlink(fs_tree_path("st"));
}

static void fs_tree_modes_and_access(void)
{
	struct stat st;
	mode_t old = umask(027);
	int fd;

	EXPECT(fs_tree_touch("m", 0666));
	EXPECT(stat(fs_tree_path("m"), &st) == 0 && (st.st_mode & 0777) == 0640);
	umask(old);
	EXPECT(chmod(fs_tree_path("m"), 0600) == 0 && stat(fs_tree_path("m"), &st) == 0 &&
	       (st.st_mode & 07777) == 0600);
	fd = open(fs_tree_path("m"), O_RDONLY);
	EXPECT(fchmod(fd, 04755) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 04755);
	EXPECT(access(fs_tree_path("m"), F_OK) == 0 && access(fs_tree_path("m"), R_OK | W_OK | X_OK) == 0);
	EXPECT(fchmod(fd, 0644) == 0);
	/* Root may read and write anything, but execute only with an x bit. */
	EXPECT_ERR(access(fs_tree_path("m"), X_OK), EACCES);
	EXPECT(faccessat(AT_FDCWD, fs_tree_path("m"), R_OK, 0) == 0);
	EXPECT_ERR(access(fs_tree_path("nope"), F_OK), ENOENT);
	EXPECT_ERR(access(fs_tree_path("m"), 0x40), EINVAL);
	EXPECT_ERR(chmod(fs_tree_path("nope"), 0644), ENOENT);
	EXPECT_ERR(fchmod(9999, 0644), EBADF);
	close(fd);
}

static void fs_tree_utimensat(void)
{
	struct timespec times[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	struct stat st;
	time_t now = time(NULL);

	EXPECT(utimensat(AT_FDCWD, fs_tree_path("m"), times, 0) == 0);
	EXPECT(stat(fs_tree_path("m"), &st) == 0);
	EXPECT(st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec == 1200000000);
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_nsec = UTIME_NOW;
	EXPECT(utimensat(AT_FDCWD, fs_tree_path("m"), times, 0) == 0 && stat(fs_tree_path("m"), &st) == 0);
	EXPECT(st.st_atim.tv_sec == 1000000000 && st.st_mtim.tv_sec >= now);
	times[1].tv_nsec = 2000000000;
	EXPECT_ERR(utimensat(AT_FDCWD, fs_tree_path("m"), times, 0), EINVAL);
	EXPECT_ERR(utimensat(AT_FDCWD, fs_tree_path("nope"), NULL, 0), ENOENT);
}

static void fs_tree_ioctl_on_file(void)
{
	struct termios t;
	int fd = open(fs_tree_path("m"), O_RDONLY);

	EXPECT_ERR(ioctl(fd, TCGETS, &t), ENOTTY);
	EXPECT_ERR(ioctl(9999, TCGETS, &t), EBADF);
	close(fd);
	unlink(fs_tree_path("m"));
	unlink(fs_tree_path("f"));
	EXPECT(rmdir(fs_tree_dir) == 0);
}

static const struct ktap_case fs_tree_cases[] = {
	KTAP_CASE(fs_tree_mkdir_rmdir),
	KTAP_CASE(fs_tree_unlink),
	KTAP_CASE(fs_tree_rename),
	KTAP_CASE(fs_tree_links),
	KTAP_CASE(fs_tree_cwd),
	KTAP_CASE(fs_tree_getdents64),
	KTAP_CASE(fs_tree_stat_family),
	KTAP_CASE(fs_tree_modes_and_access),
	KTAP_CASE(fs_tree_utimensat),
	KTAP_CASE(fs_tree_ioctl_on_file),
};

int main(void)
{
	if (!ktap_tmpdir(fs_tree_dir, sizeof(fs_tree_dir), "fs_tree")) {
		printf("fs_tree: cannot make a temporary directory: %s\n", strerror(errno));
		return 1;
	}
	return ktap_run("fs_tree", fs_tree_cases, (int)(sizeof(fs_tree_cases) / sizeof(fs_tree_cases[0])));
}
