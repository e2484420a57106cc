/* SPDX-License-Identifier: Apache-2.0 */
/*
 * show_maps: a space's areas as the lines of Linux's /proc/<pid>/maps,
 *   start-end perms offset major:minor inode   name
 * with the name in column 74 as Linux pads it. procfs calls it.
 */

#include "paged.h"

/* Linux pads the fixed fields to 25 + 6 * sizeof(void *) - 1 columns. */
#define VM_MAPS_NAME_COLUMN 72u
#define VM_MAPS_PATH_MAX 256u
/* The longest line before the name: 64-bit fields at their widest. */
#define VM_MAPS_LINE_MAX 128u

struct vm_maps_out {
	uint8_t *buf;
	size_t len;
	size_t used;
};

static void vm_put_bytes(struct vm_maps_out *out, const char *s, size_t n)
{
	size_t room = out->len - out->used;

	if (n > room)
		n = room;
	__builtin_memcpy(out->buf + out->used, s, n);
	out->used += n;
}

/* Appends @value in hex (lower case) or decimal, at least @width digits. */
static void vm_put_number(char *line, size_t *pos, uint64_t value, unsigned base, unsigned width)
{
	char digits[24];
	unsigned n = 0;

	do {
		digits[n++] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	while (n < width)
		digits[n++] = '0';
	while (n)
		line[(*pos)++] = digits[--n];
}

static size_t vm_string_length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void vm_put_char(char *line, size_t *pos, char c)
{
	line[(*pos)++] = c;
}

/* The name column: [heap], [stack], the file's path, or nothing. */
static const char *vm_area_name(const struct vm_area *a, char *path)
{
	long n;

	if (a->kind == VM_AREA_HEAP)
		return "[heap]";
	if (a->kind == VM_AREA_STACK)
		return "[stack]";
	if (a->kind != VM_AREA_FILE)
		return NULL;
	/* show_maps reports no errors: a file without room for its path
	 * (none to format it in, or a path too long) is named so. */
	n = path ? vfs_file_path(a->file, (uint8_t *)path, VM_MAPS_PATH_MAX) : -ENOMEM;
	return n < 0 ? "[unnamed file]" : path;
}

/* The device and inode of a file area (glibc's gnu_dev_major/minor split). */
static void vm_area_file_id(const struct vm_area *a, uint64_t *major, uint64_t *minor, uint64_t *ino)
{
	struct linux_stat st;

	*major = *minor = *ino = 0;
	if (!a->file || vfs_file_stat(a->file, &st) != 0)
		return;
	*major = ((st.st_dev >> 8) & 0xfff) | ((st.st_dev >> 32) & ~0xfffull);
	*minor = (st.st_dev & 0xff) | ((st.st_dev >> 12) & ~0xffull);
	*ino = st.st_ino;
}

static void vm_maps_line(struct vm_maps_out *out, const struct vm_area *a, char *path)
{
	char line[VM_MAPS_LINE_MAX];
	const char *name = vm_area_name(a, path);
	uint64_t major, minor, ino;
	size_t pos = 0;

	vm_area_file_id(a, &major, &minor, &ino);
	vm_put_number(line, &pos, a->start, 16, 8);
	vm_put_char(line, &pos, '-');
	vm_put_number(line, &pos, a->end, 16, 8);
	vm_put_char(line, &pos, ' ');
	vm_put_char(line, &pos, a->prot & VM_PROT_READ ? 'r' : '-');
	vm_put_char(line, &pos, a->prot & VM_PROT_WRITE ? 'w' : '-');
	vm_put_char(line, &pos, a->prot & VM_PROT_EXEC ? 'x' : '-');
	vm_put_char(line, &pos, a->shared ? 's' : 'p');
	vm_put_char(line, &pos, ' ');
	vm_put_number(line, &pos, a->file_off, 16, 8);
	vm_put_char(line, &pos, ' ');
	vm_put_number(line, &pos, major, 16, 2);
	vm_put_char(line, &pos, ':');
	vm_put_number(line, &pos, minor, 16, 2);
	vm_put_char(line, &pos, ' ');
	vm_put_number(line, &pos, ino, 10, 1);
	vm_put_char(line, &pos, ' ');
	while (name && pos < VM_MAPS_NAME_COLUMN)
		vm_put_char(line, &pos, ' ');
	vm_put_bytes(out, line, pos);
	if (name) {
		vm_put_bytes(out, " ", 1);
		vm_put_bytes(out, name, vm_string_length(name));
	}
	vm_put_bytes(out, "\n", 1);
}

/**
 * paged_show_maps() - Write a space's areas as /proc/<pid>/maps lines.
 * @space: the space.
 * @buf: where the text goes, without a NUL; cut short when it does not fit.
 * @buf_len: its size.
 *
 * Return: the bytes written.
 */
long paged_show_maps(struct vm_space *space, uint8_t *buf, size_t buf_len)
{
	struct vm_maps_out out = { .buf = buf, .len = buf_len, .used = 0 };
	char *path;

	if (heap_alloc(VM_MAPS_PATH_MAX, (void **)&path) != 0)
		path = NULL;
	vm_lock(space);
	for (const struct vm_area *a = space->areas; a && out.used < out.len; a = a->next)
		vm_maps_line(&out, a, path);
	vm_unlock(space);
	heap_free(path);
	return (long)out.used;
}
