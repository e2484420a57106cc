/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Pipes: a 64 KiB ring shared by a read end and a write end. Readers
 * sleep while it is empty and a writer is left (end of file once none
 * is); writers sleep while it is full and a reader is left (-EPIPE once
 * none is). A write of up to PIPE_BUF bytes goes in at once or not at
 * all, so concurrent small writes never interleave. The ring and the
 * counts are guarded by the pipe's mutex; the wait conditions read them
 * without it, which the thread interface allows (they run atomically
 * with every wake-up).
 */
#include <tessera/uaccess.h>

#include "vfs.h"

struct vfs_pipe {
	struct kmutex lock;
	uint8_t *ring; /* VFS_PIPE_SIZE bytes */
	volatile size_t head; /* next byte to read */
	volatile size_t count; /* bytes in the ring */
	volatile uint32_t readers, writers; /* open ends */
	struct wait_queue can_read, can_write;
	struct fs_inode inode; /* what fstat shows: a FIFO */
	size_t want; /* room the sleeping writer needs, under lock */
};

static uint64_t vfs_pipe_ino = 1;

int vfs_pipe_create(int32_t flags, struct vfs_file **rd, struct vfs_file **wr)
{
	struct vfs_pipe *p = vfs_zalloc(sizeof(*p));
	struct vfs_path none = { 0 };

	if (!p || !(p->ring = vfs_zalloc(VFS_PIPE_SIZE)))
		goto free_pipe;
	mutex_init(&p->lock);
	thread_waitq_init(&p->can_read);
	thread_waitq_init(&p->can_write);
	p->readers = p->writers = 1;
	p->inode = (struct fs_inode){ .ino = vfs_pipe_ino++, .mode = S_IFIFO | 0600, .nlink = 1, .refs = 1 };
	if (vfs_file_new(none, O_RDONLY | (flags & O_NONBLOCK), "pipe:", rd))
		goto free_ring;
	if (vfs_file_new(none, O_WRONLY | (flags & O_NONBLOCK), "pipe:", wr))
		goto free_rd;
	(*rd)->pipe = (*wr)->pipe = p;
	(*rd)->path.inode = (*wr)->path.inode = &p->inode;
	return 0;
free_rd:
	heap_free((*rd)->name);
	heap_free(*rd);
free_ring:
	heap_free(p->ring);
free_pipe:
	heap_free(p);
	return -ENOMEM;
}

static bool vfs_pipe_readable_cond(void *arg)
{
	struct vfs_pipe *p = arg;

	return p->count > 0 || p->writers == 0;
}

static bool vfs_pipe_writable_cond(void *arg)
{
	struct vfs_pipe *p = arg;

	return VFS_PIPE_SIZE - p->count >= p->want || p->readers == 0;
}

size_t vfs_pipe_readable(struct vfs_file *f)
{
	return f->pipe->count;
}

/* Copies up to len bytes out of the ring, the pipe's lock held. */
static long vfs_pipe_take(struct vfs_pipe *p, uint8_t __user *buf, size_t len)
{
	size_t done = 0;

	if (len > p->count)
		len = p->count;
	while (done < len) {
		size_t chunk = VFS_PIPE_SIZE - p->head;

		if (chunk > len - done)
			chunk = len - done;
		if (copy_to_user(buf + done, p->ring + p->head, chunk))
			return done ? (long)done : -EFAULT;
		p->head = (p->head + chunk) % VFS_PIPE_SIZE;
		p->count -= chunk;
		done += chunk;
	}
	return (long)done;
}

long vfs_pipe_read(struct vfs_file *f, uint8_t __user *buf, size_t len)
{
	struct vfs_pipe *p = f->pipe;
	long n;

	if ((f->flags & O_ACCMODE) != O_RDONLY)
		return -EBADF;
	if (len == 0)
		return 0;
	if (!user_range_ok((uint64_t)(uintptr_t)buf, len))
		return -EFAULT;
	mutex_lock(&p->lock);
	while (p->count == 0 && p->writers > 0) {
		mutex_unlock(&p->lock);
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		thread_wait_event(&p->can_read, vfs_pipe_readable_cond, p, WAIT_FOREVER);
		mutex_lock(&p->lock);
	}
	n = vfs_pipe_take(p, buf, len);
	mutex_unlock(&p->lock);
	thread_wake_all(&p->can_write);
	return n;
}

/* Copies len bytes into the ring, which has room, the pipe's lock held. */
static int vfs_pipe_put(struct vfs_pipe *p, const uint8_t __user *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t tail = (p->head + p->count) % VFS_PIPE_SIZE;
		size_t chunk = VFS_PIPE_SIZE - tail;

		if (chunk > len - done)
			chunk = len - done;
		if (copy_from_user(p->ring + tail, buf + done, chunk))
			return -EFAULT;
		p->count += chunk;
		done += chunk;
	}
	return 0;
}

/* Waits for room for `want` bytes (or for the last reader to go); lock held on return. */
static int vfs_pipe_wait_room(struct vfs_file *f, size_t want)
{
	struct vfs_pipe *p = f->pipe;

	while (VFS_PIPE_SIZE - p->count < want && p->readers > 0) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		p->want = want;
		mutex_unlock(&p->lock);
		thread_wait_event(&p->can_write, vfs_pipe_writable_cond, p, WAIT_FOREVER);
		mutex_lock(&p->lock);
	}
	return p->readers > 0 ? 0 : -EPIPE;
}

long vfs_pipe_write(struct vfs_file *f, const uint8_t __user *buf, size_t len)
{
	struct vfs_pipe *p = f->pipe;
	size_t done = 0;
	int err = 0;

	if ((f->flags & O_ACCMODE) != O_WRONLY)
		return -EBADF;
	if (!user_range_ok((uint64_t)(uintptr_t)buf, len))
		return -EFAULT;
	mutex_lock(&p->lock);
	while (done < len) {
		size_t left = len - done;
		/* Atomic: all of a small write at once; a big one a piece at a time. */
		size_t chunk = left <= VFS_PIPE_BUF ? left : 1;

		if ((err = vfs_pipe_wait_room(f, chunk)))
			break;
		chunk = left <= VFS_PIPE_BUF ? left : VFS_PIPE_SIZE - p->count;
		if (chunk > left)
			chunk = left;
		if ((err = vfs_pipe_put(p, buf + done, chunk)))
			break;
		done += chunk;
		thread_wake_all(&p->can_read);
	}
	mutex_unlock(&p->lock);
	return done ? (long)done : err;
}

void vfs_pipe_close(struct vfs_file *f)
{
	struct vfs_pipe *p = f->pipe;
	bool last;

	mutex_lock(&p->lock);
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	last = p->readers == 0 && p->writers == 0;
	mutex_unlock(&p->lock);
	thread_wake_all(&p->can_read);
	thread_wake_all(&p->can_write);
	if (last) {
		heap_free(p->ring);
		heap_free(p);
	}
}

/* What poll sees on a pipe end: data or end of file to read, room for an
 * atomic write, or the other end gone. */
int16_t vfs_pipe_poll(struct vfs_file *f)
{
	struct vfs_pipe *p = f->pipe;
	int16_t r = 0;

	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->count > 0)
			r |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			r |= POLLHUP;
	} else {
		if (p->readers == 0)
			r |= POLLERR;
		else if (VFS_PIPE_SIZE - p->count >= VFS_PIPE_BUF)
			r |= POLLOUT | POLLWRNORM;
	}
	return r;
}
