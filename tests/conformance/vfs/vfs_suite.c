/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vfs conformance suite's runner: the world (heap, threads, the vfs
 * with ramfs at /) started once, then every case list; main() is the
 * boot thread (see ../thread/host/host_world.h).
 */

#include "host_world.h"
#include "vfs_cases.h"

static int vfs_case_number;

const char *vfs_case_dir(struct ktap *t)
{
	static char path[32];

	snprintf(path, sizeof(path), "/case%d", ++vfs_case_number);
	ktap_expect(t, vfs_sys_chdir("/") == 0, "chdir /");
	ktap_expect(t, vfs_sys_mkdir(path, 0755) == 0, "mkdir %s", path);
	ktap_expect(t, vfs_sys_chdir(path) == 0, "chdir %s", path);
	return path;
}

long vfs_put_file(const char *path, const void *data, size_t len)
{
	long fd = vfs_sys_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), n;

	if (fd < 0)
		return fd;
	n = vfs_sys_write((int32_t)fd, data, len);
	vfs_sys_close((int32_t)fd);
	return n < 0 ? n : (size_t)n == len ? 0 : -EIO;
}

static const struct ktap_case *const vfs_lists[] = {
	vfs_open_cases, vfs_io_cases, vfs_fd_cases, vfs_name_cases, vfs_dir_cases,
	vfs_attr_cases, vfs_pipe_cases, vfs_poll_cases, vfs_mount_cases, vfs_kernel_cases,
};

int main(void)
{
	static struct ktap_case all[128];
	size_t n = 0;
	char suite[64];

	world_start();
	for (size_t i = 0; i < sizeof(vfs_lists) / sizeof(vfs_lists[0]); i++)
		for (const struct ktap_case *c = vfs_lists[i]; c->name && n + 1 < sizeof(all) / sizeof(all[0]); c++)
			all[n++] = *c;
	snprintf(suite, sizeof(suite), "vfs_under_%s", world_sched().name);
	return ktap_run_suite(suite, all, NULL, NULL) ? 1 : 0;
}
