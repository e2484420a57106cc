/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-kernel benchmarks of whatever this image binds to pmm, heap and sched,
 * run by kmain() after the self-tests when the command line holds a
 * `bench=` word, printed as tables on the console. The host benchmarks
 * (bench/kernel/host) run this same file against host builds of the
 * components, so kernel and host figures come from the same code.
 *
 * The word is `bench=all` or a comma-separated list of pmm, heap and sched,
 * plus `quick` for tiny sizes (see bench/README.md).
 *
 * Timing is the TSC: `lfence; rdtsc` around each operation for the
 * percentiles and the maximum, and around a whole loop without per-op reads
 * for the throughput. Interrupts are off while it runs, as the interfaces
 * ask of their callers. Under QEMU's TCG the guest TSC counts host time,
 * so kernel figures measure the emulator as much as the code.
 */
#include <tessera/clock.h>
#include <tessera/composition.h>
/* The interfaces, then their bindings: this file also builds on the host,
 * where the kernel core's component header does not exist. */
#include <tessera/heap.h>
#include <tessera/memmap.h>
#include <tessera/pmm.h>
#include <tessera/sched.h>
#include <tessera/bind/heap.h>
#include <tessera/bind/memmap.h>
#include <tessera/bind/pmm.h>
#include <tessera/bind/sched.h>
#include <tessera/irq.h>
#include <tessera/kprintf.h>

#include "core.h"

/* ---- the sizes of a run ---- */

struct bench_plan {
	uint32_t churn_pool; /* blocks kept live by the churn workloads */
	uint32_t churn_iters; /* free+alloc pairs per churn pass */
	uint32_t fill_frames; /* most frames the fill workload takes */
	uint32_t sched_rounds; /* pick+tick+put_prev rounds per pass */
	uint32_t sched_max_n; /* largest run queue measured */
};

static const struct bench_plan bench_full = { 1024, 50000, 16384, 20000, 10000 };
static const struct bench_plan bench_quick = { 64, 500, 256, 200, 100 };

/* Throughput passes per workload. The fastest is reported: whatever else
 * the host runs can only slow a pass down. */
enum { BENCH_PASSES = 3 };

/* ---- the clock: the x86 TSC, at the rate the platform calibrated ---- */

/* Cycles are what an allocator's cost is counted in: the platform's cycle
 * counter, converted with the rate it measured at boot (platform_tsc_hz()). */
static inline uint64_t bench_tsc(void)
{
	return platform_cycles();
}

/* ---- a PRNG, so every run replays the same sequence ---- */

static uint64_t bench_rng_state;

static uint64_t bench_rng(void)
{
	bench_rng_state ^= bench_rng_state >> 12;
	bench_rng_state ^= bench_rng_state << 25;
	bench_rng_state ^= bench_rng_state >> 27;
	return bench_rng_state * 0x2545f4914f6cdd1dULL;
}

static void bench_rng_seed(void)
{
	bench_rng_state = 0x9e3779b97f4a7c15ULL;
}

/* ---- per-operation statistics: a log-linear histogram ---- */

/*
 * Values below 16 have a bucket each; above, 8 buckets per power of two,
 * so a percentile is reported as its bucket's upper bound, at most 12.5%
 * above the true value. The maximum and the count are exact.
 */
enum { HIST_LINEAR = 16, HIST_SUB = 8, HIST_OCTAVES = 60 };

struct bench_hist {
	uint64_t count, max;
	uint32_t bucket[HIST_LINEAR + HIST_OCTAVES * HIST_SUB];
};

/* alloc, free and a third series; in pmm scratch while the benchmarks run,
 * so they cost the image no bss. */
static struct bench_hist *bench_hists;

static void bench_hists_reset(void)
{
	__builtin_memset(bench_hists, 0, 3 * sizeof(*bench_hists));
}

static void bench_hist_add(struct bench_hist *h, uint64_t v)
{
	uint32_t i = (uint32_t)v;

	if (v >= HIST_LINEAR) {
		uint32_t k = 63 - (uint32_t)__builtin_clzll(v); /* 4 and up */

		i = HIST_LINEAR + (k - 4) * HIST_SUB + (uint32_t)((v >> (k - 3)) & (HIST_SUB - 1));
	}
	h->bucket[i]++;
	h->count++;
	h->max = v > h->max ? v : h->max;
}

static uint64_t bench_hist_upper(uint32_t i)
{
	uint32_t k = (i - HIST_LINEAR) / HIST_SUB + 4, sub = (i - HIST_LINEAR) % HIST_SUB;

	return i < HIST_LINEAR ? i : ((uint64_t)(HIST_SUB + sub + 1) << (k - 3)) - 1;
}

/* The value below which `permille` thousandths of the samples fall. */
static uint64_t bench_hist_pct(const struct bench_hist *h, uint32_t permille)
{
	uint64_t want = (h->count * permille + 999) / 1000, seen = 0;

	for (uint32_t i = 0; i < HIST_LINEAR + HIST_OCTAVES * HIST_SUB; i++) {
		seen += h->bucket[i];
		if (seen >= want && seen)
			return bench_hist_upper(i) < h->max ? bench_hist_upper(i) : h->max;
	}
	return h->max;
}

/* ---- shared by the workloads ---- */

struct bench_run {
	const struct bench_plan *plan;
	uint64_t tsc_hz;
};

/* Per-op timing when h is set; a bare call otherwise, for the throughput. */
static inline uint64_t bench_start(const struct bench_hist *h)
{
	return h ? bench_tsc() : 0;
}

static inline void bench_stop(struct bench_hist *h, uint64_t t0)
{
	if (h)
		bench_hist_add(h, bench_tsc() - t0);
}

static uint64_t bench_best(const uint64_t v[BENCH_PASSES])
{
	uint64_t best = v[0];

	for (int i = 1; i < BENCH_PASSES; i++)
		best = v[i] < best ? v[i] : best;
	return best;
}

static uint64_t bench_kops(const struct bench_run *run, uint64_t ops, uint64_t cycles)
{
	return cycles ? ops * run->tsc_hz / cycles / 1000 : 0;
}

/* boot_steps.c has core_str_len(); the host build of this file has only this file. */
static size_t bench_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Whether the n bytes at w are the string s. */
static bool bench_word_is(const char *w, size_t n, const char *s)
{
	size_t i = 0;

	while (i < n && s[i] && w[i] == s[i])
		i++;
	return i == n && !s[i];
}

static const char *bench_bound(const char *iface)
{
	for (size_t i = 0; i < tessera_nbindings; i++)
		if (bench_word_is(iface, bench_len(iface), tessera_bindings[i].interface))
			return tessera_bindings[i].component;
	return "(unbound)";
}

/* Scratch memory for the workloads' own bookkeeping, from pmm so the heap
 * under test holds none of it. */
static void *bench_scratch(size_t bytes, paddr_t *pa, uint32_t *order)
{
	*order = 0;
	while (((size_t)PAGE_SIZE << *order) < bytes)
		(*order)++;
	if (pmm_alloc(*order, pa) != 0)
		return NULL;
	return (void *)(uintptr_t)memmap_phys_to_virt(*pa);
}

static void bench_alloc_row(const char *workload, uint64_t ops, uint64_t kops)
{
	const struct bench_hist *a = &bench_hists[0], *f = &bench_hists[1];

	kprintf("%-13s %7lu %9lu %9lu %8lu %9lu %9lu %8lu %9lu\n", workload, ops, kops,
		bench_hist_pct(a, 500), bench_hist_pct(a, 990), a->max,
		bench_hist_pct(f, 500), bench_hist_pct(f, 990), f->max);
}

static void bench_alloc_header(void)
{
	kprintf("%-13s %7s %9s %9s %8s %9s %9s %8s %9s\n", "workload", "ops", "kops/s",
		"alloc p50", "p99", "max", "free p50", "p99", "max");
}

/*
 * A workload's pass: timed (per-op figures into bench_hists) or not (for
 * the throughput). Returns the TSC ticks its measured loop took; on
 * failure sets *err and may return anything.
 */
struct bench_ctx {
	const struct bench_plan *plan;
	void *pool; /* the workload's bookkeeping, from bench_scratch() */
	uint32_t arg; /* workload-specific: max order, fill size, size shift */
	bool mixed;
};

typedef uint64_t bench_pass_fn(const struct bench_ctx *c, bool timed, int *err);

/* BENCH_PASSES untimed passes (the first also warms TCG's code cache), then
 * a timed one; prints the row. */
static int bench_measure(const struct bench_run *run, const char *name, bench_pass_fn *pass,
			 const struct bench_ctx *c, uint64_t ops)
{
	uint64_t cycles[BENCH_PASSES];
	int err = 0;

	for (int i = 0; i < BENCH_PASSES && !err; i++)
		cycles[i] = pass(c, false, &err);
	bench_hists_reset();
	if (!err)
		pass(c, true, &err);
	if (err) {
		kprintf("%-13s failed: %d\n", name, err);
		return err;
	}
	bench_alloc_row(name, ops, bench_kops(run, ops, bench_best(cycles)));
	return 0;
}

/* ---- pmm: churn at order 0 and mixed orders, fill and drain ---- */

struct bench_block {
	paddr_t pa;
	uint32_t order; /* BENCH_EMPTY: the slot holds nothing */
};

enum { BENCH_EMPTY = 0xffffffffu };

/* Half order 0, a quarter order 1, down to one in 16 of order 4. */
static const uint8_t bench_mixed_orders[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 4 };

static uint32_t bench_pmm_order(const struct bench_ctx *c)
{
	uint32_t order = c->mixed ? bench_mixed_orders[bench_rng() % 16] : 0;

	return order < c->arg ? order : c->arg;
}

static void bench_pmm_drain(struct bench_block *pool, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (pool[i].order != BENCH_EMPTY)
			pmm_free(pool[i].pa, pool[i].order);
}

/* Keeps churn_pool blocks live; each step frees a random one and allocates
 * a new one, so the allocator works in a steady, fragmented state. */
static uint64_t bench_pmm_churn_pass(const struct bench_ctx *c, bool timed, int *err)
{
	struct bench_hist *ha = timed ? &bench_hists[0] : NULL, *hf = timed ? &bench_hists[1] : NULL;
	struct bench_block *pool = c->pool;
	uint32_t n = c->plan->churn_pool;
	uint64_t t0, t1 = 0;

	bench_rng_seed();
	for (uint32_t i = 0; i < n; i++)
		pool[i].order = BENCH_EMPTY;
	for (uint32_t i = 0; i < n && !*err; i++) {
		uint32_t order = bench_pmm_order(c);

		*err = pmm_alloc(order, &pool[i].pa);
		pool[i].order = *err ? BENCH_EMPTY : order;
	}
	t0 = bench_tsc();
	for (uint32_t i = 0; i < c->plan->churn_iters && !*err; i++) {
		struct bench_block *b = &pool[bench_rng() % n];
		uint32_t order = bench_pmm_order(c);

		uint64_t t = bench_start(hf);

		*err = pmm_free(b->pa, b->order);
		bench_stop(hf, t);
		b->order = BENCH_EMPTY;
		if (*err)
			break;
		t = bench_start(ha);
		*err = pmm_alloc(order, &b->pa);
		bench_stop(ha, t);
		b->order = *err ? BENCH_EMPTY : order;
	}
	t1 = bench_tsc();
	bench_pmm_drain(pool, n);
	return t1 - t0;
}

/* Takes arg frames one at a time, then gives them back in the opposite
 * order; the frames themselves hold the list. */
static uint64_t bench_pmm_fill_pass(const struct bench_ctx *c, bool timed, int *err)
{
	struct bench_hist *ha = timed ? &bench_hists[0] : NULL, *hf = timed ? &bench_hists[1] : NULL;
	paddr_t head = 0, pa;
	uint32_t taken = 0;
	uint64_t t0 = bench_tsc();

	while (taken < c->arg) {
		uint64_t t = bench_start(ha);

		*err = pmm_alloc(0, &pa);
		bench_stop(ha, t);
		if (*err)
			break;
		*(paddr_t *)(uintptr_t)memmap_phys_to_virt(pa) = head;
		head = pa;
		taken++;
	}
	while (taken--) {
		paddr_t next = *(paddr_t *)(uintptr_t)memmap_phys_to_virt(head);
		uint64_t t = bench_start(hf);
		int e = pmm_free(head, 0);

		bench_stop(hf, t);
		*err = *err ? *err : e;
		head = next;
	}
	return bench_tsc() - t0;
}

static int bench_pmm(const struct bench_run *run)
{
	const struct bench_plan *plan = run->plan;
	struct bench_ctx c = { .plan = plan };
	struct pmm_stats st;
	paddr_t pa;
	uint32_t order;
	int failed = 0;

	pmm_stats(&st);
	kprintf("bench: pmm %s: %lu of %lu frames free, max order %u\n", bench_bound("pmm"),
		st.free_frames, st.total_frames, st.max_order);
	c.pool = bench_scratch(plan->churn_pool * sizeof(struct bench_block), &pa, &order);
	if (!c.pool) {
		kprintf("bench: pmm: no memory for the pool\n");
		return 1;
	}
	bench_alloc_header();
	c.arg = st.max_order;
	failed += bench_measure(run, "order0-churn", bench_pmm_churn_pass, &c, 2ull * plan->churn_iters) != 0;
	c.mixed = true;
	failed += bench_measure(run, "mixed-churn", bench_pmm_churn_pass, &c, 2ull * plan->churn_iters) != 0;
	c.arg = (uint32_t)(st.free_frames * 3 / 4 < plan->fill_frames ? st.free_frames * 3 / 4 : plan->fill_frames);
	failed += bench_measure(run, "order0-fill", bench_pmm_fill_pass, &c, 2ull * c.arg) != 0;
	pmm_free(pa, order);
	return failed;
}

/* ---- heap: churn of small and of mixed sizes ---- */

/* Log-uniform: every power of two from 8 up to 2^(shift-1) equally likely,
 * then uniform within it, so sizes run from 8 to 2^shift - 1 bytes. */
static size_t bench_heap_size(uint32_t shift)
{
	size_t base = (size_t)1 << (3 + bench_rng() % (shift - 3));

	return base + (size_t)(bench_rng() % base);
}

static uint64_t bench_heap_churn_pass(const struct bench_ctx *c, bool timed, int *err)
{
	struct bench_hist *ha = timed ? &bench_hists[0] : NULL, *hf = timed ? &bench_hists[1] : NULL;
	void **pool = c->pool;
	uint32_t n = c->plan->churn_pool;
	uint64_t t0, t1;

	bench_rng_seed();
	for (uint32_t i = 0; i < n; i++)
		pool[i] = NULL;
	for (uint32_t i = 0; i < n && !*err; i++)
		*err = heap_alloc(bench_heap_size(c->arg), &pool[i]);
	t0 = bench_tsc();
	for (uint32_t i = 0; i < c->plan->churn_iters && !*err; i++) {
		void **slot = &pool[bench_rng() % n];
		size_t size = bench_heap_size(c->arg);

		uint64_t t = bench_start(hf);

		heap_free(*slot);
		bench_stop(hf, t);
		*slot = NULL;
		t = bench_start(ha);
		*err = heap_alloc(size, slot);
		bench_stop(ha, t);
	}
	t1 = bench_tsc();
	for (uint32_t i = 0; i < n; i++)
		heap_free(pool[i]);
	return t1 - t0;
}

static int bench_heap(const struct bench_run *run)
{
	const struct bench_plan *plan = run->plan;
	struct bench_ctx c = { .plan = plan };
	paddr_t pa;
	uint32_t order;
	int failed = 0;

	kprintf("bench: heap %s over pmm %s\n", bench_bound("heap"), bench_bound("pmm"));
	c.pool = bench_scratch(plan->churn_pool * sizeof(void *), &pa, &order);
	if (!c.pool) {
		kprintf("bench: heap: no memory for the pool\n");
		return 1;
	}
	bench_alloc_header();
	c.arg = 9;
	failed += bench_measure(run, "small-churn", bench_heap_churn_pass, &c, 2ull * plan->churn_iters) != 0;
	c.arg = 14;
	failed += bench_measure(run, "mixed-churn", bench_heap_churn_pass, &c, 2ull * plan->churn_iters) != 0;
	pmm_free(pa, order);
	return failed;
}

/* ---- sched: pick-next against the length of the run queue ---- */

/* rounds of pick_next, tick and put_prev: the queue keeps its length and
 * the policy does its full bookkeeping each round. Each round runs for a
 * different time (a hash of the round, 1/4 to 5/4 of a slice), so a
 * policy ordered by runtime puts entities back at varying places. */
static uint64_t bench_sched_pass(uint32_t rounds, bool timed, int *err)
{
	struct bench_hist *hp = timed ? &bench_hists[0] : NULL, *hq = timed ? &bench_hists[1] : NULL;
	struct bench_hist *ht = timed ? &bench_hists[2] : NULL;
	uint64_t t0 = bench_tsc();

	for (uint32_t r = 0; r < rounds; r++) {
		uint64_t t = bench_start(hp);
		struct sched_entity *se = sched_pick_next();

		bench_stop(hp, t);
		if (!se) {
			*err = -EINVAL;
			break;
		}
		t = bench_start(ht);
		sched_tick(se, SCHED_DEFAULT_SLICE_NS / 4 + (r * 2654435761u) % SCHED_DEFAULT_SLICE_NS);
		bench_stop(ht, t);
		t = bench_start(hq);
		sched_put_prev(se);
		bench_stop(hq, t);
	}
	return bench_tsc() - t0;
}

/* n entities at priorities 10..30, all runnable; prints one row. *round1
 * is the mean round of the first (smallest) n, which later rows compare to. */
static int bench_sched_n(const struct bench_plan *plan, uint32_t n, uint64_t *round1)
{
	uint64_t cycles[BENCH_PASSES];
	uint32_t order;
	paddr_t pa;
	int err = 0;
	struct sched_entity *se = bench_scratch(n * sizeof(*se), &pa, &order);

	if (!se)
		return -ENOMEM;
	__builtin_memset(se, 0, n * sizeof(*se));
	for (uint32_t i = 0; i < n && !err; i++) {
		err = sched_init_entity(&se[i], 10 + i % 21);
		if (!err)
			sched_enqueue(&se[i]);
	}
	for (int i = 0; i < BENCH_PASSES && !err; i++)
		cycles[i] = bench_sched_pass(plan->sched_rounds, false, &err);
	bench_hists_reset();
	if (!err)
		bench_sched_pass(plan->sched_rounds, true, &err);
	for (uint32_t i = 0; i < n; i++)
		sched_dequeue(&se[i]);
	pmm_free(pa, order);
	if (err)
		return err;
	uint64_t round = bench_best(cycles) / plan->sched_rounds;
	*round1 = *round1 ? *round1 : round;
	kprintf("%-6u %9lu %7lu %8lu %13lu %7lu %9lu %11lu %5lu.%02lu\n", n,
		bench_hist_pct(&bench_hists[0], 500), bench_hist_pct(&bench_hists[0], 990), bench_hists[0].max,
		bench_hist_pct(&bench_hists[1], 500), bench_hist_pct(&bench_hists[1], 990),
		bench_hist_pct(&bench_hists[2], 500), round, round / *round1, round * 100 / *round1 % 100);
	return 0;
}

static int bench_sched(const struct bench_run *run)
{
	struct sched_info info;
	uint64_t round1 = 0;
	int failed = 0;

	sched_describe(&info);
	kprintf("bench: sched %s: %s\n", info.name, info.summary);
	kprintf("%-6s %9s %7s %8s %13s %7s %9s %11s %8s\n", "n", "pick p50", "p99", "max",
		"put_prev p50", "p99", "tick p50", "round mean", "x n=10");
	for (uint32_t n = 10; n <= run->plan->sched_max_n; n *= 10) {
		int err = bench_sched_n(run->plan, n, &round1);

		if (err)
			kprintf("%-6u failed: %d\n", n, err);
		failed += err != 0;
	}
	kprintf("context switch: measured with threads running, bench=thread (the kernel only)\n");
	return failed;
}


/* ---- the command line ---- */

enum { BENCH_PMM = 1, BENCH_HEAP = 2, BENCH_SCHED = 4, BENCH_QUICK = 8, BENCH_THREAD = 16 };
/* What runs here, before threads start; bench_thread.c runs BENCH_THREAD. */
enum { BENCH_HERE = BENCH_PMM | BENCH_HEAP | BENCH_SCHED };

/* The items of a `bench=` value (a, b, ...) as BENCH_* bits; -1 for an
 * unknown item. */
static int bench_parse_items(const char *v, size_t n)
{
	static const struct { const char *name; int bits; } items[] = {
		{ "all", BENCH_HERE | BENCH_THREAD }, { "pmm", BENCH_PMM }, { "heap", BENCH_HEAP },
		{ "sched", BENCH_SCHED }, { "thread", BENCH_THREAD }, { "quick", BENCH_QUICK },
	};
	int bits = 0;

	while (n > 0) {
		size_t len = 0, i;

		while (len < n && v[len] != ',')
			len++;
		for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
			if (bench_word_is(v, len, items[i].name))
				break;
		if (i == sizeof(items) / sizeof(items[0]))
			return -1;
		bits |= items[i].bits;
		v += len + (len < n);
		n -= len + (len < n);
	}
	return bits;
}

/* Finds `key=` among the words; returns its value's length, or -1. */
static long bench_find(const char *cmdline, const char *key, const char **value)
{
	size_t klen = bench_len(key);

	for (const char *w = cmdline; *w;) {
		size_t n = 0;

		while (*w == ' ')
			w++;
		while (w[n] && w[n] != ' ')
			n++;
		if (n > klen && w[klen] == '=' && bench_word_is(w, klen, key)) {
			*value = w + klen + 1;
			return (long)(n - klen - 1);
		}
		w += n;
	}
	return -1;
}

/* The empty `lfence; rdtsc` pair: included in every per-op figure. */
static uint64_t bench_timer_overhead(void)
{
	bench_hists_reset();
	for (int i = 0; i < 1000; i++) {
		uint64_t t0 = bench_tsc();

		bench_hist_add(&bench_hists[0], bench_tsc() - t0);
	}
	return bench_hist_pct(&bench_hists[0], 500);
}

bool core_bench_wants(const char *cmdline, const char *item)
{
	const char *v;
	long n = bench_find(cmdline, "bench", &v);
	int what = n < 0 ? 0 : bench_parse_items(v, (size_t)n);
	int want = bench_parse_items(item, bench_len(item));

	return what > 0 && want > 0 && (what & want) == want;
}

int core_benchmark(const char *cmdline)
{
	struct bench_run run;
	const char *v;
	uint32_t order;
	paddr_t pa;
	long n = bench_find(cmdline, "bench", &v);
	int what, failed = 0;

	if (n < 0)
		return 0;
	what = bench_parse_items(v, (size_t)n);
	if (what <= 0 || what == BENCH_QUICK) {
		kprintf("bench: bench=%.*s: want all, pmm, heap, sched, thread (comma-separated; quick for tiny sizes)\n",
			(int)n, v);
		return 1;
	}
	if (!(what & BENCH_HERE))
		return 0;
	run.plan = what & BENCH_QUICK ? &bench_quick : &bench_full;
	run.tsc_hz = platform_tsc_hz();
	if (!run.tsc_hz) {
		kprintf("bench: the TSC is not calibrated\n");
		return 1;
	}
	bench_hists = bench_scratch(3 * sizeof(*bench_hists), &pa, &order);
	if (!bench_hists) {
		kprintf("bench: no memory for the statistics\n");
		return 1;
	}
	kprintf("bench: begin\nbench: TSC %lu MHz; cycles are TSC ticks; timer overhead %lu included\n",
		run.tsc_hz / 1000000, bench_timer_overhead());
	/* The interfaces' callers keep interrupts off around each call; off for
	 * the whole run, no tick lands inside a measured call. */
	unsigned long flags = irq_save();

	if (what & BENCH_PMM)
		failed += bench_pmm(&run);
	if (what & BENCH_HEAP)
		failed += bench_heap(&run);
	if (what & BENCH_SCHED)
		failed += bench_sched(&run);
	irq_restore(flags);
	kprintf("bench: end (%d failed)\n", failed);
	pmm_free(pa, order);
	return failed;
}
