/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interrupt, clock and tick tests of the platform test kernel, run by
 * test_kmain.c for test=clock and printed as a KTAP suite (platform_clock)
 * with the measurements as diagnostics. Registered in CMakeLists.txt.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/clock.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "clock.h"
#include "error_numbers.h"
#include "irq.h"
#include "test_kmain.h"
#include "timer.h"

#define TEST_VECTOR 0x50 /* no handler unless a test registers one */
#define NSEC_PER_SEC 1000000000UL
#define NSEC_PER_MSEC 1000000UL
/* How long the tick rate is measured: ticks are counted edge to edge. */
#define TEST_TICK_WINDOW_NS (500 * NSEC_PER_MSEC)
/*
 * How far the tick rate may be from the configured one, in ppm. The median
 * period's by 0.5 %: measured within 0.12 % under TCG, idle or loaded.
 * The mean rate's by 45 %: ticks that come due while QEMU's CPU thread
 * waits for the host merge, and the mean drops (measured at 250 Hz:
 * within 0.9 % on an idle host, down to 18 % low with both host CPUs
 * busy; at 1000 Hz more than 30 % low once, with five builds running
 * beside it); a tick lost every other period (50 %) would still fail.
 */
#define TEST_TICK_PERIOD_TOLERANCE_PPM 5000
#define TEST_TICK_MEAN_TOLERANCE_PPM 450000
#define TEST_TICK_SAMPLES 512
/* The boot calibration (5 ms, error bound up to 100 ppm) against a 50 ms
 * measurement (bound up to 20 ppm, else measured again), in ppm. */
#define TEST_CALIBRATION_TOLERANCE_PPM 200
#define TEST_LONG_MEASURE_GOOD_PPM 20

struct test_case {
	const char *name;
	bool (*run)(void);
};

static bool test_irqs_were_enabled_at_kmain;
/* Set by a case that could not run here: KTAP's "# SKIP reason". */
static const char *test_skip_reason;

/* What test_irq_handler saw. */
static volatile unsigned test_irq_calls;
static volatile uint64_t test_irq_vector;
static void *volatile test_irq_ctx;

/* What test_tick_handler saw. */
static volatile uint64_t test_tick_calls;
static volatile uint64_t test_tick_first_ns, test_tick_last_ns;
static volatile bool test_tick_went_back;
static uint64_t test_tick_periods[TEST_TICK_SAMPLES];

static bool test_check(bool ok, const char *what)
{
	if (!ok)
		kprintf("    # failed: %s\n", what);
	return ok;
}

static uint64_t test_ppm_apart(uint64_t a, uint64_t b)
{
	return (a > b ? a - b : b - a) * 1000000 / b;
}

/* Spins (interrupts as they are) until the clock says ns have passed. */
static void test_spin_ns(uint64_t ns)
{
	uint64_t start = platform_clock_ns();

	while (platform_clock_ns() - start < ns)
		__asm__ volatile("pause");
}

static bool test_irqs_disabled_at_kmain(void)
{
	return test_check(!test_irqs_were_enabled_at_kmain, "interrupts were enabled when kmain() started");
}

static bool test_clock_is_calibrated(void)
{
	uint64_t hz = platform_tsc_hz(), now = platform_clock_ns();

	kprintf("    # tsc: %lu Hz, clock at %lu ns\n", hz, now);
	return test_check(hz >= 100000000 && hz <= 10000000000, "TSC frequency out of 100 MHz..10 GHz") &&
	       test_check(now > 0 && now < 60 * NSEC_PER_SEC, "clock not between 0 and 60 s");
}

static bool test_clock_is_monotonic(void)
{
	uint64_t first = platform_clock_ns(), prev = first;

	for (int i = 0; i < 100000; i++) {
		uint64_t now = platform_clock_ns();

		if (!test_check(now >= prev, "the clock went backwards"))
			return false;
		prev = now;
	}
	kprintf("    # 100000 reads in %lu ns\n", prev - first);
	return test_check(prev > first, "the clock did not advance");
}

/* Measures 50 ms of PIT on the TSC, best of a few (a host stall widens a
 * measurement's error bound, and the bound shows it). */
static int test_measure_tsc_long(uint64_t *hz, uint64_t *error_ppm)
{
	int err = -EAGAIN;

	*error_ppm = UINT64_MAX;
	for (int i = 0; i < 5 && *error_ppm > TEST_LONG_MEASURE_GOOD_PPM; i++) {
		uint64_t try_hz, try_ppm;
		int try_err = clock_measure_tsc(CLOCK_MEASURE_MAX_US, &try_hz, &try_ppm);

		if (try_err == -ENODEV)
			return try_err;
		if (!try_err && try_ppm < *error_ppm) {
			*hz = try_hz;
			*error_ppm = try_ppm;
			err = 0;
		}
	}
	return err;
}

/* The boot calibration against a ten times longer window, which shrinks
 * the reads' share of the error tenfold. */
static bool test_clock_agrees_with_pit(void)
{
	uint64_t hz = 0, error_ppm, start = platform_clock_ns(), elapsed, apart;
	int err = test_measure_tsc_long(&hz, &error_ppm);

	elapsed = platform_clock_ns() - start;
	if (!test_check(err == 0, "no PIT, or every measurement wrapped"))
		return false;
	apart = test_ppm_apart(platform_tsc_hz(), hz);
	kprintf("    # pit: %lu Hz over 50 ms (+-%lu ppm); boot calibration %lu Hz, %lu ppm apart\n", hz, error_ppm,
		platform_tsc_hz(), apart);
	return test_check(apart <= TEST_CALIBRATION_TOLERANCE_PPM, "calibration off by more than 200 ppm") &&
	       test_check(elapsed >= 50 * NSEC_PER_MSEC && elapsed < 2 * NSEC_PER_SEC,
			  "50 ms of PIT not 50-2000 ms on the clock");
}

static void test_irq_handler(struct trap_frame *frame, void *ctx)
{
	test_irq_calls++;
	test_irq_vector = frame->vector;
	test_irq_ctx = ctx;
}

static bool test_irq_register_checks(void)
{
	unsigned own = irq_has_apic() ? IRQ_VECTOR_TIMER : IRQ_VECTOR_LEGACY_BASE;
	bool ok = test_check(irq_register(31, test_irq_handler, NULL) == -EINVAL, "vector 31 accepted") &&
		  test_check(irq_register(256, test_irq_handler, NULL) == -EINVAL, "vector 256 accepted") &&
		  test_check(irq_register(IRQ_VECTOR_SPURIOUS, test_irq_handler, NULL) == -EINVAL,
			     "the spurious vector accepted") &&
		  test_check(irq_register(TEST_VECTOR, NULL, NULL) == -EINVAL, "no handler accepted") &&
		  test_check(irq_register(own, test_irq_handler, NULL) == -EBUSY, "the tick's vector accepted") &&
		  test_check(irq_unregister(TEST_VECTOR) == -EINVAL, "unregistered a free vector") &&
		  test_check(irq_raise(31) == -EINVAL, "raised vector 31");

	return ok && test_check(irq_register(TEST_VECTOR, test_irq_handler, NULL) == 0, "register failed") &&
	       test_check(irq_register(TEST_VECTOR, test_irq_handler, NULL) == -EBUSY, "registered twice") &&
	       test_check(irq_unregister(TEST_VECTOR) == 0, "unregister failed") &&
	       test_check(irq_register(TEST_VECTOR, test_irq_handler, NULL) == 0, "register after unregister") &&
	       test_check(irq_unregister(TEST_VECTOR) == 0, "second unregister failed");
}

static bool test_irq_save_restore_nest(void)
{
	unsigned long outer, inner;
	bool ok;

	outer = irq_save();
	irq_restore(outer);
	ok = test_check(!irq_is_enabled(), "irq_restore() enabled what was disabled");
	irq_enable();
	outer = irq_save();
	ok &= test_check(!irq_is_enabled(), "irq_save() left interrupts enabled");
	inner = irq_save();
	irq_restore(inner);
	ok &= test_check(!irq_is_enabled(), "the inner irq_restore() enabled interrupts");
	irq_restore(outer);
	ok &= test_check(irq_is_enabled(), "the outer irq_restore() did not enable interrupts");
	irq_disable();
	return ok;
}

/* A raised vector waits while interrupts are disabled, arrives when they
 * are enabled, and is acknowledged: the same vector arrives again. */
static bool test_irq_delivery_follows_flag(void)
{
	int marker;
	bool ok;

	if (!irq_has_apic()) {
		test_skip_reason = "no local APIC to raise vectors with";
		return true;
	}
	irq_register(TEST_VECTOR, test_irq_handler, &marker);
	test_irq_calls = 0;
	irq_raise(TEST_VECTOR);
	test_spin_ns(NSEC_PER_MSEC);
	ok = test_check(test_irq_calls == 0, "delivered with interrupts disabled");
	irq_enable();
	test_spin_ns(NSEC_PER_MSEC);
	ok &= test_check(test_irq_calls == 1, "not delivered once enabled");
	ok &= test_check(test_irq_vector == TEST_VECTOR && test_irq_ctx == &marker, "wrong vector or ctx");
	irq_raise(TEST_VECTOR);
	test_spin_ns(NSEC_PER_MSEC);
	ok &= test_check(test_irq_calls == 2, "not delivered again: no EOI?");
	irq_disable();
	irq_unregister(TEST_VECTOR);
	return ok;
}

/* Ticks wait while interrupts are disabled and resume when enabled. */
static bool test_tick_follows_flag(void)
{
	uint64_t period = NSEC_PER_SEC / platform_tick_hz(), before = platform_ticks(), start;
	bool ok;

	test_spin_ns(3 * period);
	ok = test_check(platform_ticks() == before, "ticked with interrupts disabled");
	start = platform_clock_ns();
	irq_enable();
	while (platform_ticks() == before && platform_clock_ns() - start < 10 * period)
		irq_enable_and_wait();
	irq_disable();
	return ok && test_check(platform_ticks() > before, "no tick within 10 periods of enabling");
}

static void test_tick_handler(uint64_t now_ns)
{
	uint64_t n = test_tick_calls;

	if (n == 0)
		test_tick_first_ns = now_ns;
	else if (now_ns <= test_tick_last_ns)
		test_tick_went_back = true;
	else if (n <= TEST_TICK_SAMPLES)
		test_tick_periods[n - 1] = now_ns - test_tick_last_ns;
	test_tick_last_ns = now_ns;
	test_tick_calls = n + 1;
}

/* Idles until the tick count reaches target, or for a second more than
 * the ticks should take. */
static void test_wait_for_tick(uint64_t target)
{
	uint64_t deadline = platform_clock_ns() + NSEC_PER_SEC +
			    (target - platform_ticks()) * NSEC_PER_SEC / platform_tick_hz();

	while (platform_ticks() < target && platform_clock_ns() < deadline)
		irq_enable_and_wait();
}

static uint64_t test_median(uint64_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return v[n / 2];
}

/* mHz from a number of periods and their total length. */
static uint64_t test_millihertz(uint64_t periods, uint64_t ns)
{
	return periods * NSEC_PER_SEC * 1000 / ns;
}

/*
 * Times ticks by the handler's now_ns, from the tick after the handler is
 * set. Two rates: the median period's, which one late tick (a host stall)
 * does not move, is the one the timer was programmed for; the mean rate
 * over the whole window also counts ticks merged because they came late.
 */
static bool test_tick_rate(void)
{
	unsigned hz = platform_tick_hz();
	uint64_t ticks = TEST_TICK_WINDOW_NS * hz / NSEC_PER_SEC, mean, median, elapsed;

	if (ticks > TEST_TICK_SAMPLES)
		ticks = TEST_TICK_SAMPLES;
	test_tick_calls = 0;
	test_tick_went_back = false;
	platform_set_tick_handler(test_tick_handler);
	test_wait_for_tick(platform_ticks() + 1 + ticks);
	irq_disable();
	platform_set_tick_handler(NULL);
	if (!test_check(test_tick_calls == ticks + 1 && !test_tick_went_back, "missed ticks, or time went back"))
		return false;
	elapsed = test_tick_last_ns - test_tick_first_ns;
	mean = test_millihertz(ticks, elapsed);
	median = test_millihertz(1, test_median(test_tick_periods, ticks));
	kprintf("    # timer: %s at %u Hz: %lu ticks in %lu us, mean %lu.%03lu Hz (%lu ppm off), "
		"median period %lu.%03lu Hz (%lu ppm off)\n",
		timer_source(), hz, ticks, elapsed / 1000, mean / 1000, mean % 1000, test_ppm_apart(mean, hz * 1000UL),
		median / 1000, median % 1000, test_ppm_apart(median, hz * 1000UL));
	return test_check(test_ppm_apart(median, hz * 1000UL) <= TEST_TICK_PERIOD_TOLERANCE_PPM,
			  "the median period is off by more than 0.5 %") &&
	       test_check(test_ppm_apart(mean, hz * 1000UL) <= TEST_TICK_MEAN_TOLERANCE_PPM,
			  "the mean rate is off by more than 45 %");
}

/* With the handler cleared, ticks still count but call nothing. */
static bool test_tick_handler_can_be_cleared(void)
{
	uint64_t calls = test_tick_calls, start = platform_ticks();

	test_wait_for_tick(start + 2);
	irq_disable();
	return test_check(platform_ticks() >= start + 2, "ticks stopped") &&
	       test_check(test_tick_calls == calls, "a cleared handler was called");
}

static const struct test_case test_clock_cases[] = {
	{ "irqs_disabled_at_kmain", test_irqs_disabled_at_kmain },
	{ "clock_is_calibrated", test_clock_is_calibrated },
	{ "clock_is_monotonic", test_clock_is_monotonic },
	{ "clock_agrees_with_pit", test_clock_agrees_with_pit },
	{ "irq_register_checks_vectors", test_irq_register_checks },
	{ "irq_save_restore_nest", test_irq_save_restore_nest },
	{ "irq_delivery_follows_irq_flag", test_irq_delivery_follows_flag },
	{ "tick_follows_irq_flag", test_tick_follows_flag },
	{ "tick_rate_is_configured_rate", test_tick_rate },
	{ "tick_handler_can_be_cleared", test_tick_handler_can_be_cleared },
};

/**
 * test_clock_suite() - Run the platform_clock KTAP suite.
 * @irqs_enabled_at_kmain: whether kmain() found interrupts enabled.
 *
 * Return: the number of failed cases.
 */
int test_clock_suite(bool irqs_enabled_at_kmain)
{
	size_t n = sizeof(test_clock_cases) / sizeof(test_clock_cases[0]);
	int failed = 0;

	test_irqs_were_enabled_at_kmain = irqs_enabled_at_kmain;
	kprintf("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: platform_clock\n    1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		bool ok;

		test_skip_reason = NULL;
		ok = test_clock_cases[i].run();
		irq_disable();
		failed += !ok;
		kprintf("    %s %zu %s%s%s\n", ok ? "ok" : "not ok", i + 1, test_clock_cases[i].name,
			test_skip_reason ? " # SKIP " : "", test_skip_reason ? test_skip_reason : "");
	}
	kprintf("%s 1 platform_clock\n", failed ? "not ok" : "ok");
	return failed;
}
