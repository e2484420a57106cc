/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes between two processes: a 1-byte ping-pong (each round trip is two
 * wake-ups and two context switches) and a one-way stream of 64 KiB
 * writes. The child is created before the clock starts. Called by the
 * driver, bench.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

/* Writes or reads exactly @len bytes; 0, or a negative errno (-EPIPE at end of file). */
static int pipe_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int pipe_read_all(int fd, char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = read(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Closes both ends of the pipes it is given. */
static void pipe_close(int *fds, int count)
{
	for (int i = 0; i < count; i++)
		close(fds[i]);
}

/* Reaps the child; a child that failed turns a success into -ECHILD. */
static int pipe_reap(pid_t pid, int ret)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return ret ? ret : -errno;
	if (ret == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		ret = -ECHILD;
	return ret;
}

/* The child of the ping-pong: echoes every byte until the parent closes its end. */
static void pingpong_child(int in, int out)
{
	char byte;

	while (pipe_read_all(in, &byte, 1) == 0) {
		if (pipe_write_all(out, &byte, 1) != 0)
			_exit(1);
	}
	_exit(0);
}

int bench_pipe_pingpong(long iters, uint64_t *elapsed_ns)
{
	int fds[4]; /* to the child: fds[0..1]; back from it: fds[2..3] */
	uint64_t start;
	char byte = 'p';
	int ret = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return -errno;
	if (pipe(fds + 2) != 0) {
		ret = -errno;
		pipe_close(fds, 2);
		return ret;
	}
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		pipe_close(fds, 4);
		return ret;
	}
	if (pid == 0) {
		close(fds[1]);
		close(fds[2]);
		pingpong_child(fds[0], fds[3]);
	}
	close(fds[0]);
	close(fds[3]);
	start = bench_now_ns();
	for (long i = 0; i < iters && ret == 0; i++) {
		ret = pipe_write_all(fds[1], &byte, 1);
		if (ret == 0)
			ret = pipe_read_all(fds[2], &byte, 1);
	}
	*elapsed_ns = bench_now_ns() - start;
	close(fds[1]); /* the child sees end of file and exits */
	close(fds[2]);
	return pipe_reap(pid, ret);
}

/* The writer of the stream: a ready byte, then @iters chunks. */
static void throughput_child(int out, long iters)
{
	static char chunk[BENCH_PIPE_CHUNK];

	memset(chunk, 'x', sizeof(chunk));
	if (pipe_write_all(out, "r", 1) != 0)
		_exit(1);
	for (long i = 0; i < iters; i++) {
		if (pipe_write_all(out, chunk, sizeof(chunk)) != 0)
			_exit(1);
	}
	_exit(0);
}

int bench_pipe_throughput(long iters, uint64_t *elapsed_ns)
{
	char *chunk = malloc(BENCH_PIPE_CHUNK);
	uint64_t start;
	int fds[2];
	int ret = 0;
	pid_t pid;

	if (!chunk)
		return -ENOMEM;
	if (pipe(fds) != 0) {
		ret = -errno;
		goto free_chunk;
	}
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		pipe_close(fds, 2);
		goto free_chunk;
	}
	if (pid == 0) {
		close(fds[0]);
		throughput_child(fds[1], iters);
	}
	close(fds[1]);
	/* The clock starts once the child runs, so fork is not counted. */
	ret = pipe_read_all(fds[0], chunk, 1);
	start = bench_now_ns();
	for (long i = 0; i < iters && ret == 0; i++)
		ret = pipe_read_all(fds[0], chunk, BENCH_PIPE_CHUNK);
	*elapsed_ns = bench_now_ns() - start;
	close(fds[0]);
	ret = pipe_reap(pid, ret);
free_chunk:
	free(chunk);
	return ret;
}
