/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Descriptor tables: the calling thread's (thread_ctx.files, set by the
 * process layer) or, for kernel threads, the kernel's own; making,
 * copying for fork, closing on exec and freeing them; allocating the
 * lowest free descriptor (up to VFS_FDS_MAX, then EMFILE). Each table's
 * slots are guarded by its mutex; a slot holds one file reference.
 */
#include <tessera/string.h>

#include "vfs.h"

static struct vfs_files vfs_kernel_files;

struct vfs_files *vfs_current_files(void)
{
	struct thread_ctx *ctx = thread_ctx(NULL);

	return ctx && ctx->files ? ctx->files : &vfs_kernel_files;
}

/* After the root is mounted, with vfs_lock held. */
int vfs_files_init_kernel(void)
{
	memset(&vfs_kernel_files, 0, sizeof(vfs_kernel_files));
	mutex_init(&vfs_kernel_files.lock);
	vfs_kernel_files.refs = 1;
	vfs_kernel_files.umask = 022;
	vfs_kernel_files.cwd = vfs_root();
	vfs_path_get(vfs_kernel_files.cwd);
	return 0;
}

static struct vfs_files *vfs_files_alloc(struct vfs_path cwd, uint32_t umask)
{
	struct vfs_files *t = vfs_zalloc(sizeof(*t));

	if (!t)
		return NULL;
	mutex_init(&t->lock);
	t->refs = 1;
	t->umask = umask;
	t->cwd = cwd;
	vfs_lock_ns();
	vfs_path_get(cwd);
	vfs_unlock_ns();
	return t;
}

int vfs_core_files_create(struct vfs_files **files)
{
	struct vfs_files *t;

	vfs_lock_ns();
	t = vfs_files_alloc(vfs_root(), 022);
	vfs_unlock_ns();
	if (!t)
		return -ENOMEM;
	*files = t;
	return 0;
}

int vfs_core_files_fork(struct vfs_files *parent, struct vfs_files **child)
{
	struct vfs_files *t = vfs_files_alloc(parent->cwd, parent->umask);

	if (!t)
		return -ENOMEM;
	mutex_lock(&parent->lock);
	for (int fd = 0; fd < VFS_FDS_MAX; fd++) {
		if ((t->fd[fd] = parent->fd[fd])) {
			vfs_core_file_get(t->fd[fd]);
			t->cloexec[fd] = parent->cloexec[fd];
		}
	}
	mutex_unlock(&parent->lock);
	*child = t;
	return 0;
}

void vfs_core_files_get(struct vfs_files *files)
{
	__atomic_add_fetch(&files->refs, 1, __ATOMIC_RELAXED);
}

static void vfs_files_close_where(struct vfs_files *t, bool only_cloexec)
{
	for (int fd = 0; fd < VFS_FDS_MAX; fd++) {
		struct vfs_file *f;

		mutex_lock(&t->lock);
		f = t->fd[fd];
		if (f && (!only_cloexec || t->cloexec[fd]))
			t->fd[fd] = NULL;
		else
			f = NULL;
		mutex_unlock(&t->lock);
		if (f)
			vfs_core_file_put(f);
	}
}

void vfs_core_files_put(struct vfs_files *files)
{
	if (__atomic_sub_fetch(&files->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	vfs_files_close_where(files, false);
	vfs_lock_ns();
	vfs_path_put(files->cwd);
	vfs_unlock_ns();
	if (files != &vfs_kernel_files)
		heap_free(files);
}

void vfs_core_files_exec(struct vfs_files *files)
{
	vfs_files_close_where(files, true);
}

/* Puts f (its reference moves to the slot) at the lowest free fd >= min. */
int vfs_fd_alloc(struct vfs_files *t, struct vfs_file *f, int32_t min, bool cloexec)
{
	int fd;

	mutex_lock(&t->lock);
	for (fd = min < 0 ? 0 : min; fd < VFS_FDS_MAX && t->fd[fd]; fd++)
		;
	if (fd < VFS_FDS_MAX) {
		t->fd[fd] = f;
		t->cloexec[fd] = cloexec;
	}
	mutex_unlock(&t->lock);
	return fd < VFS_FDS_MAX ? fd : -EMFILE;
}

int vfs_fd_get(int32_t fd, struct vfs_file **out)
{
	struct vfs_files *t = vfs_current_files();
	struct vfs_file *f = NULL;

	if (fd < 0 || fd >= VFS_FDS_MAX)
		return -EBADF;
	mutex_lock(&t->lock);
	if ((f = t->fd[fd]))
		vfs_core_file_get(f);
	mutex_unlock(&t->lock);
	if (!f)
		return -EBADF;
	*out = f;
	return 0;
}

int vfs_fd_close(struct vfs_files *t, int32_t fd)
{
	struct vfs_file *f = NULL;

	if (fd < 0 || fd >= VFS_FDS_MAX)
		return -EBADF;
	mutex_lock(&t->lock);
	f = t->fd[fd];
	t->fd[fd] = NULL;
	mutex_unlock(&t->lock);
	if (!f)
		return -EBADF;
	vfs_core_file_put(f);
	return 0;
}

/* Puts f at fd, closing what was there (dup2); takes f's reference. */
int vfs_fd_replace(struct vfs_files *t, int32_t fd, struct vfs_file *f, bool cloexec)
{
	struct vfs_file *old;

	if (fd < 0 || fd >= VFS_FDS_MAX)
		return -EBADF;
	mutex_lock(&t->lock);
	old = t->fd[fd];
	t->fd[fd] = f;
	t->cloexec[fd] = cloexec;
	mutex_unlock(&t->lock);
	if (old)
		vfs_core_file_put(old);
	return fd;
}

int32_t vfs_core_fd_install(struct vfs_file *file, int32_t flags)
{
	return vfs_fd_alloc(vfs_current_files(), file, 0, (flags & O_CLOEXEC) != 0);
}

int vfs_core_fget(int32_t fd, struct vfs_file **file)
{
	return vfs_fd_get(fd, file);
}
