/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The CMOS real-time clock (Motorola MC146818 and its successors) at
 * ports 0x70/0x71, on every PC and on QEMU's microvm with rtc=on. Read
 * only: Tessera never sets the hardware clock.
 */
#include <stdbool.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/ioport.h>
#include <tessera/kprintf.h>
#include <tessera/rtc.h>

#include "error_numbers.h"

#define RTC_INDEX_PORT 0x70
#define RTC_DATA_PORT 0x71
#define RTC_NMI_DISABLE 0x80 /* bit 7 of the index port: keep NMIs masked while we read */

enum rtc_register {
	RTC_SECONDS = 0x00,
	RTC_MINUTES = 0x02,
	RTC_HOURS = 0x04,
	RTC_DAY = 0x07,
	RTC_MONTH = 0x08,
	RTC_YEAR = 0x09,
	RTC_STATUS_A = 0x0a,
	RTC_STATUS_B = 0x0b,
	RTC_CENTURY = 0x32, /* where the ACPI FADT's default and QEMU put it */
};

#define RTC_A_UPDATE_IN_PROGRESS 0x80
#define RTC_B_24_HOUR 0x02
#define RTC_B_BINARY 0x04
#define RTC_HOUR_PM 0x80
/* An update takes under 2 ms; polls of a port take ~1 us each. */
#define RTC_UPDATE_POLLS 100000

struct rtc_time {
	unsigned sec, min, hour, day, month, year, century;
};

static uint8_t rtc_read_register(enum rtc_register reg)
{
	ioport_outb(RTC_INDEX_PORT, RTC_NMI_DISABLE | reg);
	return ioport_inb(RTC_DATA_PORT);
}

static bool rtc_wait_update_done(void)
{
	for (int i = 0; i < RTC_UPDATE_POLLS; i++)
		if (!(rtc_read_register(RTC_STATUS_A) & RTC_A_UPDATE_IN_PROGRESS))
			return true;
	return false;
}

static void rtc_read_raw(struct rtc_time *t)
{
	t->sec = rtc_read_register(RTC_SECONDS);
	t->min = rtc_read_register(RTC_MINUTES);
	t->hour = rtc_read_register(RTC_HOURS);
	t->day = rtc_read_register(RTC_DAY);
	t->month = rtc_read_register(RTC_MONTH);
	t->year = rtc_read_register(RTC_YEAR);
	t->century = rtc_read_register(RTC_CENTURY);
}

static bool rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year && a->century == b->century;
}

static unsigned rtc_from_bcd(unsigned v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

/* Converts to binary, 24-hour values as the status register B says. */
static void rtc_normalise(struct rtc_time *t, uint8_t status_b)
{
	bool pm = t->hour & RTC_HOUR_PM;

	t->hour &= ~RTC_HOUR_PM;
	if (!(status_b & RTC_B_BINARY)) {
		t->sec = rtc_from_bcd(t->sec);
		t->min = rtc_from_bcd(t->min);
		t->hour = rtc_from_bcd(t->hour);
		t->day = rtc_from_bcd(t->day);
		t->month = rtc_from_bcd(t->month);
		t->year = rtc_from_bcd(t->year);
		t->century = rtc_from_bcd(t->century);
	}
	if (!(status_b & RTC_B_24_HOUR))
		t->hour = t->hour % 12 + (pm ? 12 : 0);
}

int64_t platform_days_from_civil(int64_t year, unsigned month, unsigned day)
{
	/* Counting years from March puts the leap day last. */
	int64_t y = month <= 2 ? year - 1 : year;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t year_of_era = y - era * 400;
	int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * 146097 + day_of_era - 719468;
}

int platform_rtc_read_epoch(uint64_t *seconds)
{
	struct rtc_time a, b;
	uint8_t status_b = rtc_read_register(RTC_STATUS_B);

	if (status_b == 0xff)
		return -ENODEV; /* nothing decodes the ports */
	/* Two identical reads between updates: no field changed under us. */
	do {
		if (!rtc_wait_update_done())
			return -ENODEV;
		rtc_read_raw(&a);
		if (!rtc_wait_update_done())
			return -ENODEV;
		rtc_read_raw(&b);
	} while (!rtc_same(&a, &b));
	rtc_normalise(&a, status_b);
	unsigned century = a.century >= 19 && a.century <= 99 ? a.century : 20;
	int64_t year = (int64_t)century * 100 + a.year;

	if (a.month < 1 || a.month > 12 || a.day < 1 || a.day > 31 || a.hour > 23 || a.min > 59 || a.sec > 60 ||
	    year < 1970)
		return -ENODEV;
	*seconds = (uint64_t)(platform_days_from_civil(year, a.month, a.day) * 86400 + a.hour * 3600 +
			      a.min * 60 + a.sec);
	return 0;
}

#define NSEC_PER_SEC 1000000000ull

/* Wall-clock seconds at boot; read from the RTC at the first use. A
 * second read racing the first writes the same value. */
static struct {
	bool known;
	uint64_t seconds;
} rtc_boot_epoch;

void platform_set_boot_epoch(uint64_t seconds)
{
	rtc_boot_epoch.seconds = seconds;
	rtc_boot_epoch.known = true;
}

static void rtc_learn_boot_epoch(void)
{
	uint64_t now;

	if (platform_rtc_read_epoch(&now) != 0) {
		kprintf("rtc: no real-time clock answers; the wall clock starts at 1970\n");
		platform_set_boot_epoch(0);
		return;
	}
	platform_set_boot_epoch(now - platform_clock_ns() / NSEC_PER_SEC);
	kprintf("rtc: %llu s since 1970 (UTC)\n", (unsigned long long)now);
}

uint64_t platform_realtime_ns(void)
{
	if (!rtc_boot_epoch.known)
		rtc_learn_boot_epoch();
	return rtc_boot_epoch.seconds * NSEC_PER_SEC + platform_clock_ns();
}
