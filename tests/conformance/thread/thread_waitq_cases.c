/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wait queue cases of the thread conformance suite: wait_event tests its
 * condition before every sleep and after every wake-up, times out in
 * (simulated) time, and wake_one / wake_all wake waiters in arrival order,
 * from threads and from interrupt handlers alike.
 */
#include <tessera/clock.h>
#include <tessera/irq.h>

#include "host_world.h"
#include "thread_cases.h"

/* A queue whose waiters each wait for a token, and the order they got them. */
struct token_queue {
	struct wait_queue wq;
	volatile uint32_t tokens;
	volatile uint32_t calls; /* of the condition */
	int order[4];
	volatile int served;
	int target; /* of served, for has_served_target() */
};

struct token_waiter {
	struct token_queue *q;
	int id;
	uint64_t timeout_ns;
	int err;
	uint64_t returned_at;
};

static bool take_token(void *arg)
{
	struct token_queue *q = arg;

	q->calls++;
	if (q->tokens == 0)
		return false;
	q->tokens--;
	return true;
}

static int32_t wait_for_token(void *arg)
{
	struct token_waiter *w = arg;

	w->err = thread_wait_event(&w->q->wq, take_token, w->q, w->timeout_ns);
	w->returned_at = platform_clock_ns();
	if (w->err == 0)
		w->q->order[w->q->served++] = w->id;
	return 0;
}

static void token_queue_init(struct token_queue *q, uint32_t tokens)
{
	thread_waitq_init(&q->wq);
	q->tokens = tokens;
	q->calls = 0;
	q->served = 0;
	q->target = 0;
}

static bool start_waiter(struct ktap *t, struct token_waiter *w, struct kthread **th)
{
	return ktap_expect(t, thread_create(wait_for_token, w, "waiter", SCHED_PRIO_DEFAULT, th) == 0,
			   "create") &&
	       ktap_expect(t, world_wait_blocked(*th), "waiter %d never blocked", w->id);
}

void wait_event_returns_at_once_when_the_condition_holds(struct ktap *t)
{
	struct token_queue q;
	uint64_t switches = thread_switches(), t0 = platform_clock_ns();

	token_queue_init(&q, 1);
	ktap_expect(t, thread_wait_event(&q.wq, take_token, &q, WAIT_FOREVER) == 0, "wait_event");
	ktap_expect(t, q.tokens == 0 && q.calls == 1, "condition called %u times", q.calls);
	ktap_expect(t, thread_switches() == switches && platform_clock_ns() == t0,
		    "slept although the condition held");
	ktap_expect(t, !thread_wake_one(&q.wq) && thread_wake_all(&q.wq) == 0,
		    "someone left on the queue");
}

void a_wake_up_with_the_condition_false_does_not_return(struct ktap *t)
{
	struct token_queue q;
	struct token_waiter w = { .q = &q, .id = 0, .timeout_ns = WAIT_FOREVER };
	struct kthread *th;
	uint32_t calls;

	token_queue_init(&q, 0);
	if (!start_waiter(t, &w, &th))
		return;
	calls = q.calls;
	ktap_expect(t, thread_wake_one(&q.wq), "wake_one found nobody waiting");
	ktap_expect(t, world_wait_blocked(th), "did not go back to sleep");
	ktap_expect(t, q.served == 0, "returned with its condition false");
	ktap_expect(t, q.calls > calls, "the condition was not tested again after the wake-up");
	q.tokens = 1;
	ktap_expect(t, thread_wake_one(&q.wq), "wake_one found nobody waiting the second time");
	ktap_expect(t, thread_join(th, NULL) == 0 && w.err == 0 && q.served == 1,
		    "the true wake-up gave %d", w.err);
}

void wait_event_times_out_in_simulated_time(struct ktap *t)
{
	struct token_queue q;
	struct token_waiter w = { .q = &q, .id = 0, .timeout_ns = 100 * WORLD_MS };
	struct kthread *th;
	uint64_t t0 = platform_clock_ns();
	int err;

	token_queue_init(&q, 0);
	err = thread_wait_event(&q.wq, take_token, &q, 10 * WORLD_MS);
	ktap_expect(t, err == -ETIMEDOUT, "gave %d, not -ETIMEDOUT", err);
	ktap_expect(t, platform_clock_ns() - t0 >= 10 * WORLD_MS &&
			       platform_clock_ns() - t0 < 10 * WORLD_MS + HOST_TICK_NS,
		    "a 10 ms timeout took %llu ns", (unsigned long long)(platform_clock_ns() - t0));
	ktap_expect(t, !thread_wake_one(&q.wq), "the timed-out waiter was left on the queue");
	/* A waiter whose condition comes true before its deadline gets 0. */
	if (!start_waiter(t, &w, &th))
		return;
	t0 = platform_clock_ns();
	q.tokens = 1;
	thread_wake_one(&q.wq);
	ktap_expect(t, thread_join(th, NULL) == 0, "join");
	ktap_expect(t, w.err == 0 && w.returned_at < t0 + 100 * WORLD_MS,
		    "woken in time, it gave %d after %llu ns", w.err,
		    (unsigned long long)(w.returned_at - t0));
}

static bool has_served_target(void *arg)
{
	struct token_queue *q = arg;

	return q->served >= q->target;
}

void wake_one_wakes_the_longest_waiter_first(struct ktap *t)
{
	struct token_queue q;
	struct token_waiter w[3];
	struct kthread *th[3];

	token_queue_init(&q, 0);
	for (int i = 0; i < 3; i++) {
		w[i] = (struct token_waiter){ .q = &q, .id = i, .timeout_ns = WAIT_FOREVER };
		if (!start_waiter(t, &w[i], &th[i]))
			return;
	}
	for (int i = 0; i < 3; i++) {
		q.tokens++;
		q.target = i + 1;
		ktap_expect(t, thread_wake_one(&q.wq), "wake_one %d found nobody", i);
		ktap_expect(t, world_sleep_until(has_served_target, &q) && q.served == i + 1,
			    "wake-up %d served %d waiters", i, q.served);
	}
	thread_wake_all(&q.wq); /* if one was missed: let the joins below end */
	for (int i = 0; i < 3; i++) {
		ktap_expect(t, thread_join(th[i], NULL) == 0, "join");
		ktap_expect(t, q.order[i] == i, "waiter %d was served #%d", q.order[i], i);
	}
}

void wake_all_wakes_every_waiter_and_counts_them(struct ktap *t)
{
	struct token_queue q;
	struct token_waiter w[3];
	struct kthread *th[3];
	size_t woken;

	token_queue_init(&q, 0);
	ktap_expect(t, thread_wake_all(&q.wq) == 0 && !thread_wake_one(&q.wq),
		    "woke someone on an empty queue");
	for (int i = 0; i < 3; i++) {
		w[i] = (struct token_waiter){ .q = &q, .id = i, .timeout_ns = WAIT_FOREVER };
		if (!start_waiter(t, &w[i], &th[i]))
			return;
	}
	q.tokens = 3;
	woken = thread_wake_all(&q.wq);
	ktap_expect(t, woken == 3, "wake_all woke %zu, not 3", woken);
	for (int i = 0; i < 3; i++)
		ktap_expect(t, thread_join(th[i], NULL) == 0 && w[i].err == 0, "waiter %d: %d", i, w[i].err);
	ktap_expect(t, q.served == 3 && thread_wake_all(&q.wq) == 0, "served %d", q.served);
}

struct irq_wake {
	struct token_queue *q;
	bool interrupts_were_enabled;
	bool woke;
};

static void give_token_from_interrupt(void *ctx)
{
	struct irq_wake *iw = ctx;

	iw->interrupts_were_enabled = irq_is_enabled();
	iw->q->tokens = 1;
	iw->woke = thread_wake_one(&iw->q->wq);
}

void an_interrupt_handler_wakes_a_waiter(struct ktap *t)
{
	struct token_queue q;
	struct token_waiter w = { .q = &q, .id = 0, .timeout_ns = WORLD_PATIENCE_NS };
	struct irq_wake iw = { .q = &q };
	struct kthread *th;

	token_queue_init(&q, 0);
	if (!start_waiter(t, &w, &th))
		return;
	host_interrupt(give_token_from_interrupt, &iw);
	ktap_expect(t, !iw.interrupts_were_enabled, "the handler ran with interrupts enabled");
	ktap_expect(t, iw.woke, "wake_one in the handler found nobody");
	ktap_expect(t, thread_join(th, NULL) == 0 && w.err == 0 && q.served == 1,
		    "the waiter gave %d", w.err);
}
