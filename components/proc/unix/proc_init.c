/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Starting init, process 1: mount devfs and procfs when they exist, build
 * its arguments and environment from the command line, start its thread
 * (which opens /dev/console as 0, 1, 2 and executes the program), and wait
 * until it ends. Called once by kmain() through proc.run_init.
 */
#include <tessera/kprintf.h>
#include <tessera/panic.h>

#include "exec_args.h"
#include "init_cmdline.h"
#include "proc.h"

#define INIT_PATH_MAX 256

static struct wait_queue proc_init_wq;
static char proc_init_path[INIT_PATH_MAX] = "/init";
static struct exec_args proc_init_args; /* argv then envp, for the start step */
static int proc_init_exec_err;

/* Mounts one pseudo file system; its absence is not an error for boot. */
static void proc_init_mount(const char *fstype, const char *dir)
{
	int err = vfs_kernel_mkdir(dir, 0755);

	if (err && err != -EEXIST) {
		kprintf("proc: cannot make %s (%d): %s not mounted\n", dir, err, fstype);
		return;
	}
	err = vfs_kernel_mount(fstype, dir, fstype);
	if (err)
		kprintf("proc: %s not mounted at %s (%d)\n", fstype, dir, err);
}

/* The command line's words, sorted into arguments and environment. */
struct proc_init_words {
	struct exec_args argv, envp;
};

static int proc_init_word(void *ctx, const char *word, size_t len, bool env)
{
	struct proc_init_words *w = ctx;

	return exec_args_add_n(env ? &w->envp : &w->argv, word, len, env);
}

/* argv[0] is the path, then the words; HOME and TERM as Linux gives init. */
static int proc_init_build_args(const char *cmdline)
{
	struct proc_init_words w;
	int err;

	if ((err = exec_args_init(&w.argv)))
		return err;
	if ((err = exec_args_init(&w.envp)))
		goto free_argv;
	exec_args_add(&w.envp, "HOME=/", true);
	exec_args_add(&w.envp, "TERM=linux", true);
	if ((err = init_cmdline_split(cmdline, proc_init_path, sizeof(proc_init_path), proc_init_word, &w)))
		goto free_envp;
	if ((err = exec_args_init(&proc_init_args)))
		goto free_envp;
	err = exec_args_add(&proc_init_args, proc_init_path, false);
	if (!err && w.argv.len + w.envp.len > proc_init_args.cap - proc_init_args.len)
		err = -E2BIG;
	if (!err) {
		__builtin_memcpy(proc_init_args.buf + proc_init_args.len, w.argv.buf, w.argv.len);
		__builtin_memcpy(proc_init_args.buf + proc_init_args.len + w.argv.len, w.envp.buf, w.envp.len);
		proc_init_args.len += w.argv.len + w.envp.len;
		proc_init_args.argc += w.argv.argc;
		proc_init_args.envc = w.envp.envc;
	}
free_envp:
	exec_args_free(&w.envp);
free_argv:
	exec_args_free(&w.argv);
	return err;
}

/* Descriptors 0, 1 and 2 on the console, when there is one. */
static void proc_init_console(void)
{
	struct vfs_file *console;
	int err = vfs_open_file("/dev/console", O_RDWR, 0, &console);

	if (err) {
		kprintf("proc: no /dev/console (%d): init starts without descriptors\n", err);
		return;
	}
	vfs_file_get(console);
	vfs_file_get(console);
	for (int fd = 0; fd < 3; fd++)
		if (vfs_fd_install(console, 0) < 0)
			vfs_file_put(console);
}

/* The start step of init's thread, in its own context. */
static int proc_init_start(struct proc_thread *t)
{
	proc_init_console();
	proc_init_exec_err = proc_exec(t, proc_init_path, &proc_init_args, &t->start_regs);
	exec_args_free(&proc_init_args);
	if (proc_init_exec_err)
		kprintf("proc: cannot execute %s (%d)\n", proc_init_path, proc_init_exec_err);
	return proc_init_exec_err;
}

/* Process 1 with an empty space and descriptor table, its thread ready. */
static int proc_init_create(struct proc **pp, struct proc_thread **tp)
{
	struct proc *p;
	struct proc_thread *t;
	unsigned long flags;
	int err = proc_alloc(&p);

	if (err)
		return err;
	if ((err = vfs_files_create(&p->files)))
		goto free_proc;
	if ((err = vm_space_create(&p->mm)))
		goto put_files;
	if ((err = proc_thread_alloc(p, &t)))
		goto put_mm;
	vm_space_get(p->mm);
	t->mm = p->mm;
	t->start = proc_init_start;
	proc_set_comm(p, proc_init_path);
	flags = spin_lock_irqsave(&proc_lock);
	p->pid = t->tid = proc_alloc_id_locked(); /* the first id: 1 */
	proc_link_locked(p, NULL);
	proc_thread_link_locked(p, t);
	proc_init_proc = p;
	spin_unlock_irqrestore(&proc_lock, flags);
	*pp = p;
	*tp = t;
	return 0;
put_mm:
	vm_space_put(p->mm);
put_files:
	vfs_files_put(p->files);
free_proc:
	proc_free(p);
	return err;
}

void proc_init_ended(void)
{
	thread_wake_all(&proc_init_wq);
}

static bool proc_init_is_zombie(void *arg)
{
	struct proc *p = arg;

	return __atomic_load_n(&p->zombie, __ATOMIC_SEQ_CST);
}

/* Whether the program exists, so that a kernel without one boots as before. */
static int proc_init_find(void)
{
	struct vfs_file *file;
	int err = vfs_open_file(proc_init_path, O_RDONLY, 0, &file);

	if (!err)
		vfs_file_put(file);
	return err;
}

/* An execve error as run_init reports it: one of the errors it declares. */
static int proc_init_run_error(int err)
{
	if (err == -ENOENT || err == -ENOMEM || err == -EACCES || err == -E2BIG)
		return err;
	return -ENOEXEC;
}

int32_t proc_unix_run_init(const char *cmdline)
{
	struct proc *p;
	struct proc_thread *t;
	int err;

	thread_waitq_init(&proc_init_wq);
	proc_init_mount("devfs", "/dev");
	proc_init_mount("proc", "/proc");
	if ((err = proc_init_build_args(cmdline)))
		return err == -ENOMEM ? err : -E2BIG;
	if ((err = proc_init_find()) || (err = proc_init_create(&p, &t))) {
		exec_args_free(&proc_init_args);
		return err == -ENOMEM || err == -E2BIG ? err : -ENOENT;
	}
	kprintf("proc: starting %s as pid %d\n", proc_init_path, p->pid);
	if ((err = proc_thread_spawn(t)))
		panic("proc: cannot start init's thread: %d", err);
	thread_wait_event(&proc_init_wq, proc_init_is_zombie, p, WAIT_FOREVER);
	if (proc_init_exec_err)
		return proc_init_run_error(proc_init_exec_err);
	return p->exit_status;
}
