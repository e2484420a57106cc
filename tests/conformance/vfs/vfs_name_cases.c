/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Names: unlink (an open file lives on), hard links and link counts,
 * symbolic links (relative, absolute, chains, loops: ELOOP), readlink,
 * rename with its flags, and `.` and `..` in walks.
 */
#include <string.h>

#include "vfs_cases.h"

static long nlink_of(const char *path)
{
	struct linux_stat st;
	long err = vfs_sys_lstat(path, &st);

	return err ? err : (long)st.st_nlink;
}

static void unlinked_open_file_stays_readable(struct ktap *t)
{
	char buf[4] = { 0 };
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "abc", 3) == 0, "file");
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_unlink("f") == 0, "unlink");
	ktap_expect(t, vfs_sys_open("f", O_RDONLY, 0) == -ENOENT, "name gone");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 3) == 3 && strcmp(buf, "abc") == 0, "data stays");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_unlink("f") == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_unlink(".") == -EISDIR, "unlink .");
	ktap_expect(t, vfs_sys_mkdir("d", 0755) == 0 && vfs_sys_unlink("d") == -EISDIR, "unlink a directory");
	ktap_expect(t, vfs_sys_unlink(NULL) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_unlinkat(AT_FDCWD, "d", 0x1) == -EINVAL, "unknown flag");
	ktap_expect(t, vfs_sys_unlinkat(AT_FDCWD, "d", AT_REMOVEDIR) == 0, "AT_REMOVEDIR");
}

static void hard_links_count(struct ktap *t)
{
	struct linux_stat a, b;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "1", 1) == 0, "file");
	ktap_expect(t, vfs_sys_link("f", "g") == 0, "link");
	ktap_expect(t, nlink_of("f") == 2, "nlink 2");
	ktap_expect(t, vfs_sys_stat("f", &a) == 0 && vfs_sys_stat("g", &b) == 0 && a.st_ino == b.st_ino,
		    "same inode");
	ktap_expect(t, vfs_sys_link("f", "g") == -EEXIST, "EEXIST");
	ktap_expect(t, vfs_sys_link("missing", "h") == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_link(".", "h") == -EPERM, "a directory: EPERM");
	ktap_expect(t, vfs_sys_unlink("f") == 0 && nlink_of("g") == 1, "nlink back to 1");
	ktap_expect(t, vfs_sys_linkat(AT_FDCWD, "g", AT_FDCWD, "h", 0x1) == -EINVAL, "linkat bad flags");
	ktap_expect(t, vfs_sys_linkat(AT_FDCWD, "g", AT_FDCWD, "h", 0) == 0 && nlink_of("h") == 2, "linkat");
}

static void symlinks_resolve_and_loop(struct ktap *t)
{
	char buf[64] = { 0 }, path[64];
	const char *dir = vfs_case_dir(t);
	struct linux_stat st;

	ktap_expect(t, vfs_sys_mkdir("d", 0755) == 0 && vfs_put_file("d/f", "x", 1) == 0, "tree");
	ktap_expect(t, vfs_sys_symlink("d", "rel") == 0, "relative link");
	snprintf(path, sizeof(path), "%s/d/f", dir);
	ktap_expect(t, vfs_sys_symlink(path, "abs") == 0, "absolute link");
	ktap_expect(t, vfs_sys_symlink("rel/f", "chain") == 0, "chain");
	ktap_expect(t, vfs_sys_stat("rel/f", &st) == 0 && st.st_size == 1, "through a directory link");
	ktap_expect(t, vfs_sys_stat("abs", &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG, "absolute");
	ktap_expect(t, vfs_sys_stat("chain", &st) == 0 && st.st_size == 1, "chain");
	ktap_expect(t, vfs_sys_lstat("chain", &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK && st.st_size == 5,
		    "lstat sees the link");
	ktap_expect(t, vfs_sys_readlink("chain", buf, sizeof(buf)) == 5 && strcmp(buf, "rel/f") == 0, "readlink");
	ktap_expect(t, vfs_sys_readlink("chain", buf, 2) == 2, "readlink cut");
	ktap_expect(t, vfs_sys_readlink("d", buf, sizeof(buf)) == -EINVAL, "not a link");
	ktap_expect(t, vfs_sys_readlink("chain", buf, 0) == -EINVAL, "zero size");
	ktap_expect(t, vfs_sys_readlink("chain", VFS_KERNEL_PTR, 8) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_symlink("loop2", "loop1") == 0 && vfs_sys_symlink("loop1", "loop2") == 0, "loop");
	ktap_expect(t, vfs_sys_stat("loop1", &st) == -ELOOP, "ELOOP");
	ktap_expect(t, vfs_sys_symlink("nowhere", "dangling") == 0, "dangling");
	ktap_expect(t, vfs_sys_stat("dangling", &st) == -ENOENT, "dangling: ENOENT");
	ktap_expect(t, vfs_sys_symlink("x", "d") == -EEXIST, "EEXIST");
	ktap_expect(t, vfs_sys_symlink("", "empty") == -ENOENT, "empty target");
	ktap_expect(t, vfs_sys_symlinkat("d", AT_FDCWD, "rel2") == 0, "symlinkat");
	ktap_expect(t, vfs_sys_readlinkat(AT_FDCWD, "rel2", buf, sizeof(buf)) == 1, "readlinkat");
}

/* 40 links in a chain resolve; the 41st is one too many. */
static void forty_links_resolve_and_the_41st_loops(struct ktap *t)
{
	char from[16], to[16];
	struct linux_stat st;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("l0", "x", 1) == 0, "target");
	for (int i = 1; i <= 41; i++) {
		snprintf(to, sizeof(to), "l%d", i - 1);
		snprintf(from, sizeof(from), "l%d", i);
		vfs_sys_symlink(to, from);
	}
	ktap_expect(t, vfs_sys_stat("l40", &st) == 0, "40 links");
	ktap_expect(t, vfs_sys_stat("l41", &st) == -ELOOP, "41 links");
}

static void rename_moves_replaces_and_refuses(struct ktap *t)
{
	struct linux_stat st;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("a", "A", 1) == 0 && vfs_put_file("b", "BB", 2) == 0, "files");
	ktap_expect(t, vfs_sys_mkdir("d", 0755) == 0 && vfs_sys_mkdir("e", 0755) == 0, "dirs");
	ktap_expect(t, vfs_sys_rename("a", "b") == 0, "replace");
	ktap_expect(t, vfs_sys_stat("b", &st) == 0 && st.st_size == 1 && vfs_sys_stat("a", &st) == -ENOENT,
		    "b is a's");
	ktap_expect(t, vfs_sys_rename("b", "d/b") == 0 && vfs_sys_stat("d/b", &st) == 0, "into a directory");
	ktap_expect(t, vfs_sys_rename("missing", "x") == -ENOENT, "ENOENT");
	ktap_expect(t, vfs_sys_rename("d", "d/sub") == -EINVAL, "into itself");
	ktap_expect(t, vfs_sys_rename("e", "d") == -ENOTEMPTY, "onto a non-empty directory");
	ktap_expect(t, vfs_sys_rename("d/b", "e") == -EISDIR, "file onto a directory");
	ktap_expect(t, vfs_sys_rename("e", "d/b") == -ENOTDIR, "directory onto a file");
	ktap_expect(t, vfs_sys_renameat2(AT_FDCWD, "d/b", AT_FDCWD, "e", 0x80) == -EINVAL, "bad flags");
	ktap_expect(t, vfs_put_file("c", "C", 1) == 0, "c");
	ktap_expect(t, vfs_sys_renameat2(AT_FDCWD, "c", AT_FDCWD, "d/b", RENAME_NOREPLACE) == -EEXIST,
		    "RENAME_NOREPLACE");
	ktap_expect(t, vfs_sys_renameat2(AT_FDCWD, "c", AT_FDCWD, "e", RENAME_EXCHANGE) == 0, "RENAME_EXCHANGE");
	ktap_expect(t, vfs_sys_stat("c", &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR, "c is the directory");
	ktap_expect(t, vfs_sys_stat("e", &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG, "e is the file");
	ktap_expect(t, vfs_sys_renameat(AT_FDCWD, "e", AT_FDCWD, "f") == 0, "renameat");
	ktap_expect(t, vfs_sys_rename("f", "/dev-less/x") == -ENOENT, "missing target directory");
}

static void dot_and_dotdot(struct ktap *t)
{
	struct linux_stat a, b;

	vfs_case_dir(t);
	ktap_expect(t, vfs_sys_mkdir("d", 0755) == 0 && vfs_sys_mkdir("d/e", 0755) == 0, "tree");
	ktap_expect(t, vfs_sys_stat("d/e/..", &a) == 0 && vfs_sys_stat("d", &b) == 0 && a.st_ino == b.st_ino,
		    "d/e/.. is d");
	ktap_expect(t, vfs_sys_stat("./d/./e/../../d", &a) == 0 && a.st_ino == b.st_ino, "dots");
	ktap_expect(t, vfs_sys_stat("/..", &a) == 0 && vfs_sys_stat("/", &b) == 0 && a.st_ino == b.st_ino,
		    "/.. is /");
	ktap_expect(t, vfs_sys_stat("d//e///", &a) == 0, "repeated slashes");
	ktap_expect(t, vfs_put_file("f", "", 0) == 0 && vfs_sys_stat("f/", &a) == -ENOTDIR, "f/ is not a directory");
}

const struct ktap_case vfs_name_cases[] = {
	KTAP_CASE(unlinked_open_file_stays_readable),
	KTAP_CASE(hard_links_count),
	KTAP_CASE(symlinks_resolve_and_loop),
	KTAP_CASE(forty_links_resolve_and_the_41st_loops),
	KTAP_CASE(rename_moves_replaces_and_refuses),
	KTAP_CASE(dot_and_dotdot),
	{ 0 },
};
