/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Open files: making one for a place in the namespace, its references,
 * reading and writing it (through its driver, or the pipe code), and the
 * stat structure of what it refers to. Driver calls of regular files and
 * directories hold vfs_lock; device nodes are read and written without it,
 * as they may sleep.
 */
#include <tessera/string.h>

#include <tessera/uaccess.h>

#include "vfs.h"

struct kmutex vfs_lock;
static unsigned vfs_lock_depth; /* guarded by vfs_lock itself */

/* Reentrant for its holder: a reference dropped inside a locked section
 * may release an inode, which needs the lock too. */
void vfs_lock_ns(void)
{
	if (mutex_owner(&vfs_lock) == thread_current()) {
		vfs_lock_depth++;
		return;
	}
	if (mutex_lock(&vfs_lock) == 0)
		vfs_lock_depth = 1;
}

void vfs_unlock_ns(void)
{
	if (--vfs_lock_depth == 0 && mutex_unlock(&vfs_lock) != 0)
		vfs_lock_depth = 0; /* not held: nothing to undo */
}

int vfs_file_new(struct vfs_path p, int32_t flags, const char *name, struct vfs_file **out)
{
	struct vfs_file *f = vfs_zalloc(sizeof(*f));
	size_t len = strlen(name);

	if (!f)
		return -ENOMEM;
	f->name = vfs_zalloc(len + 1);
	if (!f->name) {
		heap_free(f);
		return -ENOMEM;
	}
	memcpy(f->name, name, len);
	f->refs = 1;
	f->flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC);
	f->path = p;
	if (p.inode)
		vfs_path_get(p);
	*out = f;
	return 0;
}

void vfs_core_file_get(struct vfs_file *file)
{
	__atomic_add_fetch(&file->refs, 1, __ATOMIC_RELAXED);
}

void vfs_core_file_put(struct vfs_file *file)
{
	if (__atomic_sub_fetch(&file->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (file->pipe) {
		vfs_pipe_close(file);
	} else {
		vfs_lock_ns();
		vfs_path_put(file->path);
		vfs_unlock_ns();
	}
	heap_free(file->name);
	heap_free(file);
}

static bool vfs_is_device(const struct vfs_file *f)
{
	int type = vfs_file_type(f->path.inode);

	return type == S_IFCHR || type == S_IFBLK;
}

/* Reads kernel memory's worth at *pos and advances it. */
long vfs_file_read(struct vfs_file *f, uint8_t *buf, size_t len, uint64_t *pos)
{
	long n;

	if (vfs_is_dir(f->path.inode))
		return -EISDIR;
	if (vfs_is_device(f))
		return fs_read(f->path.mnt->fs, f->path.inode, buf, len, *pos, f->flags);
	vfs_lock_ns();
	n = fs_read(f->path.mnt->fs, f->path.inode, buf, len, *pos, f->flags);
	if (n > 0)
		*pos += (uint64_t)n;
	vfs_unlock_ns();
	return n;
}

long vfs_file_write(struct vfs_file *f, const uint8_t *buf, size_t len, uint64_t *pos)
{
	long n;

	if (vfs_is_device(f))
		return fs_write(f->path.mnt->fs, f->path.inode, buf, len, *pos, f->flags);
	vfs_lock_ns();
	if (f->flags & O_APPEND)
		*pos = f->path.inode->size;
	n = fs_write(f->path.mnt->fs, f->path.inode, buf, len, *pos, f->flags);
	if (n > 0)
		*pos += (uint64_t)n;
	vfs_unlock_ns();
	return n;
}

/*
 * The kernel buffer a user read or write bounces through: small transfers
 * (a byte of /dev/zero, a line of text) use the caller's stack buffer, so
 * they cost no allocation; larger ones a VFS_IO_CHUNK heap buffer, not
 * zeroed, because only the bytes a step fills are ever copied out.
 */
static uint8_t *vfs_bounce_get(size_t len, uint8_t *small)
{
	void *p;

	if (len <= VFS_SMALL_IO)
		return small;
	return heap_alloc(VFS_IO_CHUNK, &p) == 0 ? p : NULL;
}

static void vfs_bounce_put(uint8_t *bounce, uint8_t *small)
{
	if (bounce != small)
		heap_free(bounce);
}

/* Bounces through a kernel buffer a chunk at a time; a short read ends it. */
long vfs_file_read_user(struct vfs_file *f, uint8_t __user *buf, size_t len, uint64_t *pos)
{
	uint8_t small[VFS_SMALL_IO], *bounce;
	size_t done = 0;
	long n = 0;

	if (f->pipe)
		return vfs_pipe_read(f, buf, len);
	if (!user_range_ok((uint64_t)(uintptr_t)buf, len))
		return -EFAULT;
	if (!(bounce = vfs_bounce_get(len, small)))
		return -ENOMEM;
	while (done < len) {
		size_t chunk = len - done < VFS_IO_CHUNK ? len - done : VFS_IO_CHUNK;

		n = vfs_file_read(f, bounce, chunk, pos);
		if (n <= 0)
			break;
		if (copy_to_user(buf + done, bounce, (size_t)n)) {
			n = -EFAULT;
			break;
		}
		done += (size_t)n;
		if ((size_t)n < chunk || vfs_is_device(f))
			break;
	}
	vfs_bounce_put(bounce, small);
	return done ? (long)done : n;
}

long vfs_file_write_user(struct vfs_file *f, const uint8_t __user *buf, size_t len, uint64_t *pos)
{
	uint8_t small[VFS_SMALL_IO], *bounce;
	size_t done = 0;
	long n = 0;

	if (f->pipe)
		return vfs_pipe_write(f, buf, len);
	if (!user_range_ok((uint64_t)(uintptr_t)buf, len))
		return -EFAULT;
	if (!(bounce = vfs_bounce_get(len, small)))
		return -ENOMEM;
	while (done < len) {
		size_t chunk = len - done < VFS_IO_CHUNK ? len - done : VFS_IO_CHUNK;

		if (copy_from_user(bounce, buf + done, chunk)) {
			n = -EFAULT;
			break;
		}
		n = vfs_file_write(f, bounce, chunk, pos);
		if (n <= 0)
			break;
		done += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	vfs_bounce_put(bounce, small);
	return done ? (long)done : n;
}

void vfs_fill_stat(struct vfs_path p, struct linux_stat *st)
{
	const struct fs_inode *i = p.inode;

	memset(st, 0, sizeof(*st));
	st->st_dev = p.mnt ? p.mnt->id : 0;
	st->st_ino = i->ino;
	st->st_nlink = i->nlink;
	st->st_mode = i->mode;
	st->st_uid = i->uid;
	st->st_gid = i->gid;
	st->st_rdev = i->rdev;
	st->st_size = (int64_t)i->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((i->size + 511) / 512);
	st->st_atime = (uint64_t)i->atime.tv_sec;
	st->st_atime_nsec = (uint64_t)i->atime.tv_nsec;
	st->st_mtime = (uint64_t)i->mtime.tv_sec;
	st->st_mtime_nsec = (uint64_t)i->mtime.tv_nsec;
	st->st_ctime = (uint64_t)i->ctime.tv_sec;
	st->st_ctime_nsec = (uint64_t)i->ctime.tv_nsec;
}
