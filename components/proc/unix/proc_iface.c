/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The proc interface for the rest of the kernel (a /proc file system):
 * iterating processes and threads and describing one, each lookup under
 * proc_lock, handing out references the caller drops.
 */
#include "proc.h"

int32_t proc_unix_next_pid(int32_t after)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int32_t best = 0;

	for (struct proc *p = proc_all; p; p = p->next)
		if (p->pid > after && (!best || p->pid < best))
			best = p->pid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return best;
}

int32_t proc_unix_current_pid(void)
{
	struct proc *p = proc_current();

	return p ? p->pid : 0;
}

/* RUNNING when a thread is ready or on the CPU, else SLEEPING. */
static proc_state_t proc_state_locked(const struct proc *p, uint64_t *cpu_ns)
{
	proc_state_t state = PROC_SLEEPING;

	*cpu_ns = p->dead_cpu_ns;
	if (p->zombie)
		return PROC_ZOMBIE;
	for (const struct proc_thread *t = p->threads; t; t = t->next) {
		struct thread_info info;

		if (!t->kt)
			continue;
		thread_info(t->kt, &info);
		*cpu_ns += info.runtime_ns;
		if (info.state == THREAD_READY || info.state == THREAD_RUNNING)
			state = PROC_RUNNING;
	}
	return state;
}

int proc_unix_info(int32_t pid, struct proc_info *info)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);

	if (!p) {
		spin_unlock_irqrestore(&proc_lock, flags);
		return -ESRCH;
	}
	__builtin_memset(info, 0, sizeof(*info));
	info->pid = p->pid;
	info->ppid = p->parent ? p->parent->pid : 0;
	info->pgid = p->pgid;
	info->state = proc_state_locked(p, &info->cpu_ns);
	info->nthreads = p->nthreads;
	__builtin_memcpy(info->comm, p->comm, sizeof(info->comm));
	info->start_ns = p->start_ns;
	info->exit_status = p->zombie ? p->exit_status : 0;
	spin_unlock_irqrestore(&proc_lock, flags);
	return 0;
}

int32_t proc_unix_next_tid(int32_t pid, int32_t after)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);
	int32_t best = 0;

	if (p)
		for (struct proc_thread *t = p->threads; t; t = t->next)
			if (t->tid > after && (!best || t->tid < best))
				best = t->tid;
	spin_unlock_irqrestore(&proc_lock, flags);
	return p ? best : -ESRCH;
}

long proc_unix_cmdline(int32_t pid, uint8_t *buf, size_t buf_len)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);
	size_t n = 0;

	if (p) {
		n = p->cmdline_len < buf_len ? p->cmdline_len : buf_len;
		if (n)
			__builtin_memcpy(buf, p->cmdline, n);
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return p ? (long)n : -ESRCH;
}

int proc_unix_vm_space(int32_t pid, struct vm_space **space)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);
	int err = p && p->mm ? 0 : -ESRCH;

	if (!err) {
		vm_space_get(p->mm);
		*space = p->mm;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

int proc_unix_files(int32_t pid, struct vfs_files **files)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);
	int err = p && p->files ? 0 : -ESRCH;

	if (!err) {
		vfs_files_get(p->files);
		*files = p->files;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

int proc_unix_exe(int32_t pid, struct vfs_file **file)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct proc *p = proc_find_locked(pid);
	int err = !p ? -ESRCH : !p->exe ? -ENOENT : 0;

	if (!err) {
		vfs_file_get(p->exe);
		*file = p->exe;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}
