/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The small per-process and per-thread calls: ids (everything runs as
 * root), set_tid_address, arch_prctl (the FS base musl and glibc put
 * their thread pointer in), sched_yield and uname.
 */
#include <tessera/mmu.h>
#include <tessera/uaccess.h>

#include "proc.h"

long proc_sys_getpid(void)
{
	return proc_current()->pid;
}

long proc_sys_getppid(void)
{
	struct proc *p = proc_current();
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int32_t ppid = p->parent ? p->parent->pid : 0;

	spin_unlock_irqrestore(&proc_lock, flags);
	return ppid;
}

long proc_sys_gettid(void)
{
	return proc_current_thread()->tid;
}

long proc_sys_getuid(void)
{
	return 0;
}

long proc_sys_geteuid(void)
{
	return 0;
}

long proc_sys_getgid(void)
{
	return 0;
}

long proc_sys_getegid(void)
{
	return 0;
}

long proc_sys_set_tid_address(int32_t __user *tidptr)
{
	struct proc_thread *t = proc_current_thread();

	t->clear_child_tid = (uint64_t)tidptr;
	return t->tid;
}

long proc_sys_arch_prctl(arch_prctl_code_t option, uint64_t arg2)
{
	struct proc_thread *t = proc_current_thread();

	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= MMU_USER_END)
			return -EPERM;
		t->fs_base = arg2;
		platform_set_fs_base(arg2);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((uint64_t __user *)arg2, &t->fs_base, sizeof(t->fs_base));
	default:
		return -EINVAL;
	}
}

long proc_sys_sched_yield(void)
{
	thread_yield();
	return 0;
}

static void proc_uts_set(uint8_t field[NEW_UTS_LEN + 1], const char *text)
{
	size_t i;

	for (i = 0; i < NEW_UTS_LEN && text[i]; i++)
		field[i] = (uint8_t)text[i];
	for (; i <= NEW_UTS_LEN; i++)
		field[i] = 0;
}

/*
 * sysname is "Linux": programs built for Linux test it to pick Linux
 * behaviour (libcs, configure scripts, busybox, Python's platform), and
 * this kernel implements that ABI, as gVisor and WSL 1 do. The release
 * looks like a Linux version because libcs parse it to decide which
 * calls exist; version and nodename say what is really running.
 */
long proc_sys_uname(struct utsname __user *name)
{
	struct utsname u;

	proc_uts_set(u.sysname, "Linux");
	proc_uts_set(u.nodename, "tessera");
	proc_uts_set(u.release, "6.1.0-tessera");
	proc_uts_set(u.version, "#1 Tessera proc_unix 1.0.0");
	proc_uts_set(u.machine, "x86_64");
	proc_uts_set(u.domainname, "(none)");
	return copy_to_user(name, &u, sizeof(u));
}
