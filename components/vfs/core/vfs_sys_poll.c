/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Waiting for descriptors: poll, ppoll, select and pselect6. Readiness is
 * the pipe's state for pipes; regular files, directories and devices are
 * always ready, as on Linux for files (a device read may still block).
 * The wait rescans every tick rather than sleeping on each file's wait
 * queue: simple and always correct, at the price of up to a tick's delay.
 * There are no signals yet, so no EINTR and the signal masks are ignored.
 */
#include <tessera/clock.h>
#include <tessera/string.h>
#include <tessera/uaccess.h>

#include "vfs.h"

#define VFS_POLL_TICK_NS 4000000ull
#define VFS_NO_DEADLINE UINT64_MAX

/* The events ready on one descriptor; POLLNVAL when it is not open. */
static int16_t vfs_poll_fd(int32_t fd)
{
	struct vfs_file *f;
	int16_t r;

	if (vfs_fd_get(fd, &f))
		return POLLNVAL;
	r = f->pipe ? vfs_pipe_poll(f) : (int16_t)(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	vfs_file_put(f);
	return r;
}

/* Sleeps a tick, or until the deadline; false once the deadline passed. */
static bool vfs_poll_wait(uint64_t deadline)
{
	uint64_t now = platform_clock_ns();

	if (deadline != VFS_NO_DEADLINE && now >= deadline)
		return false;
	thread_sleep_ns(deadline - now < VFS_POLL_TICK_NS ? deadline - now : VFS_POLL_TICK_NS);
	return true;
}

static long vfs_poll_scan(struct pollfd *fds, uint32_t nfds)
{
	long ready = 0;

	for (uint32_t i = 0; i < nfds; i++) {
		const int16_t always = POLLERR | POLLHUP | POLLNVAL;

		fds[i].revents = fds[i].fd < 0 ? 0 : (int16_t)(vfs_poll_fd(fds[i].fd) & (fds[i].events | always));
		ready += fds[i].revents != 0;
	}
	return ready;
}

static long vfs_poll_until(struct pollfd __user *ufds, uint32_t nfds, uint64_t deadline)
{
	struct pollfd *fds;
	long ready;

	if (nfds > VFS_FDS_MAX)
		return -EINVAL;
	if (!(fds = vfs_zalloc((nfds ? nfds : 1) * sizeof(*fds))))
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		heap_free(fds);
		return -EFAULT;
	}
	while ((ready = vfs_poll_scan(fds, nfds)) == 0 && vfs_poll_wait(deadline))
		;
	if (copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ready = -EFAULT;
	heap_free(fds);
	return ready;
}

static uint64_t vfs_deadline_after(uint64_t ns)
{
	uint64_t now = platform_clock_ns();

	return ns > VFS_NO_DEADLINE - now ? VFS_NO_DEADLINE : now + ns;
}

long vfs_sys_poll(struct pollfd __user *ufds, uint32_t nfds, int32_t timeout_msecs)
{
	uint64_t deadline = timeout_msecs < 0 ? VFS_NO_DEADLINE : vfs_deadline_after((uint64_t)timeout_msecs * 1000000u);

	return vfs_poll_until(ufds, nfds, deadline);
}

/* Reads a user timespec into a deadline; NULL waits for ever. */
static long vfs_timespec_deadline(const struct timespec __user *uts, uint64_t *deadline)
{
	struct timespec ts;

	*deadline = VFS_NO_DEADLINE;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec > 999999999)
		return -EINVAL;
	*deadline = vfs_deadline_after((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
	return 0;
}

/* Stores the time left, as Linux does for ppoll and pselect6. */
static long vfs_timespec_left(struct timespec __user *uts, uint64_t deadline)
{
	uint64_t now = platform_clock_ns(), left = deadline > now ? deadline - now : 0;
	struct timespec ts = { .tv_sec = (int64_t)(left / 1000000000u), .tv_nsec = (int64_t)(left % 1000000000u) };

	if (!uts || deadline == VFS_NO_DEADLINE)
		return 0;
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long vfs_sys_ppoll(struct pollfd __user *ufds, uint32_t nfds, struct timespec __user *tsp,
		   const uint64_t __user *sigmask, size_t sigsetsize)
{
	uint64_t deadline;
	long r;

	if (sigmask && sigsetsize != 8)
		return -EINVAL;
	if ((r = vfs_timespec_deadline(tsp, &deadline)))
		return r;
	r = vfs_poll_until(ufds, nfds, deadline);
	if (r >= 0 && vfs_timespec_left(tsp, deadline))
		r = -EFAULT;
	return r;
}
