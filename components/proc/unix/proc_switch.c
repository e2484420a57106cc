/* SPDX-License-Identifier: Apache-2.0 */
/*
 * User threads on kernel threads: starting one (its kernel thread sets
 * its own context pointers and enters user mode) and the switch hook the
 * thread provider calls before each thread runs, which loads the user
 * state of the next thread: page tables, kernel stack, FS base, FPU.
 */
#include <tessera/irq.h>
#include <tessera/uaccess.h>

#include "proc.h"
#include "wait_status.h"

/* Loads @t's user state on the CPU; interrupts are off. */
static void proc_load_user_state(struct proc_thread *t, const struct kthread *kt)
{
	if (t->mm)
		vm_activate(t->mm);
	platform_user_set_kernel_stack(thread_stack_top(kt));
	platform_set_fs_base(t->fs_base);
	platform_fpu_restore(&t->fpu);
}

/*
 * Called with interrupts off and the scheduler's lock held. A kernel
 * thread (ctx->proc NULL) needs nothing: the kernel half of every space
 * is the same, and the kernel does not touch the FPU.
 */
void proc_switch_hook(struct kthread *prev, struct kthread *next)
{
	struct proc_thread *from = thread_ctx(prev)->proc;
	struct proc_thread *to = thread_ctx(next)->proc;

	if (from == to)
		return;
	if (from)
		platform_fpu_save(&from->fpu);
	if (to)
		proc_load_user_state(to, next);
}

/* The kernel thread of a user thread: claim the context, run the start
 * step (exec for init, the child-tid write for clone), enter user mode. */
static int32_t proc_thread_main(void *arg)
{
	struct proc_thread *t = arg;
	struct thread_ctx *ctx = thread_ctx(NULL);
	unsigned long flags;
	int32_t tid = t->tid;

	t->kt = thread_current();
	flags = irq_save();
	ctx->proc = t;
	ctx->files = t->proc->files;
	ctx->mm = t->mm;
	proc_load_user_state(t, t->kt);
	irq_restore(flags);
	if (t->set_child_tid && copy_to_user((void __user *)t->set_child_tid, &tid, sizeof(tid)))
		t->set_child_tid = 0; /* as Linux: a bad address is ignored */
	if (t->start) {
		int err = t->start(t);

		if (err)
			proc_group_exit(t, wait_status_exited(127)); /* as a shell reports "cannot execute" */
	}
	if (proc_should_die(t))
		proc_thread_exit(t, 0);
	platform_user_enter(&t->start_regs);
}

/**
 * proc_thread_spawn() - Start the kernel thread of a linked user thread.
 * @t: its tid, proc, mm reference and start_regs set.
 *
 * Return: 0, or the thread provider's error (nothing started).
 */
int proc_thread_spawn(struct proc_thread *t)
{
	return thread_create(proc_thread_main, t, t->proc->comm, SCHED_PRIO_DEFAULT, NULL);
}
