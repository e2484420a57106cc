/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fork, vfork and clone: a new process (its own or a shared copy of the
 * address space and descriptor table) or a new thread of the caller's
 * process. The child starts from the caller's saved user registers with
 * rax = 0 (proc_switch.c enters user mode).
 */
#include <tessera/uaccess.h>

#include "proc.h"

#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)
/* What this layer implements; namespaces, pidfds and ptrace are refused. */
#define CLONE_KNOWN_FLAGS                                                                                 \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD |  \
	 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED |     \
	 CLONE_CHILD_SETTID | CLONE_IO | CLONE_UNTRACED | 0xff)

struct clone_req {
	uint64_t flags;
	uint64_t newsp;
	int32_t __user *parent_tid;
	int32_t __user *child_tid;
	uint64_t tls;
};

/* Linux's rules: a thread shares signal handlers, which share the space. */
static int clone_check(uint64_t flags)
{
	if (flags & ~(uint64_t)CLONE_KNOWN_FLAGS)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	return 0;
}

/* The child's own process: shared or copied space and descriptor table. */
static int clone_new_proc(struct proc *parent, uint64_t flags, struct proc **out)
{
	struct proc *p;
	int err = proc_alloc(&p);

	if (err)
		return err;
	if (flags & CLONE_VM) {
		vm_space_get(parent->mm);
		p->mm = parent->mm;
	} else if ((err = vm_space_fork(parent->mm, &p->mm))) {
		goto free_proc;
	}
	if (flags & CLONE_FILES) {
		vfs_files_get(parent->files);
		p->files = parent->files;
	} else if ((err = vfs_files_fork(parent->files, &p->files))) {
		goto put_mm;
	}
	if (parent->exe)
		vfs_file_get(parent->exe);
	p->exe = parent->exe;
	p->exit_signal = (int32_t)(flags & 0xff);
	__builtin_memcpy(p->comm, parent->comm, sizeof(p->comm));
	if (parent->cmdline_len && heap_alloc(parent->cmdline_len, (void **)&p->cmdline) == 0) {
		__builtin_memcpy(p->cmdline, parent->cmdline, parent->cmdline_len);
		p->cmdline_len = parent->cmdline_len;
	}
	*out = p;
	return 0;
put_mm:
	vm_space_put(p->mm);
free_proc:
	proc_free(p);
	return err;
}

/* The child thread's registers, TLS, FPU and tid words. */
static void clone_setup_thread(struct proc_thread *t, struct proc_thread *self, const struct clone_req *req)
{
	t->start_regs = *platform_user_regs();
	t->start_regs.rax = 0;
	if (req->newsp)
		t->start_regs.rsp = req->newsp;
	t->fs_base = (req->flags & CLONE_SETTLS) ? req->tls : self->fs_base;
	platform_fpu_save(&t->fpu); /* the caller's live registers */
	if (req->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = (uint64_t)req->child_tid;
	if (req->flags & CLONE_CHILD_SETTID)
		t->set_child_tid = (uint64_t)req->child_tid;
}

/* Links the new thread (and process) and gives them ids; -EAGAIN when ids ran out. */
static int clone_link(struct proc *self_p, struct proc *p, struct proc_thread *t, uint64_t flags)
{
	unsigned long irq = spin_lock_irqsave(&proc_lock);
	int32_t id = proc_alloc_id_locked();

	if (id < 0) {
		spin_unlock_irqrestore(&proc_lock, irq);
		return id;
	}
	t->tid = id;
	if (p != self_p) {
		struct proc *parent = (flags & CLONE_PARENT) && self_p->parent ? self_p->parent : self_p;

		p->pid = id;
		proc_link_locked(p, parent);
		p->vfork_busy = (flags & CLONE_VFORK) != 0;
	}
	proc_thread_link_locked(p, t);
	spin_unlock_irqrestore(&proc_lock, irq);
	return 0;
}

static bool clone_vfork_done(void *arg)
{
	struct proc *child = arg;

	return __atomic_load_n(&child->vfork_done, __ATOMIC_SEQ_CST);
}

/* The vfork parent sleeps until the child exec'd or exited. */
static void clone_vfork_wait(struct proc *parent, struct proc *child)
{
	unsigned long flags;

	proc_sleep(&child->vfork_wq, clone_vfork_done, child, WAIT_FOREVER);
	flags = spin_lock_irqsave(&proc_lock);
	child->vfork_busy = false;
	/* It may have become a zombie meanwhile: wait4 may take it now. */
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_SEQ_CST);
	spin_unlock_irqrestore(&proc_lock, flags);
	thread_wake_all(&parent->child_wq);
}

/* Undoes clone_new_proc() for a child that never ran. */
static void clone_drop_proc(struct proc *p)
{
	vfs_files_put(p->files);
	if (p->exe)
		vfs_file_put(p->exe);
	vm_space_put(p->mm);
	proc_free(p);
}

/* Unlinks a thread (and its process) that never ran. */
static void clone_unlink(struct proc *self_p, struct proc *p, struct proc_thread *t)
{
	unsigned long irq = spin_lock_irqsave(&proc_lock);
	struct proc_thread **tl = &p->threads;
	struct proc **pl;

	while (*tl != t)
		tl = &(*tl)->next;
	*tl = t->next;
	p->nthreads--;
	if (p != self_p) {
		for (pl = &proc_all; *pl != p; pl = &(*pl)->next)
			;
		*pl = p->next;
		for (pl = &p->parent->children; *pl != p; pl = &(*pl)->sibling)
			;
		*pl = p->sibling;
	}
	spin_unlock_irqrestore(&proc_lock, irq);
}

static long clone_start(struct proc_thread *self, struct proc *p, struct proc_thread *t,
			const struct clone_req *req)
{
	int32_t tid;
	int err = clone_link(self->proc, p, t, req->flags);

	if (err)
		return err;
	tid = t->tid;
	if ((req->flags & CLONE_PARENT_SETTID) && copy_to_user(req->parent_tid, &tid, sizeof(tid))) {
		clone_unlink(self->proc, p, t);
		return -EFAULT;
	}
	err = proc_thread_spawn(t);
	if (err) {
		clone_unlink(self->proc, p, t);
		return err == -EINVAL ? -ENOMEM : err;
	}
	if (req->flags & CLONE_VFORK)
		clone_vfork_wait(self->proc, p);
	return tid;
}

static long proc_clone(const struct clone_req *req)
{
	struct proc_thread *self = proc_current_thread();
	struct proc *p = self->proc;
	struct proc_thread *t;
	long ret;
	int err = clone_check(req->flags);

	if (err)
		return err;
	if (!(req->flags & CLONE_THREAD) && (err = clone_new_proc(self->proc, req->flags, &p)))
		return err;
	if ((err = proc_thread_alloc(p, &t)))
		goto drop_proc;
	vm_space_get(p->mm);
	t->mm = p->mm;
	clone_setup_thread(t, self, req);
	ret = clone_start(self, p, t, req);
	if (ret >= 0)
		return ret;
	err = (int)ret;
	vm_space_put(t->mm);
	heap_free(t);
drop_proc:
	if (p != self->proc)
		clone_drop_proc(p);
	return err;
}

long proc_sys_clone(clone_flags_t clone_flags, vaddr_t newsp, int32_t __user *parent_tidptr,
		    int32_t __user *child_tidptr, vaddr_t tls)
{
	struct clone_req req = {
		.flags = clone_flags,
		.newsp = newsp,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.tls = tls,
	};

	return proc_clone(&req);
}

long proc_sys_fork(void)
{
	struct clone_req req = { .flags = PROC_SIGCHLD };

	return proc_clone(&req);
}

long proc_sys_vfork(void)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK | PROC_SIGCHLD };

	return proc_clone(&req);
}
