/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What /proc shows of the file layer: the descriptors of a table and what
 * each refers to (/proc/<pid>/fd), and the mount table (/proc/mounts).
 */
#include <tessera/kprintf.h>
#include <tessera/string.h>

#include "vfs.h"

int32_t vfs_core_files_next_fd(struct vfs_files *files, int32_t after)
{
	int32_t found = -ENOENT;

	mutex_lock(&files->lock);
	for (int32_t fd = after < 0 ? 0 : after + 1; fd < VFS_FDS_MAX; fd++)
		if (files->fd[fd]) {
			found = fd;
			break;
		}
	mutex_unlock(&files->lock);
	return found;
}

long vfs_core_files_fd_path(struct vfs_files *files, int32_t fd, uint8_t *buf, size_t buf_len)
{
	struct vfs_file *f;
	long n;

	if (fd < 0 || fd >= VFS_FDS_MAX)
		return -EBADF;
	mutex_lock(&files->lock);
	if ((f = files->fd[fd]))
		vfs_core_file_get(f);
	mutex_unlock(&files->lock);
	if (!f)
		return -EBADF;
	if (f->pipe || !f->name)
		n = ksnprintf((char *)buf, buf_len, "pipe:[%llu]", (unsigned long long)f->path.inode->ino);
	else
		n = ksnprintf((char *)buf, buf_len, "%s", f->name);
	vfs_core_file_put(f);
	return n >= 0 && (size_t)n < buf_len ? n : -ENAMETOOLONG;
}

/* One mount's line; returns the bytes it took (or would have taken). */
static size_t vfs_show_mount(const struct vfs_mount *m, char *out, size_t room)
{
	char *path = vfs_zalloc(VFS_PATH_MAX);
	const char *target = "/";
	int n;

	if (path && vfs_path_name((struct vfs_path){ .mnt = (struct vfs_mount *)m, .inode = m->root }, path,
				  VFS_PATH_MAX) >= 0)
		target = path;
	n = ksnprintf(out, room, "%s %s %s rw 0 0\n", m->source, target, m->fs->name);
	heap_free(path);
	return n > 0 ? (size_t)n : 0;
}

long vfs_core_show_mounts(uint8_t *buf, size_t buf_len)
{
	size_t used = 0;

	vfs_lock_ns();
	for (size_t i = 0; i < VFS_MOUNTS_MAX; i++) {
		const struct vfs_mount *m = vfs_mount_slot(i);

		if (!m->fs || used >= buf_len)
			continue;
		size_t n = vfs_show_mount(m, (char *)buf + used, buf_len - used);

		used += n < buf_len - used ? n : buf_len - used - 1;
	}
	vfs_unlock_ns();
	return (long)used;
}
