/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Descriptors: dup, dup2, dup3 and fcntl sharing one open file (and its
 * position), close-on-exec, status flags, the 1024-descriptor limit, and
 * per-process tables through thread_ctx.files (create, fork, exec, put).
 */
#include <string.h>

#include "host_world.h"
#include "vfs_cases.h"

static void dup_shares_the_position(struct ktap *t)
{
	char c = 0;
	long fd, d;

	vfs_case_dir(t);
	ktap_expect(t, vfs_put_file("f", "xy", 2) == 0, "file");
	fd = vfs_sys_open("f", O_RDONLY, 0);
	d = vfs_sys_dup((int32_t)fd);
	ktap_expect(t, d >= 0 && d != fd, "dup %ld", d);
	ktap_expect(t, vfs_sys_read((int32_t)fd, &c, 1) == 1 && c == 'x', "read x");
	ktap_expect(t, vfs_sys_read((int32_t)d, &c, 1) == 1 && c == 'y', "the copy continues: %c", c);
	ktap_expect(t, vfs_sys_dup(-1) == -EBADF && vfs_sys_dup(4000) == -EBADF, "EBADF");
	vfs_sys_close((int32_t)fd);
	vfs_sys_close((int32_t)d);
}

static void dup2_and_dup3_replace_the_target(struct ktap *t)
{
	long a, b;

	vfs_case_dir(t);
	a = vfs_sys_open("a", O_RDWR | O_CREAT, 0600);
	b = vfs_sys_open("b", O_RDWR | O_CREAT, 0600);
	ktap_expect(t, vfs_sys_dup2((int32_t)a, 100) == 100, "dup2 to 100");
	ktap_expect(t, vfs_sys_dup2((int32_t)a, (int32_t)a) == a, "dup2 onto itself");
	ktap_expect(t, vfs_sys_dup2(555, 556) == -EBADF, "dup2 EBADF");
	ktap_expect(t, vfs_sys_dup2((int32_t)a, 1024) == -EBADF, "dup2 beyond the limit");
	ktap_expect(t, vfs_sys_dup3((int32_t)a, (int32_t)a, 0) == -EINVAL, "dup3 onto itself");
	ktap_expect(t, vfs_sys_dup3((int32_t)a, 101, O_RDWR) == -EINVAL, "dup3 bad flags");
	ktap_expect(t, vfs_sys_dup3((int32_t)b, 100, O_CLOEXEC) == 100, "dup3 replaces 100");
	ktap_expect(t, vfs_sys_fcntl(100, F_GETFD, 0) == 1, "FD_CLOEXEC set");
	ktap_expect(t, vfs_sys_write(100, "B", 1) == 1, "write through 100");
	ktap_expect(t, vfs_sys_lseek((int32_t)b, 0, SEEK_CUR) == 1, "it is b now");
	vfs_sys_close(100);
	vfs_sys_close((int32_t)a);
	vfs_sys_close((int32_t)b);
}

static void fcntl_commands(struct ktap *t)
{
	long fd, d;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	d = vfs_sys_fcntl((int32_t)fd, F_DUPFD, 50);
	ktap_expect(t, d == 50, "F_DUPFD 50: %ld", d);
	ktap_expect(t, vfs_sys_fcntl((int32_t)fd, F_DUPFD, 50) == 51, "F_DUPFD skips a used one");
	ktap_expect(t, vfs_sys_fcntl((int32_t)fd, F_DUPFD_CLOEXEC, 60) == 60, "F_DUPFD_CLOEXEC");
	ktap_expect(t, vfs_sys_fcntl(60, F_GETFD, 0) == 1 && vfs_sys_fcntl(50, F_GETFD, 0) == 0, "F_GETFD");
	ktap_expect(t, vfs_sys_fcntl(50, F_SETFD, 1) == 0 && vfs_sys_fcntl(50, F_GETFD, 0) == 1, "F_SETFD");
	ktap_expect(t, (vfs_sys_fcntl((int32_t)fd, F_GETFL, 0) & O_ACCMODE) == O_RDWR, "F_GETFL");
	ktap_expect(t, vfs_sys_fcntl((int32_t)fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY) == 0, "F_SETFL");
	ktap_expect(t, (vfs_sys_fcntl(51, F_GETFL, 0) & (O_APPEND | O_NONBLOCK | O_ACCMODE)) ==
			       (O_APPEND | O_NONBLOCK | O_RDWR),
		    "flags shared by the duplicate, access mode kept");
	ktap_expect(t, vfs_sys_fcntl((int32_t)fd, F_DUPFD, 5000) == -EINVAL, "F_DUPFD beyond the limit");
	ktap_expect(t, vfs_sys_fcntl((int32_t)fd, 9999, 0) == -EINVAL, "unknown command");
	ktap_expect(t, vfs_sys_fcntl(-3, F_GETFD, 0) == -EBADF, "EBADF");
	vfs_sys_close(50);
	vfs_sys_close(51);
	vfs_sys_close(60);
	vfs_sys_close((int32_t)fd);
}

static void the_1025th_descriptor_is_emfile(struct ktap *t)
{
	long fd, last = 0, n = 0;

	vfs_case_dir(t);
	fd = vfs_sys_open("f", O_RDWR | O_CREAT, 0600);
	while ((last = vfs_sys_dup((int32_t)fd)) >= 0)
		n++;
	ktap_expect(t, last == -EMFILE, "ended with %ld", last);
	ktap_expect(t, vfs_sys_open("f", O_RDONLY, 0) == -EMFILE, "open EMFILE");
	ktap_expect(t, n + 1 + fd == 1024, "%ld duplicates of fd %ld", n, fd);
	for (int32_t i = (int32_t)fd + 1; i < 1024; i++)
		vfs_sys_close(i);
	vfs_sys_close((int32_t)fd);
}

struct table_probe {
	struct vfs_files *files;
	long fd, cloexec_fd, after_exec, kept;
	char seen;
};

/* A "process": a thread with its own table. */
static int32_t use_own_table(void *arg)
{
	struct table_probe *p = arg;

	thread_ctx(NULL)->files = p->files;
	p->fd = vfs_sys_open("/case-table", O_RDWR | O_CREAT, 0600);
	p->cloexec_fd = vfs_sys_open("/case-table", O_RDONLY | O_CLOEXEC, 0);
	vfs_sys_write((int32_t)p->fd, "t", 1);
	vfs_files_exec(p->files);
	p->after_exec = vfs_sys_fcntl((int32_t)p->cloexec_fd, F_GETFD, 0);
	p->kept = vfs_sys_pread64((int32_t)p->fd, &p->seen, 1, 0);
	thread_ctx(NULL)->files = NULL;
	return 0;
}

static void tables_are_per_process_and_fork_copies(struct ktap *t)
{
	struct table_probe p = { 0 };
	struct vfs_files *parent, *child;
	struct kthread *th;
	int32_t code;

	if (!ktap_expect(t, vfs_files_create(&p.files) == 0, "files_create"))
		return;
	ktap_expect(t, thread_create(use_own_table, &p, "proc", SCHED_PRIO_DEFAULT, &th) == 0, "thread");
	thread_join(th, &code);
	ktap_expect(t, p.fd == 0, "a new table starts at 0: %ld", p.fd);
	ktap_expect(t, p.after_exec == -EBADF, "close-on-exec descriptor survived exec: %ld", p.after_exec);
	ktap_expect(t, p.kept == 1 && p.seen == 't', "plain descriptor closed by exec");
	parent = p.files;
	if (!ktap_expect(t, vfs_files_fork(parent, &child) == 0, "files_fork")) {
		vfs_files_put(parent);
		return;
	}
	p.files = child;
	ktap_expect(t, thread_create(use_own_table, &p, "child", SCHED_PRIO_DEFAULT, &th) == 0, "thread");
	thread_join(th, &code);
	ktap_expect(t, p.fd == 1, "the copy has fd 0 open already: got %ld", p.fd);
	vfs_files_put(child);
	vfs_files_put(parent);
	ktap_expect(t, vfs_sys_unlink("/case-table") == 0, "unlink");
}

const struct ktap_case vfs_fd_cases[] = {
	KTAP_CASE(dup_shares_the_position),
	KTAP_CASE(dup2_and_dup3_replace_the_target),
	KTAP_CASE(fcntl_commands),
	KTAP_CASE(the_1025th_descriptor_is_emfile),
	KTAP_CASE(tables_are_per_process_and_fork_copies),
	{ 0 },
};
