/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VFS's private types and the functions its files share. A place in
 * the namespace is a (mount, inode) pair, as Linux's struct path. One
 * sleeping lock, vfs_lock, serialises the mount table, every driver call
 * and file positions; pipes and device nodes block without it.
 *
 * vfs_mount.c  the mount table, crossing mount points
 * vfs_walk.c   path walks
 * vfs_file.c   open files: references, reading, writing, stat
 * vfs_fdtable.c descriptor tables
 * vfs_pipe.c   pipes
 * vfs_kernel.c the vfs interface's kernel calls
 * vfs_sys_*.c  the system calls
 */
#ifndef TESSERA_VFS_CORE_H
#define TESSERA_VFS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/components/vfs_core.h>

#define VFS_PATH_MAX 4096 /* bytes, NUL included, as Linux's PATH_MAX */
#define VFS_SYMLINK_MAX 40 /* links followed in one walk before ELOOP */
#define VFS_FDS_MAX 1024 /* descriptors per table (RLIMIT_NOFILE's default) */
#define VFS_MOUNTS_MAX 32
#define VFS_PIPE_SIZE (64 * 1024)
#define VFS_PIPE_BUF 4096 /* writes up to this size are atomic */
#define VFS_IO_CHUNK 4096 /* bytes bounced through the kernel per step */
#define VFS_SMALL_IO 256 /* transfers up to this bounce on the stack */

struct vfs_mount {
	struct fs_dev *fs; /* NULL: a free slot */
	struct fs_inode *root;
	struct vfs_mount *parent; /* NULL for the root mount */
	struct fs_inode *mountpoint; /* in parent */
	uint32_t id; /* st_dev */
	uint32_t users; /* references to places in it: open files, working directories, mounts on it */
	char source[32];
};

struct vfs_path {
	struct vfs_mount *mnt;
	struct fs_inode *inode;
};

struct vfs_pipe;

struct vfs_file {
	uint32_t refs; /* atomic */
	int32_t flags; /* O_ACCMODE, O_APPEND, O_NONBLOCK...; guarded by vfs_lock */
	uint64_t pos; /* guarded by vfs_lock */
	struct vfs_path path; /* holds an inode reference */
	struct vfs_pipe *pipe; /* pipes only; path.inode is then the pipe's */
	char *name; /* the absolute path it was opened by */
};

struct vfs_files {
	uint32_t refs; /* atomic */
	struct kmutex lock; /* the slots below */
	struct vfs_file *fd[VFS_FDS_MAX];
	uint8_t cloexec[VFS_FDS_MAX];
	struct vfs_path cwd; /* holds a reference; changed under vfs_lock */
	uint32_t umask;
};

extern struct kmutex vfs_lock;

static inline bool vfs_is_dir(const struct fs_inode *inode)
{
	return (inode->mode & S_IFMT) == S_IFDIR;
}

static inline int vfs_file_type(const struct fs_inode *inode)
{
	return (int)(inode->mode & S_IFMT);
}

void vfs_lock_ns(void);
void vfs_unlock_ns(void);
void *vfs_zalloc(size_t size);

/* vfs_mount.c */
struct vfs_path vfs_root(void);
int vfs_mount_at(struct fs_dev *fs, const char *source, struct vfs_path at);
const struct vfs_mount *vfs_mount_slot(size_t i);

/* vfs_empty_root.c: the root when no file-system driver is selected. */
extern struct fs_dev vfs_empty_root_fs;
int vfs_umount_at(struct vfs_path at);
struct vfs_path vfs_cross_down(struct vfs_path p);
struct vfs_path vfs_parent(struct vfs_path p);
struct fs_dev *vfs_fs_find(const char *name);
void vfs_path_get(struct vfs_path p);
void vfs_path_put(struct vfs_path p);
bool vfs_is_mountpoint(struct vfs_path p);
long vfs_path_name(struct vfs_path p, char *buf, size_t size);

/* vfs_walk.c: called with vfs_lock held. */
#define VFS_WALK_FOLLOW 1 /* follow a final symbolic link */
#define VFS_WALK_DIR 2 /* the result must be a directory */
int vfs_walk(struct vfs_path start, const char *path, int how, struct vfs_path *out);
int vfs_walk_parent(struct vfs_path start, const char *path, struct vfs_path *dir, char *last);
int vfs_start(int32_t dfd, const char *path, struct vfs_path *start);
int vfs_lookup_in(struct vfs_path dir, const char *name, struct vfs_path *out);
long vfs_rmdir_at(int32_t dfd, const char *path);

/* vfs_user.c: user strings and walks from a syscall. */
int vfs_user_path(const char __user *upath, char **kpath);
void vfs_path_free(char *kpath);
int vfs_user_walk(int32_t dfd, const char __user *upath, int how, bool empty_ok, struct vfs_path *out);

/* vfs_file.c */
int vfs_file_new(struct vfs_path p, int32_t flags, const char *name, struct vfs_file **out);
long vfs_file_read(struct vfs_file *f, uint8_t *buf, size_t len, uint64_t *pos);
long vfs_file_write(struct vfs_file *f, const uint8_t *buf, size_t len, uint64_t *pos);
long vfs_file_read_user(struct vfs_file *f, uint8_t __user *buf, size_t len, uint64_t *pos);
long vfs_file_write_user(struct vfs_file *f, const uint8_t __user *buf, size_t len, uint64_t *pos);
void vfs_fill_stat(struct vfs_path p, struct linux_stat *st);
int vfs_open_path(struct vfs_path start, const char *path, int32_t flags, uint32_t mode, uint32_t umask,
		  struct vfs_file **out);

/* vfs_fdtable.c */
struct vfs_files *vfs_current_files(void);
int vfs_fd_alloc(struct vfs_files *t, struct vfs_file *f, int32_t min, bool cloexec);
int vfs_fd_get(int32_t fd, struct vfs_file **out);
int vfs_fd_close(struct vfs_files *t, int32_t fd);
int vfs_fd_replace(struct vfs_files *t, int32_t fd, struct vfs_file *f, bool cloexec);
int vfs_files_init_kernel(void);

/* vfs_pipe.c */
int vfs_pipe_create(int32_t flags, struct vfs_file **rd, struct vfs_file **wr);
long vfs_pipe_read(struct vfs_file *f, uint8_t __user *buf, size_t len);
long vfs_pipe_write(struct vfs_file *f, const uint8_t __user *buf, size_t len);
void vfs_pipe_close(struct vfs_file *f);
size_t vfs_pipe_readable(struct vfs_file *f);
int16_t vfs_pipe_poll(struct vfs_file *f);

#endif
