/* SPDX-License-Identifier: Apache-2.0 */
/* File I/O calls: open/openat/close, read/write, pread64/pwrite64,
 * readv/writev, lseek, dup/dup2/dup3 and close-on-exec, fcntl, truncate and
 * ftruncate, O_APPEND, a 16 MiB file written and read back; with their
 * EBADF, ENOENT, EEXIST, ENOTDIR, EISDIR and EINVAL cases. Run by /init
 * from /tests and by ctest on the host; re-executes itself to see which
 * descriptors survive execve. */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define FS_IO_EXEC_MARK "--fd-state"
#define FS_IO_BIG (16u << 20)
#define FS_IO_CHUNK (64u << 10)

static const char *fs_io_self;
static char fs_io_dir[256];

static const char *fs_io_path(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", fs_io_dir, name);
	return path;
}

static void fs_io_open_read_write(void)
{
	char buf[16] = { 0 };
	int fd = open(fs_io_path("a"), O_CREAT | O_EXCL | O_RDWR, 0644);

	if (!EXPECT(fd >= 0))
		return;
	EXPECT(write(fd, "hello world", 11) == 11);
	EXPECT(lseek(fd, 0, SEEK_SET) == 0);
	EXPECT(read(fd, buf, sizeof(buf)) == 11 && !memcmp(buf, "hello world", 11));
	EXPECT(read(fd, buf, sizeof(buf)) == 0);
	EXPECT(close(fd) == 0);
	EXPECT_ERR(close(fd), EBADF);
	EXPECT_ERR(open(fs_io_path("a"), O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
	EXPECT_ERR(open(fs_io_path("missing"), O_RDONLY), ENOENT);
	EXPECT_ERR(open(fs_io_path("missing/x"), O_RDONLY | O_CREAT, 0644), ENOENT);
	EXPECT_ERR(open(fs_io_path("a/x"), O_RDONLY), ENOTDIR);
	EXPECT_ERR(open(fs_io_path("a"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERR(open(fs_io_dir, O_WRONLY), EISDIR);
	EXPECT_ERR(open(fs_io_dir, O_RDWR), EISDIR);
	EXPECT_ERR(open("", O_RDONLY), ENOENT);
	EXPECT_ERR(open(fs_io_path("a"), O_RDONLY | O_CREAT | O_TMPFILE, 0644), EINVAL);
}

static void fs_io_openat_relative(void)
{
	int dir = open(fs_io_dir, O_RDONLY | O_DIRECTORY);
	int file = -1;

	if (!EXPECT(dir >= 0))
		return;
	file = openat(dir, "b", O_CREAT | O_WRONLY | O_TRUNC, 0600);
	EXPECT(file >= 0);
	EXPECT(write(file, "xyz", 3) == 3);
	close(file);
	file = openat(AT_FDCWD, fs_io_path("b"), O_RDONLY);
	EXPECT(file >= 0);
	close(file);
	EXPECT_ERR(openat(12345, "b", O_RDONLY), EBADF);
	EXPECT_ERR(openat(file, "b", O_RDONLY), EBADF);
	file = openat(dir, "b", O_RDONLY);
	EXPECT_ERR(openat(file, "c", O_RDONLY), ENOTDIR);
	close(file);
	close(dir);
}

static void fs_io_bad_descriptors(void)
{
	char c;
	int ro = open(fs_io_path("b"), O_RDONLY);
	int wo = open(fs_io_path("b"), O_WRONLY);
	int dir = open(fs_io_dir, O_RDONLY);

	EXPECT_ERR(read(-1, &c, 1), EBADF);
	EXPECT_ERR(write(9999, &c, 1), EBADF);
	EXPECT_ERR(write(ro, "x", 1), EBADF);
	EXPECT_ERR(read(wo, &c, 1), EBADF);
	EXPECT_ERR(read(dir, &c, 1), EISDIR);
	EXPECT_ERR(lseek(9999, 0, SEEK_SET), EBADF);
	EXPECT_ERR(lseek(ro, -1, SEEK_SET), EINVAL);
	EXPECT_ERR(lseek(ro, 0, 12345), EINVAL);
	close(ro), close(wo), close(dir);
}

static void fs_io_positional_and_vectored(void)
{
	char buf[8] = { 0 }, x[3], y[4];
	int fd = open(fs_io_path("c"), O_CREAT | O_RDWR | O_TRUNC, 0644);
	struct iovec out[2] = { { "abc", 3 }, { "defg", 4 } };
	struct iovec in[2] = { { x, 3 }, { y, 4 } };

	if (!EXPECT(fd >= 0))
		return;
	EXPECT(writev(fd, out, 2) == 7);
	EXPECT(lseek(fd, 0, SEEK_CUR) == 7);
	EXPECT(pwrite(fd, "ZZ", 2, 1) == 2);
	EXPECT(lseek(fd, 0, SEEK_CUR) == 7);
	EXPECT(pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "aZZd", 4));
	EXPECT(lseek(fd, 0, SEEK_SET) == 0);
	EXPECT(readv(fd, in, 2) == 7 && !memcmp(x, "aZZ", 3) && !memcmp(y, "defg", 4));
	EXPECT(lseek(fd, -2, SEEK_END) == 5);
	EXPECT(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1);
	EXPECT(pread(fd, buf, 1, 50) == 1 && buf[0] == 0); /* the hole reads zeros */
	EXPECT_ERR(pread(fd, buf, 1, -1), EINVAL);
	close(fd);
}

static void fs_io_append_and_truncate(void)
{
	struct stat st;
	char c = 1;
	int fd = open(fs_io_path("d"), O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644);

	if (!EXPECT(fd >= 0))
		return;
	EXPECT(write(fd, "12", 2) == 2);
	EXPECT(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "34", 2) == 2);
	EXPECT(fstat(fd, &st) == 0 && st.st_size == 4);
	EXPECT(ftruncate(fd, 4096) == 0 && fstat(fd, &st) == 0 && st.st_size == 4096);
	close(fd);
	fd = open(fs_io_path("d"), O_RDONLY);
	EXPECT(pread(fd, &c, 1, 3) == 1 && c == '4');
	EXPECT(pread(fd, &c, 1, 4000) == 1 && c == 0);
	EXPECT(truncate(fs_io_path("d"), 1) == 0 && fstat(fd, &st) == 0 && st.st_size == 1);
	EXPECT_ERR(ftruncate(fd, 0), EINVAL); /* not open for writing */
	EXPECT_ERR(truncate(fs_io_path("d"), -1), EINVAL);
	EXPECT_ERR(truncate(fs_io_dir, 0), EISDIR);
	EXPECT_ERR(truncate(fs_io_path("missing"), 0), ENOENT);
	EXPECT_ERR(ftruncate(9999, 0), EBADF);
	close(fd);
	fd = open(fs_io_path("d"), O_RDWR | O_TRUNC);
	EXPECT(fstat(fd, &st) == 0 && st.st_size == 0);
	close(fd);
}

static void fs_io_dup_family(void)
{
	char c;
	int fd = open(fs_io_path("c"), O_RDONLY);
	int copy = dup(fd);

	if (!EXPECT(fd >= 0 && copy >= 0))
		return;
	EXPECT(read(fd, &c, 1) == 1 && lseek(copy, 0, SEEK_CUR) == 1); /* shared offset */
	EXPECT(dup2(fd, 100) == 100 && lseek(100, 0, SEEK_CUR) == 1);
	EXPECT(dup2(fd, fd) == fd);
	EXPECT_ERR(dup3(fd, fd, 0), EINVAL);
	EXPECT_ERR(syscall(SYS_dup3, fd, 101, 12345), EINVAL); /* raw: musl masks flags */
	EXPECT(dup3(fd, 101, O_CLOEXEC) == 101 && fcntl(101, F_GETFD) == FD_CLOEXEC);
	EXPECT(fcntl(100, F_GETFD) == 0);
	EXPECT_ERR(dup(9999), EBADF);
	EXPECT_ERR(dup2(9999, 5), EBADF);
	EXPECT_ERR(dup2(fd, -1), EBADF);
	close(copy);
	close(100);
	close(101);
	close(fd);
}

static void fs_io_fcntl(void)
{
	int fd = open(fs_io_path("c"), O_RDWR);

	if (!EXPECT(fd >= 0))
		return;
	EXPECT((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	EXPECT(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0);
	EXPECT(fcntl(fd, F_GETFL) & O_APPEND);
	EXPECT(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	EXPECT(fcntl(fd, F_DUPFD, 50) >= 50);
	int cloexec = fcntl(fd, F_DUPFD_CLOEXEC, 60);
	EXPECT(cloexec >= 60 && fcntl(cloexec, F_GETFD) == FD_CLOEXEC);
	EXPECT_ERR(fcntl(9999, F_GETFD), EBADF);
	EXPECT_ERR(fcntl(fd, 12345), EINVAL);
	EXPECT_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	close(fd);
}

/* execve keeps descriptors 3 and 4, without and with FD_CLOEXEC? */
static void fs_io_cloexec_closes_on_execve(void)
{
	int keep = open(fs_io_path("c"), O_RDONLY);
	int drop = open(fs_io_path("c"), O_RDONLY | O_CLOEXEC);
	char keep_s[16], drop_s[16];
	int status;

	if (!EXPECT(keep >= 0 && drop >= 0))
		return;
	snprintf(keep_s, sizeof(keep_s), "%d", keep);
	snprintf(drop_s, sizeof(drop_s), "%d", drop);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)fs_io_self, FS_IO_EXEC_MARK, keep_s, drop_s, NULL };
		execv(fs_io_self, argv);
		_exit(127);
	}
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(keep);
	close(drop);
}

static void fs_io_sixteen_mib_file(void)
{
	static uint32_t chunk[FS_IO_CHUNK / 4];
	int fd = open(fs_io_path("big"), O_CREAT | O_RDWR | O_TRUNC, 0644);
	struct stat st;
	bool same = true;

	if (!EXPECT(fd >= 0))
		return;
	for (uint32_t off = 0; off < FS_IO_BIG; off += FS_IO_CHUNK) {
		for (uint32_t i = 0; i < FS_IO_CHUNK / 4; i++)
			chunk[i] = off + 4 * i;
		if (!EXPECT(write(fd, chunk, FS_IO_CHUNK) == FS_IO_CHUNK))
			break;
	}
	EXPECT(fstat(fd, &st) == 0 && st.st_size == FS_IO_BIG);
	EXPECT(lseek(fd, 0, SEEK_SET) == 0);
	for (uint32_t off = 0; same && off < FS_IO_BIG; off += FS_IO_CHUNK) {
		same = read(fd, chunk, FS_IO_CHUNK) == FS_IO_CHUNK;
		for (uint32_t i = 0; same && i < FS_IO_CHUNK / 4; i++)
			same = chunk[i] == off + 4 * i;
	}
	EXPECT(same);
	EXPECT(read(fd, chunk, 1) == 0);
	close(fd);
	EXPECT(unlink(fs_io_path("big")) == 0);
}

static const struct ktap_case fs_io_cases[] = {
	KTAP_CASE(fs_io_open_read_write),
	KTAP_CASE(fs_io_openat_relative),
	KTAP_CASE(fs_io_bad_descriptors),
	KTAP_CASE(fs_io_positional_and_vectored),
	KTAP_CASE(fs_io_append_and_truncate),
	KTAP_CASE(fs_io_dup_family),
	KTAP_CASE(fs_io_fcntl),
	KTAP_CASE(fs_io_cloexec_closes_on_execve),
	KTAP_CASE(fs_io_sixteen_mib_file),
};

/* The re-executed program: argv[2] must be open, argv[3] closed. */
static int fs_io_fd_state(char **argv)
{
	int keep = atoi(argv[2]), drop = atoi(argv[3]);

	return fcntl(keep, F_GETFD) == 0 && fcntl(drop, F_GETFD) == -1 && errno == EBADF ? 0 : 1;
}

int main(int argc, char **argv)
{
	fs_io_self = argv[0];
	if (argc == 4 && !strcmp(argv[1], FS_IO_EXEC_MARK))
		return fs_io_fd_state(argv);
	if (!ktap_tmpdir(fs_io_dir, sizeof(fs_io_dir), "fs_io")) {
		printf("fs_io: cannot make a temporary directory: %s\n", strerror(errno));
		return 1;
	}
	int status = ktap_run("fs_io", fs_io_cases, (int)(sizeof(fs_io_cases) / sizeof(fs_io_cases[0])));

	/* What the cases left, so a booted suite gives its memory back. */
	for (const char *const *name = (const char *const[]){ "a", "b", "c", "d", NULL }; *name; name++)
		unlink(fs_io_path(*name));
	rmdir(fs_io_dir);
	return status;
}
