/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The two cheapest round trips into the kernel: getpid, and a 1-byte read
 * of /dev/zero (a system call that goes through the file descriptor table
 * and a device's read). Called by the driver, bench.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "bench.h"

int bench_getpid(long iters, uint64_t *elapsed_ns)
{
	pid_t first = getpid();
	pid_t last = first;
	uint64_t start;

	if (first <= 0)
		return -EINVAL;
	start = bench_now_ns();
	/* musl does not cache the pid: each call is a system call. */
	for (long i = 0; i < iters; i++)
		last = getpid();
	*elapsed_ns = bench_now_ns() - start;
	return last == first ? 0 : -EINVAL;
}

int bench_read_zero(long iters, uint64_t *elapsed_ns)
{
	unsigned char byte = 0xff;
	uint64_t start;
	int ret = 0;
	int fd;

	fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	start = bench_now_ns();
	for (long i = 0; i < iters; i++) {
		if (read(fd, &byte, 1) != 1) {
			ret = errno ? -errno : -EIO;
			break;
		}
	}
	*elapsed_ns = bench_now_ns() - start;
	close(fd);
	if (ret == 0 && byte != 0)
		ret = -EIO; /* /dev/zero must have written the byte */
	return ret;
}
