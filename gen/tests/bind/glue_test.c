/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Links the generated bind.c and init.c with small component
 * implementations and checks what they do: singleton calls reach the bound
 * component, optional methods, multi registries, init order, tunables and
 * the bindings table. Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include <tessera/components/kmain.h>
#include <tessera/components/pmm_buddy.h>
#include <tessera/components/serial.h>
#include <tessera/composition.h>

static int failures, count;
static char init_log[64];

static void check(int ok, const char *what)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++count, what);
	failures += !ok;
}

int buddy_init(void) { strcat(init_log, "B"); return 0; }
int buddy_alloc(uint32_t order, paddr_t *frame) { *frame = 0x1000u << order; return 0; }
void buddy_free(paddr_t frame, uint32_t order) { (void)frame; (void)order; }
int buddy_stats(struct pmm_stats *st) { st->total = 42; return 0; }

/* Three free blocks at 0x1000 (order 0), 0x2000 (order 1), 0x4000 (order 2). */
int buddy_walk(pmm_visitor_t cb, void *arg)
{
	if (!cb)
		return -EINVAL;
	for (uint32_t order = 0; order < 3; order++)
		if (!cb((paddr_t)0x1000 << order, order, arg))
			break;
	return 0;
}
int serial_init(void) { strcat(init_log, "S"); return 0; }
void serial_write(struct console_dev *dev, const uint8_t *buf, size_t buf_len) { (void)dev; (void)buf; (void)buf_len; }
int serial_getc(struct console_dev *dev, uint8_t *ch) { (void)dev; *ch = 'x'; return 0; }
int kmain_init(void) { strcat(init_log, "K"); return 0; }
long kmain_write(int32_t fd, const uint8_t __user *buf, size_t buf_len) { (void)fd; (void)buf; return (long)buf_len; }
long kmain_exit(int32_t status) { return status; }

static void test_singleton(void)
{
	paddr_t frame = 0;
	struct pmm_stats st = { 0 };

	check(pmm_is_bound(), "pmm is bound");
	check(pmm_alloc(2, &frame) == 0 && frame == 0x4000, "pmm_alloc reaches buddy_alloc");
	check(pmm_has_stats() && pmm_stats(&st) == 0 && st.total == 42, "optional pmm_stats is bound");
}

/* A pmm_visitor: sums what it sees and stops after the order-1 block. */
static bool sum_until_order1(paddr_t frame, uint32_t order, void *arg)
{
	*(paddr_t *)arg += frame;
	return order < 1;
}

static long reclaim_one(size_t want, pmm_zone_t zone)
{
	return want > 0 && zone == ZONE_NORMAL ? 1 : -EINVAL;
}

static void test_function_types(void)
{
	paddr_t sum = 0;
	struct pmm_shrinker sh = { .reclaim = reclaim_one, .walkers = { sum_until_order1 } };

	check(pmm_has_walk() && pmm_walk(sum_until_order1, &sum) == 0 && sum == 0x3000,
	      "a function type passed through the glue is called back until it returns false");
	check(pmm_walk(NULL, &sum) == -EINVAL, "a NULL callback is refused");
	check(sh.reclaim(4, ZONE_NORMAL) == 1 && sh.reclaim(4, ZONE_DMA) == -EINVAL && sh.walkers[1] == NULL,
	      "function types as struct fields and array elements");
}

static void test_registry(void)
{
	const struct console_provider *p = console_provider_find("serial");
	struct console_dev a = { .name = "ttyS0" }, b = { .name = "ttyS0" }, c = { .name = "ttyS1" };
	uint8_t ch = 0;

	check(console_nproviders == 1 && p && p->ops == &serial_console_ops, "console provider found by name");
	check(console_provider_find("vga") == NULL, "unselected provider is absent");
	a.ops = b.ops = c.ops = p->ops;
	check(console_register(&a) == 0, "register ttyS0");
	check(console_register(&b) == -EEXIST, "a second ttyS0 is refused with -EEXIST");
	check(console_register(&(struct console_dev){ 0 }) == -EINVAL, "a nameless device is refused with -EINVAL");
	check(console_register(&c) == 0 && console_dev_first() == &a && console_dev_next(&a) == &c,
	      "devices iterate in registration order");
	check(console_dev_find("ttyS1") == &c && console_getc(&c, &ch) == 0 && ch == 'x',
	      "dispatch through the ops table");
	console_unregister(&a);
	check(console_dev_first() == &c && console_dev_find("ttyS0") == NULL, "unregister");
}

static void test_init_and_tables(void)
{
	for (size_t i = 0; i < tessera_ninit; i++)
		tessera_init_table[i].fn();
	check(strcmp(init_log, "SBK") == 0, "init order: serial, pmm_buddy, kmain");
	check(pmm_buddy_max_order == 12 && !pmm_buddy_poison && serial_port == 0x3f8 &&
	      strcmp(kmain_banner, "hello") == 0, "tunables take .config values, else defaults");
	check(tessera_nbindings == 2 && strcmp(tessera_bindings[0].interface, "console") == 0 &&
	      strcmp(tessera_bindings[1].component, "pmm_buddy") == 0, "bindings table");
	check(tessera_ntunables == 4 && tessera_tunables[0].max == 0, "tunables table");
}

int main(void)
{
	puts("TAP version 13");
	test_singleton();
	test_function_types();
	test_registry();
	test_init_and_tables();
	printf("1..%d\n", count);
	return failures != 0;
}
