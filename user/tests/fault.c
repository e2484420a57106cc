/* SPDX-License-Identifier: Apache-2.0 */
/* Bad user pointers: every call below gets EFAULT, and the process carries
 * on, for NULL, an unmapped page, a kernel address and a non-canonical one.
 * The calls go through syscall() so libc cannot touch the pointer first.
 * Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static char fault_dir[256];
static char fault_file[300];
static uintptr_t fault_pointers[4];
static const char *const fault_pointer_names[4] = { "NULL", "unmapped", "kernel", "non-canonical" };

/* The four bad pointers; the unmapped one was mapped and then unmapped. */
static bool fault_setup(void)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED || munmap(page, 4096) != 0)
		return false;
	fault_pointers[0] = 0;
	fault_pointers[1] = (uintptr_t)page;
	fault_pointers[2] = 0xffffffff80000000ul;
	fault_pointers[3] = 0x8000000000000000ul;
	return true;
}

/* Every call of the table with each bad pointer in the pointer argument. */
#define FAULT_EACH(call_with_p)                                                      \
	for (int i = 0; i < 4; i++) {                                                \
		uintptr_t p = fault_pointers[i];                                     \
		if (!EXPECT_ERR(call_with_p, EFAULT))                                \
			ktap_diag("with the %s pointer %#lx", fault_pointer_names[i], \
				  (unsigned long)p);                                 \
	}

static void fault_path_arguments(void)
{
	FAULT_EACH(syscall(SYS_open, p, O_RDONLY));
	FAULT_EACH(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	FAULT_EACH(syscall(SYS_stat, p, fault_dir));
	FAULT_EACH(syscall(SYS_lstat, p, fault_dir));
	FAULT_EACH(syscall(SYS_mkdir, p, 0755));
	FAULT_EACH(syscall(SYS_rmdir, p));
	FAULT_EACH(syscall(SYS_unlink, p));
	FAULT_EACH(syscall(SYS_chdir, p));
	FAULT_EACH(syscall(SYS_access, p, F_OK));
	FAULT_EACH(syscall(SYS_rename, p, fault_file));
	FAULT_EACH(syscall(SYS_symlink, p, fault_file));
	FAULT_EACH(syscall(SYS_readlink, p, fault_dir, 10));
	FAULT_EACH(syscall(SYS_truncate, p, 0));
	FAULT_EACH(syscall(SYS_chmod, p, 0644));
}

static void fault_buffer_arguments(void)
{
	int fd = open(fault_file, O_RDWR);
	int dir = open(fault_dir, O_RDONLY | O_DIRECTORY);

	if (!EXPECT(fd >= 0 && dir >= 0))
		return;
	FAULT_EACH(syscall(SYS_read, fd, p, 4));
	FAULT_EACH(syscall(SYS_write, fd, p, 4));
	FAULT_EACH(syscall(SYS_pread64, fd, p, 4, 0));
	FAULT_EACH(syscall(SYS_pwrite64, fd, p, 4, 0));
	FAULT_EACH(syscall(SYS_readv, fd, p, 1));
	FAULT_EACH(syscall(SYS_writev, fd, p, 1));
	FAULT_EACH(syscall(SYS_fstat, fd, p));
	FAULT_EACH(syscall(SYS_newfstatat, fd, "", p, AT_EMPTY_PATH));
	FAULT_EACH(syscall(SYS_getdents64, dir, p, 4096));
	FAULT_EACH(syscall(SYS_getcwd, p, 4096));
	FAULT_EACH(syscall(SYS_pipe, p));
	FAULT_EACH(syscall(SYS_pipe2, p, 0));
	close(fd);
	close(dir);
}

/* An iovec that is itself fine but points at a bad buffer. */
static void fault_iovec_contents(void)
{
	int fd = open(fault_file, O_RDWR);
	char ok[4] = "abc";

	if (!EXPECT(fd >= 0))
		return;
	for (int i = 0; i < 4; i++) {
		EXPECT(lseek(fd, 0, SEEK_SET) == 0);
		struct iovec iov[2] = { { ok, 0 }, { (void *)fault_pointers[i], 4 } };
		EXPECT_ERR(syscall(SYS_writev, fd, iov, 2), EFAULT);
		EXPECT_ERR(syscall(SYS_readv, fd, iov, 2), EFAULT);
	}
	/* The process is intact: ordinary I/O still works. */
	EXPECT(pwrite(fd, ok, 3, 0) == 3);
	close(fd);
	unlink(fault_file);
	rmdir(fault_dir);
}

static const struct ktap_case fault_cases[] = {
	KTAP_CASE(fault_path_arguments),
	KTAP_CASE(fault_buffer_arguments),
	KTAP_CASE(fault_iovec_contents),
};

int main(void)
{
	if (!ktap_tmpdir(fault_dir, sizeof(fault_dir), "fault") || !fault_setup()) {
		printf("fault: cannot set up: %s\n", strerror(errno));
		return 1;
	}
	snprintf(fault_file, sizeof(fault_file), "%s/file", fault_dir);
	/* Content to read: at end of file, read returns 0 without touching
	 * the buffer. */
	int fd = open(fault_file, O_CREAT | O_WRONLY, 0644);
	if (fd < 0 || write(fd, "0123456789", 10) != 10 || close(fd) != 0) {
		printf("fault: cannot write %s: %s\n", fault_file, strerror(errno));
		return 1;
	}
	return ktap_run("fault", fault_cases, (int)(sizeof(fault_cases) / sizeof(fault_cases[0])));
}
