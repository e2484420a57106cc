/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel's files in /proc, in Linux's formats: meminfo (from the page
 * allocator's and the heap's counters), uptime (with the idle thread's
 * time), mounts, cpuinfo, buddyinfo, slabinfo and tessera/components.
 */
#include <tessera/clock.h>
#include <tessera/composition.h>
#include <tessera/cpuinfo.h>

#include "procfs.h"

#define PROCFS_PAGE_KB 4
#define PROCFS_SLAB_CACHES_MAX 64

static void procfs_meminfo(struct procfs_text *t)
{
	struct pmm_stats pmm;
	struct heap_stats heap;

	pmm_stats(&pmm);
	heap_stats(&heap);
	procfs_printf(t, "MemTotal:       %8llu kB\n", (unsigned long long)pmm.total_frames * PROCFS_PAGE_KB);
	procfs_printf(t, "MemFree:        %8llu kB\n", (unsigned long long)pmm.free_frames * PROCFS_PAGE_KB);
	procfs_printf(t, "MemAvailable:   %8llu kB\n", (unsigned long long)pmm.free_frames * PROCFS_PAGE_KB);
	procfs_printf(t, "Buffers:        %8u kB\nCached:         %8u kB\n", 0u, 0u);
	procfs_printf(t, "Slab:           %8llu kB\n", (unsigned long long)heap.pages * PROCFS_PAGE_KB);
	procfs_printf(t, "SwapTotal:      %8u kB\nSwapFree:       %8u kB\n", 0u, 0u);
}

static void procfs_uptime(struct procfs_text *t)
{
	uint64_t up = platform_clock_ns() / 10000000u, idle = thread_idle_ns() / 10000000u; /* 1/100 s */

	procfs_printf(t, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / 100), (unsigned long long)(up % 100),
		      (unsigned long long)(idle / 100), (unsigned long long)(idle % 100));
}

static void procfs_buddyinfo(struct procfs_text *t)
{
	struct pmm_stats pmm;

	pmm_stats(&pmm);
	procfs_printf(t, "Node 0, zone   Normal ");
	for (uint32_t order = 0; order <= pmm.max_order && order <= PMM_MAX_ORDER; order++)
		procfs_printf(t, "%6llu ", (unsigned long long)pmm.free_blocks[order]);
	procfs_printf(t, "\n");
}

bool procfs_has_slabinfo(void)
{
	return heap_cache_stats(NULL, 0) >= 0;
}

static void procfs_slabinfo(struct procfs_text *t)
{
	struct heap_cache_info *caches;
	void *mem;
	long n;

	procfs_printf(t, "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> "
			 "<objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
			 "<active_slabs> <num_slabs> <sharedavail>\n");
	if (heap_alloc(PROCFS_SLAB_CACHES_MAX * sizeof(*caches), &mem) != 0)
		return;
	caches = mem;
	n = heap_cache_stats(caches, PROCFS_SLAB_CACHES_MAX);
	for (long i = 0; i < n && i < PROCFS_SLAB_CACHES_MAX; i++) {
		const struct heap_cache_info *c = &caches[i];
		uint64_t per_page = c->stride ? 4096 / c->stride : 0;

		procfs_printf(t, "%-17s %6llu %6llu %6zu %4llu %4d : tunables %4d %4d %4d : slabdata %6llu %6llu %6d\n",
			      (const char *)c->name, (unsigned long long)c->active_objects,
			      (unsigned long long)c->total_objects, c->object_size, (unsigned long long)per_page, 1, 0, 0,
			      0, (unsigned long long)c->pages, (unsigned long long)c->pages, 0);
	}
	heap_free(mem);
}

/* One line a binding, as the boot prints them without "bind ". */
static void procfs_components(struct procfs_text *t)
{
	for (size_t i = 0; i < tessera_nbindings; i++)
		procfs_printf(t, "%s -> %s%s (CONFIG_%s)\n", tessera_bindings[i].interface, tessera_bindings[i].component,
			      tessera_bindings[i].is_multi ? " (provider)" : "", tessera_bindings[i].kconfig);
}

long procfs_show_sys(const struct procfs_node *n, char *buf, size_t size)
{
	struct procfs_text t = { buf, size, 0 };

	switch (n->kind) {
	case PROCFS_MEMINFO:
		procfs_meminfo(&t);
		break;
	case PROCFS_UPTIME:
		procfs_uptime(&t);
		break;
	case PROCFS_MOUNTS: {
		long n = vfs_show_mounts((uint8_t *)buf, size);

		if (n < 0)
			return n;
		t.len = (size_t)n;
		break;
	}
	case PROCFS_CPUINFO:
		t.len = platform_cpuinfo_show(buf, size);
		break;
	case PROCFS_BUDDYINFO:
		procfs_buddyinfo(&t);
		break;
	case PROCFS_SLABINFO:
		procfs_slabinfo(&t);
		break;
	case PROCFS_COMPONENTS:
		procfs_components(&t);
		break;
	default:
		return -EISDIR;
	}
	return (long)t.len;
}
