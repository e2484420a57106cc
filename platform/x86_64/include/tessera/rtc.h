/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The wall clock: the PC's CMOS real-time clock (rtc.c), read once for the
 * time of day at boot. The kernel keeps time from the TSC afterwards.
 */
#ifndef TESSERA_RTC_H
#define TESSERA_RTC_H

#include <stdint.h>

/**
 * platform_rtc_read_epoch() - Read the real-time clock.
 * @seconds: set to seconds since 1970-01-01 00:00:00 UTC (the RTC is
 *           taken to keep UTC, as QEMU's does by default).
 *
 * Waits for an update in progress to end (at most about 2 ms) and reads
 * until two reads agree, in BCD or binary, 12- or 24-hour mode.
 *
 * Context: thread context; takes no lock (call it once at boot).
 * Return: 0, or -ENODEV when no RTC answers (the registers read as 0xff)
 * or its date is impossible.
 */
int platform_rtc_read_epoch(uint64_t *seconds);

/**
 * platform_realtime_ns() - The wall clock: nanoseconds since 1970 (UTC).
 *
 * The RTC's reading at the first call (or what platform_set_boot_epoch()
 * set) plus platform_clock_ns(), so it moves with the TSC and never
 * jumps on its own. Without a readable RTC it starts at 1970. File
 * timestamps and CLOCK_REALTIME come from here.
 *
 * Context: thread context (the first call reads the RTC's ports).
 */
uint64_t platform_realtime_ns(void);

/* Sets the wall-clock time at boot (platform_clock_ns() == 0), in seconds
 * since 1970: a command-line override of the RTC. */
void platform_set_boot_epoch(uint64_t seconds);

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
int64_t platform_days_from_civil(int64_t year, unsigned month, unsigned day);

#endif
