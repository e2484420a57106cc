/* SPDX-License-Identifier: Apache-2.0 */
/*
 * execve: check the file, build the new program in a fresh address space
 * made active for the calling thread, and only then commit. Everything
 * that can fail (open, headers, mapping, reading, the stack) happens
 * before the commit with the old space kept, so a failed execve returns
 * its error to the old program; the commit itself cannot fail, which is
 * what makes it the point of no return.
 */
#include <cpuid.h>

#include <tessera/irq.h>
#include <tessera/mmu.h>

#include "exec_args.h"
#include "exec_load.h"
#include "proc.h"

#define S_IFMT_BITS 0170000u
#define S_IFREG_BITS 0100000u
#define S_IXANY_BITS 0111u

/* Opens @path and checks it is a regular file someone may execute. */
static int exec_open(const char *path, struct vfs_file **out)
{
	struct linux_stat st;
	int err = vfs_open_file(path, O_RDONLY, 0, out);

	if (err)
		return err;
	err = vfs_file_stat(*out, &st);
	if (!err && ((st.st_mode & S_IFMT_BITS) != S_IFREG_BITS || !(st.st_mode & S_IXANY_BITS)))
		err = -EACCES;
	if (err)
		vfs_file_put(*out);
	return err;
}

/* Reads and checks the ELF and program headers. */
static int exec_read_headers(struct vfs_file *file, struct elf_image *img)
{
	uint8_t ehdr[ELF_EHDR_SIZE];
	uint8_t phdrs[ELF_PHNUM_MAX * ELF_PHDR_SIZE];
	size_t len;
	long n = vfs_kernel_read(file, ehdr, sizeof(ehdr), 0);
	int err;

	if (n < 0)
		return n == -EISDIR ? -EACCES : (int)n;
	if ((err = elf_check_header(ehdr, (size_t)n, img)))
		return err;
	len = (size_t)img->phnum * ELF_PHDR_SIZE;
	n = vfs_kernel_read(file, phdrs, len, img->phoff);
	if (n < 0)
		return (int)n;
	return elf_parse_phdrs(phdrs, (size_t)n, img, EXEC_STACK_TOP - EXEC_STACK_RESERVE);
}

/* Makes @mm the calling thread's space (ctx->mm is what the switch hook loads). */
static void exec_use_space(struct proc_thread *t, struct vm_space *mm)
{
	unsigned long flags = irq_save();

	t->mm = mm;
	thread_ctx(NULL)->mm = mm;
	vm_activate(mm);
	irq_restore(flags);
}

static uint64_t exec_hwcap(void)
{
	unsigned a, b, c, d;

	return __get_cpuid(1, &a, &b, &c, &d) ? d : 0;
}

/* Maps the segments and the stack into @mm, the active space. */
static int exec_build(struct vm_space *mm, struct vfs_file *file, const struct elf_image *img, const char *path,
		      const struct exec_args *args, uint64_t *sp)
{
	struct exec_stack_in in = {
		.strings = args->buf,
		.strings_len = args->len,
		.argc = args->argc,
		.envc = args->envc,
		.execfn = path,
		.phdr = img->phdr_addr,
		.phnum = img->phnum,
		.entry = img->entry,
		.hwcap = exec_hwcap(),
		.stack_top = EXEC_STACK_TOP,
	};
	int err = exec_load_segments(mm, file, img);

	if (err)
		return err;
	proc_random_bytes(in.random, sizeof(in.random));
	if ((err = exec_load_stack(mm, &in, sp)))
		return err;
	return vm_set_brk(mm, img->brk_start);
}

/* Ends the process's other threads: exec leaves only the caller. */
static void exec_kill_other_threads(struct proc_thread *self)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	for (struct proc_thread *o = self->proc->threads; o; o = o->next)
		if (o != self)
			__atomic_store_n(&o->killed, true, __ATOMIC_SEQ_CST);
	proc_wake_sleepers_locked(self->proc, self);
	spin_unlock_irqrestore(&proc_lock, flags);
}

/* The new argv for /proc/<pid>/cmdline; keeps the old one if memory is short. */
static void exec_set_cmdline(struct proc *p, const struct exec_args *args)
{
	size_t len = 0;
	char *copy;

	for (uint32_t i = 0; i < args->argc; i++)
		len += proc_strlen(args->buf + len) + 1;
	if (len == 0 || heap_alloc(len, (void **)&copy))
		return;
	__builtin_memcpy(copy, args->buf, len);
	heap_free(p->cmdline);
	p->cmdline = copy;
	p->cmdline_len = len;
}

/* The point of no return: nothing here can fail. */
static void exec_commit(struct proc_thread *t, struct vm_space *old, struct vfs_file *file, const char *path,
			const struct exec_args *args)
{
	struct proc *p = t->proc;
	struct vfs_file *old_exe = p->exe;
	struct vm_space *old_proc_mm = p->mm;

	exec_kill_other_threads(t);
	vm_space_get(t->mm);
	p->mm = t->mm;
	vm_space_put(old); /* the thread's reference */
	vm_space_put(old_proc_mm); /* the process's */
	vfs_files_exec(p->files);
	p->exe = file;
	if (old_exe)
		vfs_file_put(old_exe);
	proc_set_comm(p, path);
	exec_set_cmdline(p, args);
	t->clear_child_tid = 0;
	t->fs_base = 0;
	platform_set_fs_base(0);
	platform_fpu_init(&t->fpu);
	platform_fpu_restore(&t->fpu);
	proc_vfork_release(p);
}

/**
 * proc_exec() - Replace the calling thread's program.
 * @t: the caller.
 * @path: the program, as execve got it.
 * @args: its arguments and environment.
 * @regs: set to enter the new program when it returns 0.
 *
 * Return: 0, or an error with the old program intact.
 */
int proc_exec(struct proc_thread *t, const char *path, struct exec_args *args, struct user_regs *regs)
{
	struct vm_space *old = t->mm, *mm;
	struct vfs_file *file;
	struct elf_image img;
	uint64_t sp;
	int err = exec_open(path, &file);

	if (err)
		return err;
	if ((err = exec_read_headers(file, &img)) || (err = vm_space_create(&mm)))
		goto put_file;
	exec_use_space(t, mm);
	if ((err = exec_build(mm, file, &img, path, args, &sp))) {
		exec_use_space(t, old);
		vm_space_put(mm);
		goto put_file;
	}
	exec_commit(t, old, file, path, args);
	platform_user_regs_init(regs, img.entry, sp);
	return 0;
put_file:
	vfs_file_put(file);
	return err;
}

long proc_sys_execve(const char __user *filename, const vaddr_t __user *argv, const vaddr_t __user *envp)
{
	struct exec_args args;
	char *path;
	long n;
	int err;

	if (heap_alloc(4096, (void **)&path))
		return -ENOMEM;
	n = strncpy_from_user(path, filename, 4096);
	err = n < 0 ? (int)n : n == 0 ? -ENOENT : 0;
	if (!err && !(err = exec_args_init(&args))) {
		err = exec_args_add_user(&args, argv, false);
		if (!err)
			err = exec_args_add_user(&args, envp, true);
		if (!err)
			err = proc_exec(proc_current_thread(), path, &args, platform_user_regs());
		exec_args_free(&args);
	}
	heap_free(path);
	return err;
}
