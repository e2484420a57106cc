/* SPDX-License-Identifier: Apache-2.0 */
/*
 * select and pselect6, over the same readiness and the same tick-by-tick
 * wait as poll (vfs_sys_poll.c): descriptor bitmaps in, the ready ones
 * out, EBADF for a descriptor in a set that is not open.
 */
#include <tessera/clock.h>
#include <tessera/string.h>
#include <tessera/uaccess.h>

#include "vfs.h"

#define VFS_SELECT_TICK_NS 4000000ull
#define VFS_NO_DEADLINE UINT64_MAX

struct vfs_select {
	struct fd_set want[3]; /* read, write, except, as the caller gave them */
	struct fd_set got[3];
	struct fd_set __user *user[3];
	size_t bytes; /* of each set the caller passed: n bits rounded to words */
};

static bool vfs_fd_isset(const struct fd_set *s, int fd)
{
	return (s->fds_bits[fd / 64] >> (fd % 64)) & 1;
}

/* One pass; the number of bits set in got, or -EBADF. */
static long vfs_select_scan(struct vfs_select *s, int32_t n)
{
	static const int16_t mask[3] = { POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI };
	long ready = 0;

	memset(s->got, 0, sizeof(s->got));
	for (int fd = 0; fd < n; fd++) {
		bool asked = vfs_fd_isset(&s->want[0], fd) || vfs_fd_isset(&s->want[1], fd) || vfs_fd_isset(&s->want[2], fd);
		struct vfs_file *f;
		int16_t r;

		if (!asked)
			continue;
		if (vfs_fd_get(fd, &f))
			return -EBADF;
		r = f->pipe ? vfs_pipe_poll(f) : (int16_t)(POLLIN | POLLOUT);
		vfs_file_put(f);
		for (int k = 0; k < 3; k++) {
			if (vfs_fd_isset(&s->want[k], fd) && (r & mask[k])) {
				s->got[k].fds_bits[fd / 64] |= 1ull << (fd % 64);
				ready++;
			}
		}
	}
	return ready;
}

static long vfs_select_until(struct vfs_select *s, int32_t n, uint64_t deadline)
{
	long ready;

	while ((ready = vfs_select_scan(s, n)) == 0) {
		uint64_t now = platform_clock_ns();

		if (deadline != VFS_NO_DEADLINE && now >= deadline)
			break;
		thread_sleep_ns(deadline - now < VFS_SELECT_TICK_NS ? deadline - now : VFS_SELECT_TICK_NS);
	}
	for (int k = 0; ready >= 0 && k < 3; k++)
		if (s->user[k] && copy_to_user(s->user[k], &s->got[k], s->bytes))
			ready = -EFAULT;
	return ready;
}

static long vfs_select_common(int32_t n, struct fd_set __user *inp, struct fd_set __user *outp,
			      struct fd_set __user *exp, uint64_t deadline)
{
	struct vfs_select *s;
	long r = 0;

	if (n < 0)
		return -EINVAL;
	if (n > VFS_FDS_MAX)
		n = VFS_FDS_MAX;
	if (!(s = vfs_zalloc(sizeof(*s))))
		return -ENOMEM;
	s->user[0] = inp;
	s->user[1] = outp;
	s->user[2] = exp;
	s->bytes = (size_t)(n + 63) / 64 * 8;
	for (int k = 0; k < 3 && !r; k++)
		if (s->user[k] && copy_from_user(&s->want[k], s->user[k], s->bytes))
			r = -EFAULT;
	if (!r)
		r = vfs_select_until(s, n, deadline);
	heap_free(s);
	return r;
}

static uint64_t vfs_select_deadline(uint64_t ns)
{
	uint64_t now = platform_clock_ns();

	return ns > VFS_NO_DEADLINE - now ? VFS_NO_DEADLINE : now + ns;
}

static uint64_t vfs_select_left(uint64_t deadline)
{
	uint64_t now = platform_clock_ns();

	return deadline > now ? deadline - now : 0;
}

long vfs_sys_select(int32_t n, struct fd_set __user *inp, struct fd_set __user *outp, struct fd_set __user *exp,
		    struct timeval __user *tvp)
{
	uint64_t deadline = VFS_NO_DEADLINE, left;
	struct timeval tv;
	long r;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec > 999999)
			return -EINVAL;
		deadline = vfs_select_deadline((uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u);
	}
	r = vfs_select_common(n, inp, outp, exp, deadline);
	if (tvp && r >= 0) {
		left = vfs_select_left(deadline);
		tv = (struct timeval){ .tv_sec = (int64_t)(left / 1000000000u), .tv_usec = (int64_t)(left % 1000000000u / 1000u) };
		if (copy_to_user(tvp, &tv, sizeof(tv)))
			r = -EFAULT;
	}
	return r;
}

long vfs_sys_pselect6(int32_t n, struct fd_set __user *inp, struct fd_set __user *outp, struct fd_set __user *exp,
		      struct timespec __user *tsp, const struct sigset_argpack __user *sig)
{
	uint64_t deadline = VFS_NO_DEADLINE, left;
	struct timespec ts;
	long r;

	(void)sig; /* no signals yet: the mask changes nothing */
	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec > 999999999)
			return -EINVAL;
		deadline = vfs_select_deadline((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
	}
	r = vfs_select_common(n, inp, outp, exp, deadline);
	if (tsp && r >= 0) {
		left = vfs_select_left(deadline);
		ts = (struct timespec){ .tv_sec = (int64_t)(left / 1000000000u), .tv_nsec = (int64_t)(left % 1000000000u) };
		if (copy_to_user(tsp, &ts, sizeof(ts)))
			r = -EFAULT;
	}
	return r;
}
