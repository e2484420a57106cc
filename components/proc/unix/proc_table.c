/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The process table: allocating processes, threads and their ids, linking
 * them into the tree, finding them by pid, and the calling thread's own.
 * Used by fork, execve, exit and wait (proc_*.c) and the proc interface.
 */
#include <tessera/clock.h>

#include "proc.h"

struct spinlock proc_lock = SPINLOCK_INIT;
struct proc *proc_all;
struct proc *proc_init_proc;

/* The last id handed out; ids climb and wrap like Linux's. Guarded by proc_lock. */
static int32_t proc_last_id;

struct proc_thread *proc_current_thread(void)
{
	return thread_ctx(NULL)->proc;
}

struct proc *proc_current(void)
{
	struct proc_thread *t = proc_current_thread();

	return t ? t->proc : NULL;
}

static void *proc_zalloc(size_t size)
{
	void *p;

	if (heap_alloc(size, &p))
		return NULL;
	__builtin_memset(p, 0, size);
	return p;
}

int proc_alloc(struct proc **out)
{
	struct proc *p = proc_zalloc(sizeof(*p));

	if (!p)
		return -ENOMEM;
	p->exit_signal = PROC_SIGCHLD;
	p->start_ns = platform_clock_ns();
	thread_waitq_init(&p->child_wq);
	thread_waitq_init(&p->vfork_wq);
	*out = p;
	return 0;
}

int proc_thread_alloc(struct proc *p, struct proc_thread **out)
{
	struct proc_thread *t = proc_zalloc(sizeof(*t));

	if (!t)
		return -ENOMEM;
	t->proc = p;
	thread_waitq_init(&t->sleep_wq);
	*out = t;
	return 0;
}

static bool proc_id_in_use_locked(int32_t id)
{
	for (struct proc *p = proc_all; p; p = p->next) {
		if (p->pid == id)
			return true;
		for (struct proc_thread *t = p->threads; t; t = t->next)
			if (t->tid == id)
				return true;
	}
	return false;
}

/* The next free id, or -EAGAIN when all PROC_PID_MAX - 1 are taken. */
int32_t proc_alloc_id_locked(void)
{
	for (int tries = 1; tries < PROC_PID_MAX; tries++) {
		int32_t id = proc_last_id + 1;

		if (id >= PROC_PID_MAX)
			id = 2; /* 1 is init's for good */
		proc_last_id = id;
		if (!proc_id_in_use_locked(id))
			return id;
	}
	return -EAGAIN;
}

/* Adds @p (its pid set) to the process list and under @parent, if any. */
void proc_link_locked(struct proc *p, struct proc *parent)
{
	struct proc **tail = &proc_all;

	while (*tail)
		tail = &(*tail)->next;
	*tail = p;
	p->parent = parent;
	if (parent) {
		p->sibling = parent->children;
		parent->children = p;
		p->pgid = parent->pgid;
		p->sig_ignored = parent->sig_ignored; /* fork keeps dispositions */
	} else {
		p->pgid = p->pid;
	}
}

void proc_thread_link_locked(struct proc *p, struct proc_thread *t)
{
	t->next = p->threads;
	p->threads = t;
	p->nthreads++;
}

struct proc *proc_find_locked(int32_t pid)
{
	for (struct proc *p = proc_all; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

/* Frees a reaped zombie: it is off every list and holds no resources. */
void proc_free(struct proc *p)
{
	heap_free(p->cmdline);
	heap_free(p);
}

/* comm is the last part of the path, cut to PROC_COMM_MAX - 1 bytes. */
void proc_set_comm(struct proc *p, const char *path)
{
	const char *base = path;
	size_t i;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			base = s + 1;
	for (i = 0; i < PROC_COMM_MAX - 1 && base[i] && base[i] != '/'; i++)
		p->comm[i] = base[i];
	p->comm[i] = '\0';
}

size_t proc_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
