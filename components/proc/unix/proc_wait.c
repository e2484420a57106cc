/* SPDX-License-Identifier: Apache-2.0 */
/*
 * wait4: find a child that ended, hand over its status and resource use,
 * and free it; or sleep until a child changes state. Children that end
 * bump their parent's child_events and wake child_wq (proc_exit.c).
 */
#include <tessera/uaccess.h>

#include "proc.h"
#include "wait_status.h"

#define WAIT4_KNOWN_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)

struct wait4_scan {
	struct proc *zombie; /* taken off the tree; the caller reaps it */
	bool any; /* a selected child exists, ended or not */
};

/* Looks through the children; a selected zombie is unlinked for reaping. */
static void wait4_scan_locked(struct proc *p, int32_t upid, struct wait4_scan *scan)
{
	struct proc **link = &p->children;

	scan->zombie = NULL;
	scan->any = false;
	for (; *link; link = &(*link)->sibling) {
		struct proc *c = *link;

		if (!wait_selects(upid, p->pgid, c->pid, c->pgid))
			continue;
		scan->any = true;
		if (c->zombie && !c->vfork_busy) {
			*link = c->sibling;
			scan->zombie = c;
			return;
		}
	}
}

/* Takes a zombie off the process list. */
static void proc_unlist_locked(struct proc *z)
{
	struct proc **link = &proc_all;

	while (*link != z)
		link = &(*link)->next;
	*link = z->next;
}

static int wait4_report(struct proc *z, int32_t __user *stat_addr, struct rusage __user *ru)
{
	int32_t status = z->exit_status;
	struct rusage usage;

	if (stat_addr && copy_to_user(stat_addr, &status, sizeof(status)))
		return -EFAULT;
	if (!ru)
		return 0;
	__builtin_memset(&usage, 0, sizeof(usage));
	usage.ru_utime.tv_sec = (int64_t)(z->dead_cpu_ns / 1000000000u);
	usage.ru_utime.tv_usec = (int64_t)(z->dead_cpu_ns % 1000000000u / 1000u);
	return copy_to_user(ru, &usage, sizeof(usage));
}

struct wait4_seen {
	struct proc *p;
	uint32_t events;
};

static bool wait4_child_changed(void *arg)
{
	struct wait4_seen *seen = arg;

	return __atomic_load_n(&seen->p->child_events, __ATOMIC_SEQ_CST) != seen->events;
}

long proc_sys_wait4(int32_t upid, int32_t __user *stat_addr, wait_options_t options, struct rusage __user *ru)
{
	struct proc *p = proc_current();
	struct wait4_scan scan;

	if (options & ~WAIT4_KNOWN_OPTIONS)
		return -EINVAL;
	if (upid == INT32_MIN)
		return -ESRCH;
	for (;;) {
		struct wait4_seen seen = { .p = p };
		unsigned long flags = spin_lock_irqsave(&proc_lock);
		int err;

		seen.events = __atomic_load_n(&p->child_events, __ATOMIC_SEQ_CST);
		wait4_scan_locked(p, upid, &scan);
		if (scan.zombie)
			proc_unlist_locked(scan.zombie);
		spin_unlock_irqrestore(&proc_lock, flags);
		if (scan.zombie) {
			int32_t pid = scan.zombie->pid;

			err = wait4_report(scan.zombie, stat_addr, ru);
			proc_free(scan.zombie);
			return err ? err : pid;
		}
		if (!scan.any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		err = proc_sleep(&p->child_wq, wait4_child_changed, &seen, WAIT_FOREVER);
		if (err)
			return err;
	}
}
