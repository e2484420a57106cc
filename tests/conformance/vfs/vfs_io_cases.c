/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading and writing: positions, lseek, pread64/pwrite64, readv/writev,
 * O_APPEND, holes, a 16 MiB file, running out of memory (ENOSPC), and the
 * errors (EBADF, EFAULT, EISDIR, EINVAL, ESPIPE).
 */
#include <string.h>

#include "host_world.h"
#include "vfs_cases.h"

static void write_then_read_back_moves_the_position(struct ktap *t)
{
	char buf[16] = { 0 };
	long fd;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_write((int32_t)fd, "hello world", 11) == 11, "write");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, sizeof(buf)) == 0, "at the end: EOF");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, 0, SEEK_SET) == 0, "rewind");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "read 5");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, 0, SEEK_CUR) == 5, "position 5");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, -5, SEEK_END) == 6, "SEEK_END");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, sizeof(buf)) == 5 && memcmp(buf, "world", 5) == 0, "tail");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, -1, SEEK_SET) == -EINVAL, "negative");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, 0, 7) == -EINVAL, "bad whence");
	ktap_expect(t, vfs_sys_lseek(999, 0, SEEK_SET) == -EBADF, "EBADF");
	vfs_sys_close((int32_t)fd);
}

static void holes_read_as_zeros(struct ktap *t)
{
	char buf[8192];
	struct linux_stat st;
	long fd;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, 10000, SEEK_SET) == 10000, "seek past the end");
	ktap_expect(t, vfs_sys_write((int32_t)fd, "x", 1) == 1, "write");
	ktap_expect(t, vfs_sys_fstat((int32_t)fd, &st) == 0 && st.st_size == 10001, "size %ld", st.st_size);
	memset(buf, 1, sizeof(buf));
	ktap_expect(t, vfs_sys_pread64((int32_t)fd, buf, sizeof(buf), 100) == sizeof(buf), "pread");
	for (size_t i = 0; i < sizeof(buf); i++)
		if (buf[i] != 0) {
			ktap_expect(t, false, "byte %zu of the hole is %d", i + 100, buf[i]);
			break;
		}
	vfs_sys_close((int32_t)fd);
}

static void pread_pwrite_leave_the_position(struct ktap *t)
{
	char buf[4] = { 0 };
	long fd, rfd;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_pwrite64((int32_t)fd, "abcd", 4, 100) == 4, "pwrite");
	ktap_expect(t, vfs_sys_lseek((int32_t)fd, 0, SEEK_CUR) == 0, "position unchanged");
	ktap_expect(t, vfs_sys_pread64((int32_t)fd, buf, 4, 100) == 4 && memcmp(buf, "abcd", 4) == 0, "pread");
	ktap_expect(t, vfs_sys_pread64((int32_t)fd, buf, 4, -1) == -EINVAL, "negative offset");
	ktap_expect(t, vfs_sys_pread64((int32_t)fd, buf, 4, 1000) == 0, "past the end");
	rfd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_pwrite64((int32_t)rfd, "x", 1, 0) == -EBADF, "pwrite read-only");
	ktap_expect(t, vfs_sys_write((int32_t)rfd, "x", 1) == -EBADF, "write read-only");
	vfs_sys_close((int32_t)rfd);
	rfd = vfs_sys_open("f", O_WRONLY, 0);
	ktap_expect(t, vfs_sys_read((int32_t)rfd, buf, 1) == -EBADF, "read write-only");
	vfs_sys_close((int32_t)rfd);
	vfs_sys_close((int32_t)fd);
}

static void append_writes_at_the_end(struct ktap *t)
{
	char buf[8] = { 0 };
	long fd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "abc", 3) == 0, "file");
	fd = vfs_sys_open("f", O_WRONLY | O_APPEND, 0);
	vfs_sys_lseek((int32_t)fd, 0, SEEK_SET);
	ktap_expect(t, vfs_sys_write((int32_t)fd, "de", 2) == 2, "append");
	vfs_sys_close((int32_t)fd);
	fd = vfs_sys_open("f", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 8) == 5 && memcmp(buf, "abcde", 5) == 0, "abcde: %s", buf);
	vfs_sys_close((int32_t)fd);
}

static void readv_writev_gather_and_scatter(struct ktap *t)
{
	char a[3], b[5];
	struct iovec out[2] = { { (vaddr_t)(uintptr_t)"abc", 3 }, { (vaddr_t)(uintptr_t)"defgh", 5 } };
	struct iovec in[2] = { { (vaddr_t)(uintptr_t)a, 3 }, { (vaddr_t)(uintptr_t)b, 5 } };
	struct iovec bad[1] = { { (vaddr_t)(uintptr_t)VFS_KERNEL_PTR, 4 } };
	long fd;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_writev((int32_t)fd, out, 2) == 8, "writev");
	vfs_sys_lseek((int32_t)fd, 0, SEEK_SET);
	ktap_expect(t, vfs_sys_readv((int32_t)fd, in, 2) == 8, "readv");
	ktap_expect(t, memcmp(a, "abc", 3) == 0 && memcmp(b, "defgh", 5) == 0, "scattered");
	ktap_expect(t, vfs_sys_readv((int32_t)fd, VFS_KERNEL_PTR, 1) == -EFAULT, "bad iovec array");
	ktap_expect(t, vfs_sys_writev((int32_t)fd, bad, 1) == -EFAULT, "bad iovec base");
	ktap_expect(t, vfs_sys_readv((int32_t)fd, in, 5000) == -EINVAL, "too many");
	vfs_sys_close((int32_t)fd);
}

static void bad_buffers_and_directories(struct ktap *t)
{
	char buf[4];
	long fd, dfd;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "abcd", 4) == 0, "file");
	fd = vfs_sys_open("f", O_RDWR, 0);
	ktap_expect(t, vfs_sys_read((int32_t)fd, NULL, 4) == -EFAULT, "read into NULL");
	ktap_expect(t, vfs_sys_read((int32_t)fd, VFS_KERNEL_PTR, 4) == -EFAULT, "read into the kernel");
	ktap_expect(t, vfs_sys_write((int32_t)fd, VFS_KERNEL_PTR, 4) == -EFAULT, "write from the kernel");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 0) == 0, "zero bytes");
	ktap_expect(t, vfs_sys_read(-1, buf, 4) == -EBADF, "EBADF");
	dfd = vfs_sys_open(".", O_RDONLY, 0);
	ktap_expect(t, vfs_sys_read((int32_t)dfd, buf, 4) == -EISDIR, "EISDIR");
	vfs_sys_close((int32_t)dfd);
	vfs_sys_close((int32_t)fd);
}

static void a_16_mib_file_round_trips(struct ktap *t)
{
	const size_t size = 16u << 20, chunk = 1u << 16;
	static uint8_t buf[1u << 16];
	struct linux_stat st;
	long fd, n = 0;
	bool same = true;

	vfs_case_dir(t);
	fd = vfs_sys_open("big", O_RDWR | O_CREAT, 0600);
	for (size_t off = 0; off < size && n >= 0; off += chunk) {
		for (size_t i = 0; i < chunk; i++)
			buf[i] = (uint8_t)((off + i) * 7 + (off + i) / 4099);
		n = vfs_sys_write((int32_t)fd, buf, chunk);
	}
	ktap_expect(t, n == (long)chunk, "last write %ld", n);
	ktap_expect(t, vfs_sys_fstat((int32_t)fd, &st) == 0 && st.st_size == (int64_t)size, "size %ld", st.st_size);
	vfs_sys_lseek((int32_t)fd, 0, SEEK_SET);
	for (size_t off = 0; off < size && same; off += chunk) {
		n = vfs_sys_read((int32_t)fd, buf, chunk);
		for (size_t i = 0; i < chunk && same; i++)
			same = n == (long)chunk && buf[i] == (uint8_t)((off + i) * 7 + (off + i) / 4099);
	}
	ktap_expect(t, same, "read back differs");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_unlink("big") == 0, "unlink");
}

static void running_out_of_memory_is_enospc(struct ktap *t)
{
	const size_t chunk = 1u << 20;
	static uint8_t buf[1u << 20];
	uint64_t before;
	long fd, n = 0;
	int writes = 0;

	vfs_case_dir(t);
	before = world_free_frames();
	fd = vfs_sys_open("fill", O_RDWR | O_CREAT, 0600);
	while ((n = vfs_sys_write((int32_t)fd, buf, chunk)) > 0 && writes < 64)
		writes++;
	ktap_expect(t, n == -ENOSPC, "write %d ended %ld, not ENOSPC", writes, n);
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_unlink("fill") == 0, "unlink");
	ktap_expect(t, world_free_frames() + 8 >= before, "frames leaked: %lu before, %lu after",
		    (unsigned long)before, (unsigned long)world_free_frames());
}

const struct ktap_case vfs_io_cases[] = {
	KTAP_CASE(write_then_read_back_moves_the_position),
	KTAP_CASE(holes_read_as_zeros),
	KTAP_CASE(pread_pwrite_leave_the_position),
	KTAP_CASE(append_writes_at_the_end),
	KTAP_CASE(readv_writev_gather_and_scatter),
	KTAP_CASE(bad_buffers_and_directories),
	KTAP_CASE(a_16_mib_file_round_trips),
	KTAP_CASE(running_out_of_memory_is_enospc),
	{ 0 },
};
