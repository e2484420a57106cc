/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/rtc.h>: a wall clock made of a fixed boot time
 * (2023-11-14; platform_set_boot_epoch() changes it for the calling source
 * file only) and the simulated time since boot, so
 * timestamps in host tests are large, realistic and repeatable.
 */
#ifndef TESSERA_RTC_H
#define TESSERA_RTC_H

#include <stdint.h>

#include <tessera/clock.h>

static uint64_t host_boot_epoch __attribute__((unused)) = 1700000000;

static inline void platform_set_boot_epoch(uint64_t seconds)
{
	host_boot_epoch = seconds;
}

static inline uint64_t platform_realtime_ns(void)
{
	return host_boot_epoch * 1000000000ull + platform_clock_ns();
}

#endif
