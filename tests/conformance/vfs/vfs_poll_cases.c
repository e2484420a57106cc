/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Waiting for descriptors: poll, ppoll, select and pselect6 on pipes and
 * files, with and without timeouts, and their errors.
 */
#include <string.h>

#include <tessera/clock.h>

#include "host_world.h"
#include "vfs_cases.h"

static void poll_reports_pipe_states(struct ktap *t)
{
	int32_t p[2];
	struct pollfd fds[3];
	long file;

	vfs_case_dir(t);
	file = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_pipe(p) == 0, "pipe");
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	fds[2] = (struct pollfd){ .fd = (int32_t)file, .events = POLLIN | POLLOUT };
	ktap_expect(t, vfs_sys_poll(fds, 3, 0) == 2, "writable pipe and file ready");
	ktap_expect(t, fds[0].revents == 0 && fds[1].revents == POLLOUT && fds[2].revents == (POLLIN | POLLOUT),
		    "revents %x %x %x", fds[0].revents, fds[1].revents, fds[2].revents);
	vfs_sys_write(p[1], "x", 1);
	ktap_expect(t, vfs_sys_poll(fds, 1, 0) == 1 && fds[0].revents == POLLIN, "readable: %x", fds[0].revents);
	vfs_sys_close(p[1]);
	ktap_expect(t, vfs_sys_poll(fds, 1, 0) == 1 && fds[0].revents == (POLLIN | POLLHUP), "hang-up: %x",
		    fds[0].revents);
	fds[0] = (struct pollfd){ .fd = 900, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = -1, .events = POLLIN };
	ktap_expect(t, vfs_sys_poll(fds, 2, 0) == 1 && fds[0].revents == POLLNVAL && fds[1].revents == 0,
		    "POLLNVAL, negative fd ignored");
	ktap_expect(t, vfs_sys_poll(VFS_KERNEL_PTR, 1, 0) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_poll(fds, 5000, 0) == -EINVAL, "too many");
	vfs_sys_close(p[0]);
	vfs_sys_close((int32_t)file);
}

struct late_writer {
	int32_t fd;
};

static int32_t write_later(void *arg)
{
	struct late_writer *w = arg;

	thread_sleep_ns(30 * WORLD_MS);
	return vfs_sys_write(w->fd, "!", 1) == 1 ? 0 : 1;
}

static void poll_waits_for_data_and_times_out(struct ktap *t)
{
	int32_t p[2];
	struct pollfd fd;
	struct timespec ts = { 0, 20 * 1000000 };
	struct late_writer w;
	struct kthread *th;
	uint64_t start;

	ktap_expect(t, vfs_sys_pipe(p) == 0, "pipe");
	fd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	start = platform_clock_ns();
	ktap_expect(t, vfs_sys_poll(&fd, 1, 20) == 0, "timed out");
	ktap_expect(t, platform_clock_ns() - start >= 20 * WORLD_MS, "after 20 ms");
	ktap_expect(t, vfs_sys_ppoll(&fd, 1, &ts, NULL, 0) == 0 && ts.tv_sec == 0 && ts.tv_nsec == 0,
		    "ppoll times out and leaves 0: %ld", (long)ts.tv_nsec);
	w.fd = p[1];
	ktap_expect(t, thread_create(write_later, &w, "late", SCHED_PRIO_DEFAULT, &th) == 0, "writer");
	ktap_expect(t, vfs_sys_poll(&fd, 1, -1) == 1 && fd.revents == POLLIN, "woken by the write");
	thread_join(th, NULL);
	ts = (struct timespec){ 0, 2000000000 };
	ktap_expect(t, vfs_sys_ppoll(&fd, 1, &ts, NULL, 0) == -EINVAL, "ppoll bad timespec");
	ktap_expect(t, vfs_sys_ppoll(&fd, 1, NULL, (void *)&ts, 4) == -EINVAL, "ppoll bad sigsetsize");
	vfs_sys_close(p[0]);
	vfs_sys_close(p[1]);
}

static void select_sets_the_ready_bits(struct ktap *t)
{
	int32_t p[2];
	struct fd_set rd, wr;
	struct timeval tv = { 0, 10000 };
	struct timespec ts = { 0, 0 };

	ktap_expect(t, vfs_sys_pipe(p) == 0, "pipe");
	memset(&rd, 0, sizeof(rd));
	memset(&wr, 0, sizeof(wr));
	rd.fds_bits[p[0] / 64] |= 1ull << (p[0] % 64);
	wr.fds_bits[p[1] / 64] |= 1ull << (p[1] % 64);
	ktap_expect(t, vfs_sys_select(p[1] + 1, &rd, &wr, NULL, &tv) == 1, "only the write end");
	ktap_expect(t, rd.fds_bits[0] == 0 && wr.fds_bits[p[1] / 64] == 1ull << (p[1] % 64), "bits");
	rd.fds_bits[p[0] / 64] |= 1ull << (p[0] % 64);
	ktap_expect(t, vfs_sys_select(p[0] + 1, &rd, NULL, NULL, &tv) == 0 && tv.tv_sec == 0 && tv.tv_usec == 0,
		    "times out, 0 left");
	vfs_sys_write(p[1], "x", 1);
	rd.fds_bits[p[0] / 64] |= 1ull << (p[0] % 64);
	ktap_expect(t, vfs_sys_pselect6(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 1, "pselect6 readable");
	rd.fds_bits[900 / 64] |= 1ull << (900 % 64);
	ktap_expect(t, vfs_sys_select(901, &rd, NULL, NULL, &tv) == -EBADF, "EBADF");
	ktap_expect(t, vfs_sys_select(-1, NULL, NULL, NULL, &tv) == -EINVAL, "negative n");
	ktap_expect(t, vfs_sys_select(4, VFS_KERNEL_PTR, NULL, NULL, &tv) == -EFAULT, "EFAULT");
	vfs_sys_close(p[0]);
	vfs_sys_close(p[1]);
}

const struct ktap_case vfs_poll_cases[] = {
	KTAP_CASE(poll_reports_pipe_states),
	KTAP_CASE(poll_waits_for_data_and_times_out),
	KTAP_CASE(select_sets_the_ready_bits),
	{ 0 },
};
