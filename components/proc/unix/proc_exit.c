/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ending threads and processes: exit, exit_group, a fatal user fault.
 * The last thread of a process tears it down (descriptors, address space),
 * hands its children to init, and leaves a zombie for its parent's wait4.
 * Called from the syscalls below, the syscall path and the platform's
 * user-fatal hook.
 */
#include <tessera/irq.h>
#include <tessera/kprintf.h>
#include <tessera/panic.h>
#include <tessera/uaccess.h>

#include "proc.h"
#include "wait_status.h"

bool proc_should_die(const struct proc_thread *t)
{
	return __atomic_load_n(&t->proc->exiting, __ATOMIC_SEQ_CST) || __atomic_load_n(&t->killed, __ATOMIC_SEQ_CST);
}

/* Lets a vfork parent go on: the child exec'd or is ending. */
void proc_vfork_release(struct proc *p)
{
	if (__atomic_exchange_n(&p->vfork_done, true, __ATOMIC_SEQ_CST))
		return;
	thread_wake_all(&p->vfork_wq);
}

/* Tells @parent a child changed state; proc_lock held. */
static void proc_notify_parent_locked(struct proc *parent)
{
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_SEQ_CST);
}

/* Gives @p's children to init (parentless when @p is init), waking init
 * when one of them is already a zombie it must now reap. */
static void proc_reparent_locked(struct proc *p)
{
	struct proc *init = proc_init_proc != p ? proc_init_proc : NULL;
	bool zombies = false;

	while (p->children) {
		struct proc *c = p->children;

		p->children = c->sibling;
		c->parent = init;
		zombies |= c->zombie;
		if (init) {
			c->sibling = init->children;
			init->children = c;
		}
	}
	if (zombies && init) {
		proc_notify_parent_locked(init);
		thread_wake_all(&init->child_wq);
	}
}

/* Drops what the process holds; lookups (proc_iface.c) see NULL first. */
static void proc_release_resources(struct proc *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct vfs_files *files = p->files;
	struct vfs_file *exe = p->exe;
	struct vm_space *mm = p->mm;

	p->files = NULL;
	p->exe = NULL;
	p->mm = NULL;
	spin_unlock_irqrestore(&proc_lock, flags);
	vfs_files_put(files);
	if (exe)
		vfs_file_put(exe);
	vm_space_put(mm);
}

/*
 * The last thread is gone: release what the process holds, become a
 * zombie and tell the parent. The wake-ups happen under proc_lock so the
 * parent cannot be reaped and freed in between (the scheduler's lock is
 * only ever taken inside proc_lock).
 */
static void proc_teardown(struct proc *p, int32_t status)
{
	unsigned long flags;

	proc_vfork_release(p);
	proc_release_resources(p);
	flags = spin_lock_irqsave(&proc_lock);
	if (!p->exiting)
		p->exit_status = status;
	p->zombie = true;
	proc_reparent_locked(p);
	if (p->parent) {
		proc_notify_parent_locked(p->parent);
		thread_wake_all(&p->parent->child_wq);
	}
	if (p == proc_init_proc)
		proc_init_ended();
	spin_unlock_irqrestore(&proc_lock, flags);
}

/* Clears and wakes the child-tid word (pthread_join waits on it). */
static void proc_clear_child_tid(struct proc_thread *t)
{
	int32_t zero = 0;

	if (!t->clear_child_tid || !t->mm)
		return;
	if (copy_to_user((void __user *)t->clear_child_tid, &zero, sizeof(zero)) == 0)
		futex_wake(t->mm, t->clear_child_tid, 1, ~0u);
}

/* Unlinks @t from its process; returns true when it was the last thread. */
static bool proc_thread_unlink(struct proc_thread *t)
{
	struct proc *p = t->proc;
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc_thread **link = &p->threads;
	struct thread_info info;
	bool last;

	while (*link != t)
		link = &(*link)->next;
	*link = t->next;
	last = --p->nthreads == 0;
	thread_info(NULL, &info);
	p->dead_cpu_ns += info.runtime_ns;
	spin_unlock_irqrestore(&proc_lock, flags);
	return last;
}

/**
 * proc_thread_exit() - End the calling user thread.
 * @t: the caller's thread.
 * @status: the wait status the process gets if this is its last thread
 *          and no exit_group or fatal signal set one first.
 */
void proc_thread_exit(struct proc_thread *t, int32_t status)
{
	struct thread_ctx *ctx = thread_ctx(NULL);
	struct vm_space *mm = t->mm;
	bool last;
	unsigned long flags;

	proc_clear_child_tid(t);
	last = proc_thread_unlink(t);
	/* From here the switch hook must not see this thread as a user one. */
	flags = irq_save();
	ctx->proc = NULL;
	ctx->files = NULL;
	ctx->mm = NULL;
	irq_restore(flags);
	if (last)
		proc_teardown(t->proc, status);
	vm_space_put(mm);
	heap_free(t);
	thread_exit(0);
	__builtin_unreachable(); /* thread.exit is @noreturn */
}

/*
 * Wakes every thread of @p but @self that sleeps in this component, so it
 * sees why it must end. Waking under proc_lock is safe: the scheduler's
 * lock is only ever taken inside proc_lock, never around it.
 */
void proc_wake_sleepers_locked(struct proc *p, const struct proc_thread *self)
{
	for (struct proc_thread *o = p->threads; o; o = o->next) {
		struct wait_queue *wq = o->sleeping_on;

		if (o != self && wq)
			thread_wake_all(wq);
	}
}

/* Marks the process as ending with @status and wakes its sleeping threads. */
static void proc_group_kill(struct proc *p, int32_t status)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	if (!p->exiting) {
		p->exit_status = status;
		__atomic_store_n(&p->exiting, true, __ATOMIC_SEQ_CST);
	}
	proc_wake_sleepers_locked(p, NULL);
	spin_unlock_irqrestore(&proc_lock, flags);
}

/**
 * proc_group_exit() - End every thread of the caller's process.
 * @t: the caller's thread.
 * @status: the process's wait status.
 *
 * The other threads end when they next leave a system call or wake from
 * a sleep in this component; a thread spinning in user mode without
 * system calls runs on until it makes one (there are no signals yet).
 */
void proc_group_exit(struct proc_thread *t, int32_t status)
{
	proc_group_kill(t->proc, status);
	proc_thread_exit(t, status);
}

long proc_sys_exit(int32_t error_code)
{
	proc_thread_exit(proc_current_thread(), wait_status_exited(error_code));
}

long proc_sys_exit_group(int32_t error_code)
{
	proc_group_exit(proc_current_thread(), wait_status_exited(error_code));
}

/* A fault the vm refused, #GP, #UD...: log as Linux does, kill the process. */
void proc_user_fatal(int signo, uint64_t addr, struct user_regs *regs)
{
	struct proc_thread *t = proc_current_thread();

	if (!t)
		panic("user fault (signal %d) in a kernel thread", signo);
	if (signo == PROC_SIGSEGV)
		kprintf("%s[%d]: segfault at %lx ip %016lx sp %016lx\n", t->proc->comm, t->tid,
			(unsigned long)addr, (unsigned long)regs->rip, (unsigned long)regs->rsp);
	else
		kprintf("%s[%d]: trap (signal %d) at %lx ip %016lx sp %016lx\n", t->proc->comm, t->tid,
			signo, (unsigned long)addr, (unsigned long)regs->rip, (unsigned long)regs->rsp);
	proc_group_exit(t, wait_status_signaled(signo));
}
