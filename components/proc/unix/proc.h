/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The process layer's private state: processes, their threads, the lock
 * that guards the tree, and the functions the proc_*.c files share.
 * Included by every kernel source of the component.
 */
#ifndef PROC_UNIX_PROC_H
#define PROC_UNIX_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include <tessera/components/proc_unix.h>
#include <tessera/spinlock.h>
#include <tessera/usermode.h>

#define PROC_PID_MAX 32768 /* ids wrap below this, as Linux's default pid_max */
#define PROC_SIGCHLD 17
#define PROC_SIGKILL 9
#define PROC_SIGSEGV 11
#define PROC_SIGPIPE 13

struct proc_thread;

/*
 * One process (a thread group). The tree fields, the thread list, state
 * and exit_status are guarded by proc_lock; mm, files, exe, comm and
 * cmdline change only in the process's own threads (execve) or when it
 * is torn down, and readers from other processes take proc_lock.
 */
struct proc {
	int32_t pid;
	int32_t pgid; /* inherited; there is no setpgid yet, so init's group */
	struct proc *parent;
	struct proc *children; /* first child; siblings through sibling */
	struct proc *sibling;
	struct proc *next; /* every process, in creation order */
	struct proc_thread *threads;
	uint32_t nthreads;
	bool exiting; /* exit_group or a fatal signal: every thread must end */
	bool zombie;
	bool vfork_busy; /* a vfork parent waits: not reaped before it wakes */
	int32_t exit_status; /* the wait status once exiting or a zombie */
	int32_t exit_signal; /* sent to the parent: SIGCHLD, or clone's choice */
	uint64_t sig_ignored; /* SIG_IGN dispositions, bit N-1 for signal N (proc_signal.c) */
	struct vm_space *mm; /* one reference for the process */
	struct vfs_files *files; /* one reference for the process */
	struct vfs_file *exe; /* the program, for /proc/<pid>/exe; may be NULL */
	char comm[PROC_COMM_MAX];
	char *cmdline; /* argv strings, each NUL terminated */
	size_t cmdline_len;
	uint64_t start_ns;
	uint64_t dead_cpu_ns; /* CPU time of threads that ended */
	uint32_t child_events; /* bumped (atomically) when a child changes state */
	struct wait_queue child_wq; /* wait4 sleeps here */
	bool vfork_done; /* this child exec'd or exited: its vfork parent may go on */
	struct wait_queue vfork_wq;
};

/*
 * One user thread. Owned by its own kernel thread: created by clone, fork
 * or run_init, freed by the thread itself just before it ends.
 */
struct proc_thread {
	int32_t tid;
	struct proc *proc;
	struct kthread *kt; /* set by the thread itself when it starts */
	struct proc_thread *next; /* in proc->threads */
	struct vm_space *mm; /* one reference for this thread (its ctx->mm) */
	struct user_regs start_regs; /* what it enters user mode with first */
	struct user_fpu fpu; /* its FPU/SSE state while it is switched out */
	uint64_t fs_base;
	uint64_t clear_child_tid; /* set_tid_address / CLONE_CHILD_CLEARTID */
	uint64_t set_child_tid; /* CLONE_CHILD_SETTID: written when it starts */
	bool killed; /* another thread's execve ends this one */
	struct wait_queue *volatile sleeping_on; /* for exit_group's wake-up */
	struct wait_queue sleep_wq; /* nanosleep sleeps here */
	int (*start)(struct proc_thread *self); /* run before entering user mode */
	void *start_arg;
};

extern struct spinlock proc_lock;
extern struct proc *proc_all; /* guarded by proc_lock */
extern struct proc *proc_init_proc; /* pid 1, once run_init made it */

/* proc_table.c */
struct proc_thread *proc_current_thread(void); /* NULL in a kernel thread */
struct proc *proc_current(void);
int proc_alloc(struct proc **out);
int proc_thread_alloc(struct proc *p, struct proc_thread **out);
int32_t proc_alloc_id_locked(void);
void proc_link_locked(struct proc *p, struct proc *parent);
void proc_thread_link_locked(struct proc *p, struct proc_thread *t);
struct proc *proc_find_locked(int32_t pid);
void proc_free(struct proc *p);
void proc_set_comm(struct proc *p, const char *path);
/* The kernel has no strlen (the compiler may not emit calls to one). */
size_t proc_strlen(const char *s);

/* proc_switch.c */
int proc_thread_spawn(struct proc_thread *t);
void proc_switch_hook(struct kthread *prev, struct kthread *next);

/* proc_exit.c */
__attribute__((noreturn)) void proc_thread_exit(struct proc_thread *t, int32_t status);
__attribute__((noreturn)) void proc_group_exit(struct proc_thread *t, int32_t status);
void proc_user_fatal(int signo, uint64_t addr, struct user_regs *regs);
bool proc_should_die(const struct proc_thread *t);
void proc_wake_sleepers_locked(struct proc *p, const struct proc_thread *self);
void proc_vfork_release(struct proc *p);

/* proc_sleep.c: every blocking wait of the component goes through here, so
 * exit_group can wake it. 0, -ETIMEDOUT, or -EINTR when the process is
 * ending. */
int proc_sleep(struct wait_queue *wq, wait_cond_t cond, void *arg, uint64_t timeout_ns);

/* proc_init.c: init's last thread is gone; run_init may return. */
void proc_init_ended(void);

/* proc_syscall.c */
void proc_syscall_install(void);

/* futex.c */
void futex_init(void);
long futex_wake(struct vm_space *mm, uint64_t uaddr, uint32_t count, uint32_t bitset);

/* proc_exec.c: execve of @path with kernel-copied strings (exec_args.h). */
struct exec_args;
int proc_exec(struct proc_thread *t, const char *path, struct exec_args *args, struct user_regs *regs);

/* proc_signal.c: whether the process ignores a signal (SIG_IGN). */
bool proc_ignores(const struct proc *p, int signo);

/* proc_time.c: the clocks, in nanoseconds. */
uint64_t proc_clock_monotonic_ns(void);
/* Applies proc_unix.epoch to the platform's wall clock, from init. */
void proc_time_init(void);
uint64_t proc_clock_realtime_ns(void);

/* proc_random.c */
void proc_random_bytes(void *buf, size_t len);

#endif
