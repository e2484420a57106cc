/* SPDX-License-Identifier: Apache-2.0 */
/* Pipes: data between processes (1 MiB, checked), end of file when the
 * writers close, EPIPE and SIGPIPE when the readers have, pipe2 flags
 * (O_CLOEXEC, O_NONBLOCK and EAGAIN), FIONREAD, ESPIPE, EINVAL.
 * Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#define PIPE_TOTAL (1u << 20)

static void pipe_carries_a_mebibyte_between_processes(void)
{
	int fds[2];
	static unsigned char buf[8192];

	if (!EXPECT(pipe(fds) == 0))
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		uint32_t sum = 0, got = 0;
		ssize_t n;
		close(fds[1]);
		while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
			for (ssize_t i = 0; i < n; i++)
				sum = sum * 31 + buf[i];
			got += (uint32_t)n;
		}
		_exit(n == 0 && got == PIPE_TOTAL ? (int)(sum & 0x7f) : 200);
	}
	close(fds[0]);
	uint32_t sum = 0;
	for (uint32_t off = 0; off < PIPE_TOTAL; off += sizeof(buf)) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			buf[i] = (unsigned char)((off + i) * 13 >> 3);
			sum = sum * 31 + buf[i];
		}
		if (!EXPECT(write(fds[1], buf, sizeof(buf)) == (ssize_t)sizeof(buf)))
			break;
	}
	close(fds[1]);
	int status;
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == (int)(sum & 0x7f));
}

static void pipe_eof_and_epipe(void)
{
	int fds[2];
	char c;

	if (!EXPECT(pipe(fds) == 0))
		return;
	EXPECT(write(fds[1], "ab", 2) == 2);
	close(fds[1]);
	EXPECT(read(fds[0], &c, 1) == 1 && read(fds[0], &c, 1) == 1 && read(fds[0], &c, 1) == 0);
	close(fds[0]);
	EXPECT(pipe(fds) == 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	EXPECT_ERR(write(fds[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	int status;
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	close(fds[1]);
}

static void pipe2_flags(void)
{
	int fds[2];
	char c;
	int avail = -1;

	if (!EXPECT(pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0))
		return;
	EXPECT(fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == FD_CLOEXEC);
	EXPECT(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	EXPECT((fcntl(fds[0], F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(fds[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
	EXPECT_ERR(read(fds[0], &c, 1), EAGAIN);
	EXPECT(write(fds[1], "hello", 5) == 5);
	EXPECT(ioctl(fds[0], FIONREAD, &avail) == 0 && avail == 5);
	EXPECT_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERR(pread(fds[0], &c, 1, 0), ESPIPE);
	EXPECT_ERR(write(fds[0], "x", 1), EBADF);
	EXPECT_ERR(read(fds[1], &c, 1), EBADF);
	close(fds[0]);
	close(fds[1]);
	EXPECT_ERR(syscall(SYS_pipe2, fds, 0x12345), EINVAL);
}

/* A full pipe refuses a non-blocking write (EAGAIN) until read from. */
static void pipe_full_pipe_refuses_nonblocking_writes(void)
{
	int fds[2];
	static char buf[4096];
	ssize_t total = 0, n;

	if (!EXPECT(pipe2(fds, O_NONBLOCK) == 0))
		return;
	while ((n = write(fds[1], buf, sizeof(buf))) > 0)
		total += n;
	EXPECT(n == -1 && errno == EAGAIN && total >= 4096);
	EXPECT(read(fds[0], buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	EXPECT(write(fds[1], buf, 1) == 1);
	close(fds[0]);
	close(fds[1]);
}

static const struct ktap_case pipe_cases[] = {
	KTAP_CASE(pipe_carries_a_mebibyte_between_processes),
	KTAP_CASE(pipe_eof_and_epipe),
	KTAP_CASE(pipe2_flags),
	KTAP_CASE(pipe_full_pipe_refuses_nonblocking_writes),
};

KTAP_MAIN("pipe", pipe_cases)
