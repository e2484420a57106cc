/* SPDX-License-Identifier: Apache-2.0 */
/*
 * procfs's nodes: the cache that gives one name one inode (procfs.h says
 * when a node may go), the fixed directory entries, lookup, readdir,
 * readlink and the refusals of everything that would change /proc.
 */
#include <tessera/kprintf.h>
#include <tessera/rtc.h>
#include <tessera/string.h>

#include "procfs.h"

static struct fs_dev procfs_dev = { .name = "proc", .ops = &fs_procfs_fs_ops };
static struct procfs_node *procfs_cache;
static size_t procfs_cached;

#define S_DIR (S_IFDIR | 0555)
#define S_FILE (S_IFREG | 0444)
#define S_LINK (S_IFLNK | 0777)

static const struct procfs_entry procfs_root_entries[] = {
	{ "self", PROCFS_SELF, S_LINK },	   { "meminfo", PROCFS_MEMINFO, S_FILE },
	{ "uptime", PROCFS_UPTIME, S_FILE },	   { "mounts", PROCFS_MOUNTS, S_FILE },
	{ "cpuinfo", PROCFS_CPUINFO, S_FILE },	   { "buddyinfo", PROCFS_BUDDYINFO, S_FILE },
	{ "slabinfo", PROCFS_SLABINFO, S_FILE }, { "tessera", PROCFS_TESSERA, S_DIR },
};
static const struct procfs_entry procfs_tessera_entries[] = {
	{ "components", PROCFS_COMPONENTS, S_FILE },
};
static const struct procfs_entry procfs_pid_entries[] = {
	{ "stat", PROCFS_PID_STAT, S_FILE },	   { "status", PROCFS_PID_STATUS, S_FILE },
	{ "cmdline", PROCFS_PID_CMDLINE, S_FILE }, { "maps", PROCFS_PID_MAPS, S_FILE },
	{ "exe", PROCFS_PID_EXE, S_LINK },	   { "fd", PROCFS_PID_FD, (S_IFDIR | 0500) },
};

#define PROCFS_COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct procfs_entry *procfs_entries(enum procfs_kind dir, size_t *count)
{
	switch (dir) {
	case PROCFS_ROOT:
		*count = PROCFS_COUNT(procfs_root_entries) - !procfs_has_slabinfo();
		return procfs_root_entries;
	case PROCFS_TESSERA:
		*count = PROCFS_COUNT(procfs_tessera_entries);
		return procfs_tessera_entries;
	case PROCFS_PID:
		*count = PROCFS_COUNT(procfs_pid_entries);
		return procfs_pid_entries;
	default:
		*count = 0;
		return NULL;
	}
}

int procfs_init(void)
{
	procfs_dev.next = NULL;
	return fs_register(&procfs_dev);
}

bool procfs_pid_alive(int32_t pid)
{
	struct proc_info info;

	return pid > 0 && proc_info(pid, &info) == 0;
}

static uint32_t procfs_mode(enum procfs_kind kind)
{
	static const enum procfs_kind dirs[] = { PROCFS_ROOT, PROCFS_TESSERA, PROCFS_PID };
	size_t n;

	for (size_t d = 0; d < PROCFS_COUNT(dirs); d++) {
		const struct procfs_entry *e = procfs_entries(dirs[d], &n);

		for (size_t i = 0; i < n; i++)
			if (e[i].kind == kind)
				return e[i].mode;
	}
	if (kind == PROCFS_ROOT || kind == PROCFS_PID)
		return S_DIR;
	return kind == PROCFS_SLABINFO ? S_FILE : S_LINK; /* fd links */
}

/* Frees nodes nobody can reach any more; see procfs.h for why this is safe. */
static void procfs_cache_trim(void)
{
	struct procfs_node **p = &procfs_cache;

	if (procfs_cached <= PROCFS_CACHE_HIGH)
		return;
	while (*p) {
		struct procfs_node *n = *p;

		if (n->kind != PROCFS_ROOT && n->inode.refs == 0 && n->pid && !procfs_pid_alive(n->pid)) {
			*p = n->next;
			heap_free(n);
			procfs_cached--;
		} else {
			p = &n->next;
		}
	}
}

struct procfs_node *procfs_node_get(struct procfs_node *parent, enum procfs_kind kind, int32_t pid, int32_t fd)
{
	struct procfs_node *n;
	void *mem;

	for (n = procfs_cache; n; n = n->next)
		if (n->kind == kind && n->pid == pid && n->fd == fd && n->parent == parent)
			return n;
	procfs_cache_trim();
	if (heap_alloc(sizeof(*n), &mem) != 0)
		return NULL;
	n = mem;
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->pid = pid;
	n->fd = fd;
	n->parent = parent ? parent : n;
	n->inode.ino = (uint64_t)pid << 32 | (uint64_t)kind << 24 | (uint32_t)(fd + 1);
	n->inode.mode = procfs_mode(kind);
	n->inode.nlink = (n->inode.mode & S_IFMT) == S_IFDIR ? 2 : 1;
	uint64_t ns = platform_realtime_ns();
	n->inode.atime = n->inode.mtime = n->inode.ctime =
		(struct timespec){ .tv_sec = (int64_t)(ns / 1000000000u), .tv_nsec = (int64_t)(ns % 1000000000u) };
	n->next = procfs_cache;
	procfs_cache = n;
	procfs_cached++;
	return n;
}

int procfs_mount(struct fs_dev *dev, const char *source, struct fs_inode **root)
{
	struct procfs_node *n;

	(void)dev;
	(void)source;
	if (!(n = procfs_node_get(NULL, PROCFS_ROOT, 0, -1)))
		return -ENOMEM;
	*root = &n->inode;
	return 0;
}

/* Every instance shares the cache and its root; nothing to forget. */
void procfs_unmount(struct fs_dev *dev, struct fs_inode *root)
{
	(void)dev;
	(void)root;
}

/* Nodes stay in the cache until procfs_cache_trim() finds them unreachable. */
void procfs_release(struct fs_dev *dev, struct fs_inode *inode)
{
	(void)dev;
	(void)inode;
}

/* A decimal number with nothing else, as pid and fd names are; else -1. */
static int32_t procfs_number(const char *name)
{
	int64_t v = 0;

	if (!*name || (name[0] == '0' && name[1]))
		return -1;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || (v = v * 10 + (*name - '0')) > INT32_MAX)
			return -1;
	}
	return (int32_t)v;
}

static void procfs_link_size(struct procfs_node *n);

static bool procfs_fd_open(int32_t pid, int32_t fd)
{
	struct vfs_files *files;
	int32_t found;

	if (fd < 0 || proc_files(pid, &files) != 0)
		return false;
	found = vfs_files_next_fd(files, fd - 1);
	vfs_files_put(files);
	return found == fd;
}

static int procfs_lookup_number(struct procfs_node *d, const char *name, struct procfs_node **out)
{
	int32_t v = procfs_number(name);

	if (d->kind == PROCFS_ROOT && procfs_pid_alive(v))
		*out = procfs_node_get(d, PROCFS_PID, v, -1);
	else if (d->kind == PROCFS_PID_FD && procfs_fd_open(d->pid, v))
		*out = procfs_node_get(d, PROCFS_PID_FD_LINK, d->pid, v);
	else
		return -ENOENT;
	return *out ? 0 : -ENOMEM;
}

int procfs_lookup(struct fs_dev *dev, struct fs_inode *dir, const char *name, struct fs_inode **child)
{
	struct procfs_node *d = procfs_node_of(dir), *n = NULL;
	const struct procfs_entry *e;
	size_t count;
	int err;

	(void)dev;
	if (d->pid && !procfs_pid_alive(d->pid))
		return -ENOENT;
	if (strcmp(name, "..") == 0) {
		*child = &d->parent->inode;
		return 0;
	}
	e = procfs_entries(d->kind, &count);
	for (size_t i = 0; i < count && !n; i++)
		if (strcmp(e[i].name, name) == 0 && !(n = procfs_node_get(d, e[i].kind, d->pid, -1)))
			return -ENOMEM;
	if (!n && (err = procfs_lookup_number(d, name, &n)))
		return err;
	if ((n->inode.mode & S_IFMT) == S_IFLNK)
		procfs_link_size(n);
	*child = &n->inode;
	return 0;
}

/* Positions: 1..count are the fixed entries, then PROCFS_POS_NUMBERS + n
 * resumes at number n (a pid of the root, a descriptor of fd/). */
#define PROCFS_POS_NUMBERS (1ull << 32)

static int32_t procfs_next_number(const struct procfs_node *d, int32_t after)
{
	struct vfs_files *files;
	int32_t next;

	if (d->kind == PROCFS_ROOT)
		return proc_next_pid(after);
	if (d->kind != PROCFS_PID_FD || proc_files(d->pid, &files) != 0)
		return 0;
	next = vfs_files_next_fd(files, after);
	vfs_files_put(files);
	return next < 0 ? -1 : next;
}

int64_t procfs_readdir(struct fs_dev *dev, struct fs_inode *dir, uint64_t pos, struct fs_dirent *ent)
{
	struct procfs_node *d = procfs_node_of(dir);
	size_t count;
	const struct procfs_entry *e = procfs_entries(d->kind, &count);

	(void)dev;
	if (pos >= 1 && pos <= count) {
		ent->ino = (uint64_t)d->pid << 32 | (uint64_t)e[pos - 1].kind << 24;
		ent->type = (e[pos - 1].mode & S_IFMT) == S_IFDIR ? DT_DIR : (e[pos - 1].mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG;
		strcpy((char *)ent->name, e[pos - 1].name);
		return (int64_t)pos + 1;
	}
	int32_t after = pos > PROCFS_POS_NUMBERS ? (int32_t)(pos - PROCFS_POS_NUMBERS) - 1 : (d->kind == PROCFS_ROOT ? 0 : -1);
	int32_t v = procfs_next_number(d, after);

	if (v <= 0 && !(v == 0 && d->kind == PROCFS_PID_FD))
		return 0;
	ent->ino = (uint64_t)(d->kind == PROCFS_ROOT ? v : d->pid) << 32 | (uint32_t)(v + 1);
	ent->type = d->kind == PROCFS_ROOT ? DT_DIR : DT_LNK;
	ksnprintf((char *)ent->name, sizeof(ent->name), "%d", v);
	return (int64_t)(PROCFS_POS_NUMBERS + (uint64_t)v + 1);
}

/* A link's target into text (4096 bytes); its length or -errno. */
static long procfs_link_text(const struct procfs_node *n, char *text)
{
	if (n->kind == PROCFS_SELF)
		return proc_current_pid() ? ksnprintf(text, 4096, "%d", proc_current_pid()) : -ENOENT;
	return procfs_pid_link(n, text, 4096);
}

/* The VFS sizes its buffer for a link's target by the inode's size, and
 * these targets change (/proc/self is the caller's pid): set it afresh
 * whenever a walk reaches the link. */
static void procfs_link_size(struct procfs_node *n)
{
	void *mem;
	long len;

	if (heap_alloc(4096, &mem) != 0)
		return;
	len = procfs_link_text(n, mem);
	n->inode.size = len > 0 ? (uint64_t)len : 0;
	heap_free(mem);
}

long procfs_readlink(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len)
{
	struct procfs_node *n = procfs_node_of(inode);
	void *mem;
	long len;

	(void)dev;
	if ((n->inode.mode & S_IFMT) != S_IFLNK || heap_alloc(4096, &mem) != 0)
		return -EINVAL;
	len = procfs_link_text(n, mem);
	if (len >= 0) {
		len = (size_t)len < buf_len ? len : (long)buf_len;
		memcpy(buf, mem, (size_t)len);
	} else {
		len = -EINVAL;
	}
	heap_free(mem);
	return len;
}

long procfs_read(struct fs_dev *dev, struct fs_inode *inode, uint8_t *buf, size_t buf_len, uint64_t off,
		 int32_t flags)
{
	struct procfs_node *n = procfs_node_of(inode);
	void *mem;
	long len;

	(void)dev;
	(void)flags;
	if (heap_alloc(PROCFS_TEXT_MAX, &mem) != 0)
		return -EIO;
	len = n->kind >= PROCFS_PID ? procfs_show_pid(n, mem, PROCFS_TEXT_MAX) : procfs_show_sys(n, mem, PROCFS_TEXT_MAX);
	if (len > PROCFS_TEXT_MAX - 1)
		len = PROCFS_TEXT_MAX - 1;
	if (len >= 0) {
		size_t from = off < (uint64_t)len ? (size_t)off : (size_t)len;
		size_t count = (size_t)len - from < buf_len ? (size_t)len - from : buf_len;

		memcpy(buf, (char *)mem + from, count);
		len = (long)count;
	} else {
		len = -EIO;
	}
	heap_free(mem);
	return len;
}
