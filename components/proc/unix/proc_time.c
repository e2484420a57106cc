/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Time: clock_gettime, clock_getres, gettimeofday, nanosleep and
 * clock_nanosleep on the platform's TSC clock. CLOCK_MONOTONIC and
 * CLOCK_BOOTTIME count from boot (nothing suspends); CLOCK_REALTIME is
 * the platform's wall clock (<tessera/rtc.h>: the RTC at boot, or
 * proc_unix.epoch when the command line sets it, plus time since boot); the CPU-time clocks
 * add up the scheduler's charge of the process's or thread's time.
 */
#include <tessera/clock.h>
#include <tessera/rtc.h>
#include <tessera/uaccess.h>

#include "proc.h"

#define NSEC_PER_SEC 1000000000ull

uint64_t proc_clock_monotonic_ns(void)
{
	return platform_clock_ns();
}

void proc_time_init(void)
{
	if (proc_unix_epoch)
		platform_set_boot_epoch(proc_unix_epoch);
}

uint64_t proc_clock_realtime_ns(void)
{
	return platform_realtime_ns();
}

static uint64_t proc_cpu_ns(struct proc *p)
{
	uint64_t sum;
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	sum = p->dead_cpu_ns;
	for (struct proc_thread *t = p->threads; t; t = t->next) {
		struct thread_info info;

		if (!t->kt)
			continue;
		thread_info(t->kt, &info);
		sum += info.runtime_ns;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return sum;
}

/* The clock's time, or -EINVAL for a clock this kernel does not have. */
static int proc_clock_read(clockid_t clock, uint64_t *ns)
{
	struct thread_info info;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = proc_clock_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = proc_clock_monotonic_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = proc_cpu_ns(proc_current());
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		thread_info(NULL, &info);
		*ns = info.runtime_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

static int proc_put_timespec(struct timespec __user *tp, uint64_t ns)
{
	struct timespec ts = { .tv_sec = (int64_t)(ns / NSEC_PER_SEC), .tv_nsec = (int64_t)(ns % NSEC_PER_SEC) };

	return copy_to_user(tp, &ts, sizeof(ts));
}

long proc_sys_clock_gettime(clockid_t which_clock, struct timespec __user *tp)
{
	uint64_t ns;
	int err = proc_clock_read(which_clock, &ns);

	return err ? err : proc_put_timespec(tp, ns);
}

long proc_sys_clock_getres(clockid_t which_clock, struct timespec __user *tp)
{
	uint64_t ns;
	int err = proc_clock_read(which_clock, &ns);
	bool coarse = which_clock == CLOCK_REALTIME_COARSE || which_clock == CLOCK_MONOTONIC_COARSE;

	if (err)
		return err;
	if (!tp)
		return 0;
	/* The TSC resolves nanoseconds; coarse clocks are read per tick in Linux. */
	return proc_put_timespec(tp, coarse ? NSEC_PER_SEC / platform_tick_hz() : 1);
}

long proc_sys_gettimeofday(struct timeval __user *tv, struct timezone __user *tz)
{
	uint64_t ns = proc_clock_realtime_ns();
	struct timeval v = { .tv_sec = (int64_t)(ns / NSEC_PER_SEC), .tv_usec = (int64_t)(ns % NSEC_PER_SEC / 1000) };
	struct timezone z = { 0, 0 };

	if (tv && copy_to_user(tv, &v, sizeof(v)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

static int proc_get_timespec(const struct timespec __user *uts, uint64_t *ns)
{
	struct timespec ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	*ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	return 0;
}

static bool proc_never(void *arg)
{
	(void)arg;
	return false;
}

/* Sleeps @ns; -EINTR (time left in *left) when the process is being killed. */
static int proc_sleep_for(uint64_t ns, uint64_t *left)
{
	struct proc_thread *t = proc_current_thread();
	uint64_t end = proc_clock_monotonic_ns() + ns;
	int err = proc_sleep(&t->sleep_wq, proc_never, NULL, ns);
	uint64_t now = proc_clock_monotonic_ns();

	*left = end > now ? end - now : 0;
	return err == -ETIMEDOUT ? 0 : err;
}

static long proc_sleep_report(int err, uint64_t left, struct timespec __user *rmtp)
{
	if (err == -EINTR && rmtp && proc_put_timespec(rmtp, left))
		return -EFAULT;
	return err;
}

long proc_sys_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	uint64_t ns, left;
	int err = proc_get_timespec(rqtp, &ns);

	if (err)
		return err;
	err = proc_sleep_for(ns, &left);
	return proc_sleep_report(err, left, rmtp);
}

long proc_sys_clock_nanosleep(clockid_t which_clock, timer_flags_t flags, const struct timespec __user *rqtp,
			      struct timespec __user *rmtp)
{
	uint64_t ns, now, left;
	int err;

	if (which_clock != CLOCK_REALTIME && which_clock != CLOCK_MONOTONIC && which_clock != CLOCK_BOOTTIME)
		return which_clock == CLOCK_PROCESS_CPUTIME_ID ? -EOPNOTSUPP : -EINVAL;
	if ((err = proc_get_timespec(rqtp, &ns)))
		return err;
	if (flags & TIMER_ABSTIME) {
		proc_clock_read(which_clock, &now);
		ns = ns > now ? ns - now : 0;
	}
	err = proc_sleep_for(ns, &left);
	return (flags & TIMER_ABSTIME) ? err : proc_sleep_report(err, left, rmtp);
}
