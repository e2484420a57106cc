/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes: data in order, end of file when every writer closed, EPIPE with
 * no reader, O_NONBLOCK's EAGAIN, a 64 KiB capacity, PIPE_BUF-atomic
 * writes, ESPIPE, and a reader and a writer thread blocking on each other.
 */
#include <string.h>

#include "host_world.h"
#include "vfs_cases.h"

static void pipe_carries_bytes_then_eof(struct ktap *t)
{
	int32_t fds[2] = { -1, -1 };
	char buf[8] = { 0 };
	struct linux_stat st;

	ktap_expect(t, vfs_sys_pipe(fds) == 0 && fds[0] >= 0 && fds[1] > fds[0], "pipe %d %d", fds[0], fds[1]);
	ktap_expect(t, vfs_sys_write(fds[1], "hey", 3) == 3, "write");
	ktap_expect(t, vfs_sys_read(fds[0], buf, sizeof(buf)) == 3 && strcmp(buf, "hey") == 0, "read");
	ktap_expect(t, vfs_sys_fstat(fds[0], &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "a FIFO");
	ktap_expect(t, vfs_sys_lseek(fds[0], 0, SEEK_SET) == -ESPIPE, "lseek ESPIPE");
	ktap_expect(t, vfs_sys_pread64(fds[0], buf, 1, 0) == -ESPIPE, "pread ESPIPE");
	ktap_expect(t, vfs_sys_write(fds[0], "x", 1) == -EBADF, "write the read end");
	ktap_expect(t, vfs_sys_read(fds[1], buf, 1) == -EBADF, "read the write end");
	vfs_sys_close(fds[1]);
	ktap_expect(t, vfs_sys_read(fds[0], buf, sizeof(buf)) == 0, "EOF");
	vfs_sys_close(fds[0]);
	ktap_expect(t, vfs_sys_pipe(VFS_KERNEL_PTR) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_pipe2(fds, O_RDWR) == -EINVAL, "bad flags");
}

static void no_reader_is_epipe_and_nonblock_is_eagain(struct ktap *t)
{
	static uint8_t big[70000];
	int32_t fds[2];
	char c;

	ktap_expect(t, vfs_sys_pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0, "pipe2");
	ktap_expect(t, vfs_sys_fcntl(fds[0], F_GETFD, 0) == 1, "O_CLOEXEC");
	ktap_expect(t, vfs_sys_read(fds[0], &c, 1) == -EAGAIN, "empty: EAGAIN");
	ktap_expect(t, vfs_sys_write(fds[1], big, sizeof(big)) == 65536, "fills 64 KiB");
	ktap_expect(t, vfs_sys_write(fds[1], big, 1) == -EAGAIN, "full: EAGAIN");
	ktap_expect(t, vfs_sys_read(fds[0], big, 10) == 10, "room for 10");
	ktap_expect(t, vfs_sys_write(fds[1], big, 11) == -EAGAIN, "an 11-byte write is atomic: EAGAIN");
	ktap_expect(t, vfs_sys_write(fds[1], big, 10) == 10, "10 fit");
	vfs_sys_close(fds[0]);
	ktap_expect(t, vfs_sys_write(fds[1], "x", 1) == -EPIPE, "EPIPE");
	vfs_sys_close(fds[1]);
}

struct pipe_pair {
	int32_t fds[2];
	long total;
	bool ok;
};

static int32_t pipe_writer(void *arg)
{
	struct pipe_pair *p = arg;
	uint8_t buf[3000];

	for (int i = 0; i < 100; i++) {
		for (size_t j = 0; j < sizeof(buf); j++)
			buf[j] = (uint8_t)(i * sizeof(buf) + j);
		if (vfs_sys_write(p->fds[1], buf, sizeof(buf)) != sizeof(buf))
			return 1;
		host_tick();
	}
	vfs_sys_close(p->fds[1]);
	return 0;
}

static int32_t pipe_reader(void *arg)
{
	struct pipe_pair *p = arg;
	uint8_t buf[1000];
	long n;

	p->ok = true;
	while ((n = vfs_sys_read(p->fds[0], buf, sizeof(buf))) > 0) {
		for (long j = 0; j < n; j++)
			p->ok &= buf[j] == (uint8_t)(p->total + j);
		p->total += n;
		host_tick();
	}
	vfs_sys_close(p->fds[0]);
	return n == 0 ? 0 : 1;
}

static void threads_block_on_each_other(struct ktap *t)
{
	struct pipe_pair p = { 0 };
	struct kthread *w, *r;
	int32_t wc = -1, rc = -1;

	ktap_expect(t, vfs_sys_pipe(p.fds) == 0, "pipe");
	ktap_expect(t, thread_create(pipe_reader, &p, "reader", SCHED_PRIO_DEFAULT, &r) == 0, "reader");
	ktap_expect(t, world_wait_blocked(r), "the reader blocks on the empty pipe");
	ktap_expect(t, thread_create(pipe_writer, &p, "writer", SCHED_PRIO_DEFAULT, &w) == 0, "writer");
	thread_join(w, &wc);
	thread_join(r, &rc);
	ktap_expect(t, wc == 0 && rc == 0, "writer %d reader %d", wc, rc);
	ktap_expect(t, p.total == 300000 && p.ok, "read %ld bytes, in order: %d", p.total, p.ok);
}

static int32_t fill_then_block(void *arg)
{
	struct pipe_pair *p = arg;
	static uint8_t buf[65536 + 100];

	p->total = vfs_sys_write(p->fds[1], buf, sizeof(buf));
	return 0;
}

static void a_writer_blocks_when_full_until_read(struct ktap *t)
{
	static uint8_t sink[65536 + 100];
	struct pipe_pair p = { 0 };
	struct kthread *w;
	long got = 0, n;

	ktap_expect(t, vfs_sys_pipe(p.fds) == 0, "pipe");
	ktap_expect(t, thread_create(fill_then_block, &p, "filler", SCHED_PRIO_DEFAULT, &w) == 0, "writer");
	ktap_expect(t, world_wait_blocked(w), "the writer blocks on the full pipe");
	ktap_expect(t, p.total == 0, "the write returned early: %ld", p.total);
	while (got < (long)sizeof(sink) && (n = vfs_sys_read(p.fds[0], sink, sizeof(sink))) > 0)
		got += n;
	thread_join(w, NULL);
	ktap_expect(t, got == (long)sizeof(sink) && p.total == (long)sizeof(sink), "read %ld, wrote %ld", got, p.total);
	vfs_sys_close(p.fds[0]);
	vfs_sys_close(p.fds[1]);
}

const struct ktap_case vfs_pipe_cases[] = {
	KTAP_CASE(pipe_carries_bytes_then_eof),
	KTAP_CASE(no_reader_is_epipe_and_nonblock_is_eagain),
	KTAP_CASE(threads_block_on_each_other),
	KTAP_CASE(a_writer_blocks_when_full_until_read),
	{ 0 },
};
