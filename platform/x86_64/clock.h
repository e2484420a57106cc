/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform's side of <tessera/clock.h>'s clock: start_kernel() marks
 * boot with clock_start() and calibrates with clock_init();
 * clock_measure_tsc() is also there for tests to check the calibration.
 */
#ifndef TESSERA_X86_64_CLOCK_H
#define TESSERA_X86_64_CLOCK_H

#include <stdint.h>

void clock_start(void);
void clock_init(void);

/* The longest window clock_measure_tsc() takes: channel 2 wraps at 0xffff
 * counts (54.9 ms). */
#define CLOCK_MEASURE_MAX_US 50000

/* Measures the TSC's rate against the PIT over window_us: 0 with *hz and
 * a bound on its error, or -ENODEV when there is no PIT (or it stands
 * still), -EAGAIN when a host stall made the PIT's count wrap unseen,
 * -EINVAL for a window over CLOCK_MEASURE_MAX_US or under 3 counts. */
int clock_measure_tsc(unsigned window_us, uint64_t *hz, uint64_t *error_ppm);

#endif
