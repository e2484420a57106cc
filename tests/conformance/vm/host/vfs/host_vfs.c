/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vm suite's file layer double (see component.idl): up to eight files
 * of up to 16 KiB in host memory, reached by descriptor, with reference
 * counts. No libc beyond <string.h>: its headers clash with the ABI
 * header the vfs interface includes.
 */
#include <tessera/components/vm_double_vfs.h>

#include <string.h>

#include "../host_vfs.h"

#define HOST_VFS_FILES 8
#define HOST_VFS_FILE_MAX 16384

struct vfs_file {
	unsigned refs; /* the descriptor's, while open, and every fget/file_get */
	bool open;
	bool readable;
	char path[64];
	uint8_t data[HOST_VFS_FILE_MAX];
	size_t len;
	uint64_t ino;
};

static struct vfs_file host_files[HOST_VFS_FILES];

int host_vfs_init(void)
{
	memset(host_files, 0, sizeof(host_files));
	return 0;
}

void host_vfs_open(int fd, const char *path, const void *data, size_t len, bool readable)
{
	struct vfs_file *f = &host_files[fd];

	if (f->refs || len > HOST_VFS_FILE_MAX)
		__builtin_trap(); /* a test bug: the slot is taken, the file too big */
	memset(f, 0, sizeof(*f));
	*f = (struct vfs_file){ .refs = 1, .open = true, .readable = readable, .len = len, .ino = 100u + fd };
	strncpy(f->path, path, sizeof(f->path) - 1);
	memcpy(f->data, data, len);
}

void host_vfs_close(int fd)
{
	host_files[fd].open = false;
	host_vfs_file_put(&host_files[fd]);
}

unsigned host_vfs_live_files(void)
{
	unsigned n = 0;

	for (int i = 0; i < HOST_VFS_FILES; i++)
		n += host_files[i].refs != 0;
	return n;
}

int host_vfs_fget(int32_t fd, struct vfs_file **file)
{
	if (fd < 0 || fd >= HOST_VFS_FILES || !host_files[fd].open)
		return -EBADF;
	host_files[fd].refs++;
	*file = &host_files[fd];
	return 0;
}

void host_vfs_file_get(struct vfs_file *file)
{
	file->refs++;
}

void host_vfs_file_put(struct vfs_file *file)
{
	if (!file->refs)
		__builtin_trap(); /* a put too many: the bug the suite looks for */
	file->refs--;
}

long host_vfs_kernel_read(struct vfs_file *file, uint8_t *buf, size_t buf_len, uint64_t off)
{
	size_t n;

	if (!file->readable)
		return -EINVAL;
	if (off >= file->len)
		return 0;
	n = file->len - off < buf_len ? file->len - off : buf_len;
	memcpy(buf, file->data + off, n);
	return (long)n;
}

int host_vfs_file_stat(struct vfs_file *file, struct linux_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = 0x801;
	st->st_ino = file->ino;
	st->st_size = (int64_t)file->len;
	return 0;
}

long host_vfs_file_path(struct vfs_file *file, uint8_t *buf, size_t buf_len)
{
	size_t n = strlen(file->path);

	if (n + 1 > buf_len)
		return -ENAMETOOLONG;
	memcpy(buf, file->path, n + 1);
	return (long)n;
}

/* What the suite never uses. */

int host_vfs_files_create(struct vfs_files **files)
{
	(void)files;
	return -ENOMEM;
}

int host_vfs_files_fork(struct vfs_files *parent, struct vfs_files **child)
{
	(void)parent;
	(void)child;
	return -ENOMEM;
}

void host_vfs_files_get(struct vfs_files *files)
{
	(void)files;
}

void host_vfs_files_put(struct vfs_files *files)
{
	(void)files;
}

void host_vfs_files_exec(struct vfs_files *files)
{
	(void)files;
}

int host_vfs_open_file(const char *path, int32_t flags, uint32_t mode, struct vfs_file **file)
{
	(void)path;
	(void)flags;
	(void)mode;
	(void)file;
	return -ENOENT;
}

int host_vfs_fd_install(struct vfs_file *file, int32_t flags)
{
	(void)file;
	(void)flags;
	return -EMFILE;
}

long host_vfs_user_read(struct vfs_file *file, vaddr_t addr, size_t len, uint64_t off)
{
	(void)file;
	(void)addr;
	(void)len;
	(void)off;
	return -EFAULT;
}

int host_vfs_kernel_mkdir(const char *path, uint32_t mode)
{
	(void)path;
	(void)mode;
	return -ENOENT;
}

int host_vfs_kernel_symlink(const char *target, const char *path)
{
	(void)target;
	(void)path;
	return -ENOENT;
}

int host_vfs_kernel_mount(const char *source, const char *target, const char *fstype)
{
	(void)source;
	(void)target;
	(void)fstype;
	return -ENODEV;
}
