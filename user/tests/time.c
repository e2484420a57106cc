/* SPDX-License-Identifier: Apache-2.0 */
/* Time calls: clock_gettime (monotonic, realtime), clock_getres,
 * gettimeofday, nanosleep and clock_nanosleep (relative and absolute), and
 * their error cases. Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#define TIME_NS 1000000000ll
/* 2020-01-01: any realtime clock set from a real date is past it. */
#define TIME_2020 1577836800ll

static long long time_ns(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) < 0)
		return -1;
	return ts.tv_sec * TIME_NS + ts.tv_nsec;
}

static void time_monotonic_never_goes_back(void)
{
	long long last = time_ns(CLOCK_MONOTONIC);

	EXPECT(last >= 0);
	for (int i = 0; i < 10000; i++) {
		long long now = time_ns(CLOCK_MONOTONIC);
		if (!EXPECT(now >= last))
			return;
		last = now;
	}
	struct timespec res;
	EXPECT(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0);
}

static void time_realtime_and_gettimeofday_agree(void)
{
	struct timeval tv;
	long long rt = time_ns(CLOCK_REALTIME);

	EXPECT(rt / TIME_NS > TIME_2020);
	EXPECT(gettimeofday(&tv, NULL) == 0);
	EXPECT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	long long diff = tv.tv_sec * 1000000ll + tv.tv_usec - rt / 1000;
	EXPECT(diff >= 0 && diff < 1000000);
	EXPECT(time(NULL) >= rt / TIME_NS);
}

static void time_nanosleep_sleeps(void)
{
	struct timespec d = { 0, 20 * 1000 * 1000 };
	long long start = time_ns(CLOCK_MONOTONIC);

	EXPECT(nanosleep(&d, NULL) == 0);
	EXPECT(time_ns(CLOCK_MONOTONIC) - start >= d.tv_nsec);
	start = time_ns(CLOCK_MONOTONIC);
	EXPECT(clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL) == 0);
	EXPECT(time_ns(CLOCK_MONOTONIC) - start >= d.tv_nsec);
}

static void time_clock_nanosleep_absolute(void)
{
	long long deadline = time_ns(CLOCK_MONOTONIC) + 30 * 1000 * 1000;
	struct timespec at = { deadline / TIME_NS, deadline % TIME_NS };

	EXPECT(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == 0);
	EXPECT(time_ns(CLOCK_MONOTONIC) >= deadline);
	/* A deadline in the past returns at once. (Not tv_sec - 10: a
	 * freshly booted machine's monotonic clock may be below 10 s, and a
	 * negative time is EINVAL.) */
	at.tv_sec = 0;
	at.tv_nsec = 1;
	EXPECT(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == 0);
}

static void time_errors(void)
{
	struct timespec bad = { 0, TIME_NS };
	struct timespec neg = { -1, 0 };
	struct timespec ts;

	EXPECT_ERR(nanosleep(&bad, NULL), EINVAL);
	EXPECT_ERR(nanosleep(&neg, NULL), EINVAL);
	/* clock_nanosleep returns the error number instead of setting errno. */
	EXPECT(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == EINVAL);
	EXPECT_ERR(syscall(SYS_clock_gettime, 12345, &ts), EINVAL);
	EXPECT_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL), EFAULT);
	EXPECT_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, 0xffffffff80000000ul), EFAULT);
	EXPECT_ERR(syscall(SYS_nanosleep, NULL, NULL), EFAULT);
	EXPECT_ERR(syscall(SYS_gettimeofday, 0x8000000000000000ul, NULL), EFAULT);
}

static const struct ktap_case time_cases[] = {
	KTAP_CASE(time_monotonic_never_goes_back),
	KTAP_CASE(time_realtime_and_gettimeofday_agree),
	KTAP_CASE(time_nanosleep_sleeps),
	KTAP_CASE(time_clock_nanosleep_absolute),
	KTAP_CASE(time_errors),
};

KTAP_MAIN("time", time_cases)
