/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A process's files in /proc/<pid>: stat (Linux's 52 fields, 0 where
 * Tessera keeps no such count: session, vsize, fault counts...), status, cmdline, maps, and the links exe
 * and fd/<n>. Times are in clock ticks of 100 Hz, as Linux's USER_HZ.
 */
#include "procfs.h"

#define PROCFS_NS_PER_TICK 10000000ull
#define PROCFS_PAGE_SIZE 4096

static char procfs_state_letter(proc_state_t state)
{
	return state == PROC_ZOMBIE ? 'Z' : state == PROC_SLEEPING ? 'S' : 'R';
}

static const char *procfs_state_name(proc_state_t state)
{
	return state == PROC_ZOMBIE ? "zombie" : state == PROC_SLEEPING ? "sleeping" : "running";
}

static uint64_t procfs_rss_pages(int32_t pid)
{
	struct vm_space *mm;
	uint64_t pages;

	if (proc_vm_space(pid, &mm) != 0)
		return 0;
	pages = vm_resident_pages(mm);
	vm_space_put(mm);
	return pages;
}

static void procfs_stat(struct procfs_text *t, const struct proc_info *p)
{
	/* pid comm state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime ... */
	procfs_printf(t, "%d (%s) %c %d %d 0 0 -1 0 0 0 0 0 %llu 0 0 0 20 0 %u 0 %llu 0 %llu 18446744073709551615",
		      p->pid, (const char *)p->comm, procfs_state_letter(p->state), p->ppid, p->pgid,
		      (unsigned long long)(p->cpu_ns / PROCFS_NS_PER_TICK), p->nthreads,
		      (unsigned long long)(p->start_ns / PROCFS_NS_PER_TICK),
		      (unsigned long long)procfs_rss_pages(p->pid));
	/* startcode .. exit_signal (26-38), then processor .. env_end (39-51), exit_code (52). */
	procfs_printf(t, " 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 %d\n", p->exit_status);
}

static void procfs_status(struct procfs_text *t, const struct proc_info *p)
{
	procfs_printf(t, "Name:\t%s\nUmask:\t0022\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n",
		      (const char *)p->comm, procfs_state_letter(p->state), procfs_state_name(p->state), p->pid,
		      p->pid, p->ppid);
	procfs_printf(t, "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	procfs_printf(t, "VmRSS:\t%8llu kB\nThreads:\t%u\n",
		      (unsigned long long)procfs_rss_pages(p->pid) * (PROCFS_PAGE_SIZE / 1024), p->nthreads);
}

static long procfs_maps(int32_t pid, char *buf, size_t size)
{
	struct vm_space *mm;
	long n;

	if (proc_vm_space(pid, &mm) != 0)
		return 0; /* a zombie has no memory left */
	n = vm_show_maps(mm, (uint8_t *)buf, size);
	vm_space_put(mm);
	return n;
}

long procfs_show_pid(const struct procfs_node *n, char *buf, size_t size)
{
	struct procfs_text t = { buf, size, 0 };
	struct proc_info info;

	if (proc_info(n->pid, &info) != 0)
		return -ESRCH;
	switch (n->kind) {
	case PROCFS_PID_STAT:
		procfs_stat(&t, &info);
		return (long)t.len;
	case PROCFS_PID_STATUS:
		procfs_status(&t, &info);
		return (long)t.len;
	case PROCFS_PID_CMDLINE:
		return proc_cmdline(n->pid, (uint8_t *)buf, size);
	case PROCFS_PID_MAPS:
		return procfs_maps(n->pid, buf, size);
	default:
		return -EISDIR;
	}
}

long procfs_pid_link(const struct procfs_node *n, char *buf, size_t size)
{
	struct vfs_files *files;
	struct vfs_file *exe;
	long len;

	if (n->kind == PROCFS_PID_EXE) {
		if (proc_exe(n->pid, &exe) != 0)
			return -ENOENT;
		len = vfs_file_path(exe, (uint8_t *)buf, size);
		vfs_file_put(exe);
		return len;
	}
	if (proc_files(n->pid, &files) != 0)
		return -ENOENT;
	len = vfs_files_fd_path(files, n->fd, (uint8_t *)buf, size);
	vfs_files_put(files);
	return len;
}
