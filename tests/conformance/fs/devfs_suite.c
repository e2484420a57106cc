/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The devfs suite (the chardev interface's provider): devfs mounted at
 * /dev through the VFS, Linux's device numbers, what each memory device
 * reads and writes, the terminals over a console double, the random
 * devices and getrandom, and registering a driver's own device.
 */
#include <stdio.h>
#undef SEEK_SET
#undef SEEK_CUR
#undef SEEK_END
#include <string.h>

#include <tessera/components/vfs_core.h>
#include <tessera/components/fs_devfs.h>

#include "doubles/console/capture_console.h"
#include "host_world.h"
#include "ktap.h"

#define KERNEL_PTR ((void *)0xffff800000001000ull)

static void devfs_nodes_have_linux_s_numbers(struct ktap *t)
{
	static const struct { const char *path; uint64_t rdev; } nodes[] = {
		{ "/dev/null", 0x103 }, { "/dev/zero", 0x105 }, { "/dev/full", 0x107 }, { "/dev/random", 0x108 },
		{ "/dev/urandom", 0x109 }, { "/dev/tty", 0x500 }, { "/dev/console", 0x501 },
	};
	struct linux_stat st;

	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		long err = vfs_sys_stat(nodes[i].path, &st);

		ktap_expect(t, err == 0 && (st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev == nodes[i].rdev,
			    "%s: %ld, mode %o, rdev %#lx", nodes[i].path, err, st.st_mode, st.st_rdev);
	}
	ktap_expect(t, vfs_sys_stat("/dev/nosuch", &st) == -ENOENT, "ENOENT");
}

static void null_zero_and_full(struct ktap *t)
{
	uint8_t buf[64];
	long null = vfs_sys_open("/dev/null", O_RDWR, 0), zero = vfs_sys_open("/dev/zero", O_RDWR, 0);
	long full = vfs_sys_open("/dev/full", O_RDWR, 0);

	ktap_expect(t, null >= 0 && zero >= 0 && full >= 0, "open");
	ktap_expect(t, vfs_sys_read((int32_t)null, buf, sizeof(buf)) == 0, "null reads EOF");
	ktap_expect(t, vfs_sys_write((int32_t)null, buf, sizeof(buf)) == sizeof(buf), "null takes all");
	memset(buf, 0xaa, sizeof(buf));
	ktap_expect(t, vfs_sys_read((int32_t)zero, buf, sizeof(buf)) == sizeof(buf) && buf[0] == 0 && buf[63] == 0,
		    "zero reads zeros");
	ktap_expect(t, vfs_sys_write((int32_t)zero, buf, 5) == 5, "zero takes all");
	ktap_expect(t, vfs_sys_write((int32_t)full, buf, 5) == -ENOSPC, "full: ENOSPC");
	ktap_expect(t, vfs_sys_read((int32_t)full, buf, 8) == 8, "full reads zeros");
	ktap_expect(t, vfs_sys_read((int32_t)zero, KERNEL_PTR, 8) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_ioctl((int32_t)null, TCGETS, (uint64_t)(uintptr_t)buf) == -ENOTTY, "not a tty");
	vfs_sys_close((int32_t)null);
	vfs_sys_close((int32_t)zero);
	vfs_sys_close((int32_t)full);
}

static void console_writes_every_console_and_reads_input(struct ktap *t)
{
	struct winsize ws = { 0 };
	char buf[16] = { 0 };
	long fd = vfs_sys_open("/dev/console", O_RDWR, 0), tty = vfs_sys_open("/dev/tty", O_RDWR | O_NONBLOCK, 0);

	capture_console_reset();
	ktap_expect(t, vfs_sys_write((int32_t)fd, "hello\n", 6) == 6, "write");
	ktap_expect(t, strcmp(capture_console_output(), "hello\n") == 0, "the console got \"%s\"",
		    capture_console_output());
	capture_console_queue("ls\n");
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, sizeof(buf)) == 3 && strcmp(buf, "ls\n") == 0, "read input");
	ktap_expect(t, vfs_sys_read((int32_t)tty, buf, sizeof(buf)) == -EAGAIN, "no input: EAGAIN");
	ktap_expect(t, vfs_sys_ioctl((int32_t)fd, TIOCGWINSZ, (uint64_t)(uintptr_t)&ws) == 0 && ws.ws_col == 80,
		    "TIOCGWINSZ");
	ktap_expect(t, vfs_sys_ioctl((int32_t)fd, TIOCGWINSZ, (uint64_t)(uintptr_t)KERNEL_PTR) == -EFAULT, "EFAULT");
	ktap_expect(t, vfs_sys_ioctl((int32_t)fd, 0x1234, 0) == -ENOTTY, "unknown request");
	vfs_sys_close((int32_t)fd);
	vfs_sys_close((int32_t)tty);
}

struct reader {
	long fd, n;
	char buf[8];
};

static int32_t read_console(void *arg)
{
	struct reader *r = arg;

	r->n = vfs_sys_read((int32_t)r->fd, r->buf, sizeof(r->buf));
	return 0;
}

static void a_console_read_waits_for_input(struct ktap *t)
{
	struct reader r = { .fd = vfs_sys_open("/dev/console", O_RDONLY, 0), .n = -1 };
	struct kthread *th;

	capture_console_queue("");
	ktap_expect(t, thread_create(read_console, &r, "reader", SCHED_PRIO_DEFAULT, &th) == 0, "thread");
	ktap_expect(t, world_wait_blocked(th), "the reader sleeps");
	ktap_expect(t, r.n == -1, "the read returned %ld without input", r.n);
	capture_console_queue("y");
	thread_join(th, NULL);
	ktap_expect(t, r.n == 1 && r.buf[0] == 'y', "read %ld", r.n);
	vfs_sys_close((int32_t)r.fd);
}

static void random_devices_and_getrandom(struct ktap *t)
{
	uint8_t a[64] = { 0 }, b[64] = { 0 }, zero[64] = { 0 };
	long fd = vfs_sys_open("/dev/urandom", O_RDONLY, 0);
	int ones = 0;

	ktap_expect(t, vfs_sys_read((int32_t)fd, a, sizeof(a)) == sizeof(a), "urandom");
	ktap_expect(t, vfs_sys_read((int32_t)fd, b, sizeof(b)) == sizeof(b), "urandom again");
	ktap_expect(t, memcmp(a, b, sizeof(a)) != 0 && memcmp(a, zero, sizeof(a)) != 0, "two reads differ");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, devfs_sys_getrandom(a, sizeof(a), 0) == sizeof(a), "getrandom");
	ktap_expect(t, devfs_sys_getrandom(b, sizeof(b), GRND_NONBLOCK | GRND_RANDOM) == sizeof(b), "flags");
	ktap_expect(t, memcmp(a, b, sizeof(a)) != 0, "differs");
	for (size_t i = 0; i < sizeof(a); i++)
		ones += __builtin_popcount(a[i]);
	ktap_expect(t, ones > 160 && ones < 352, "%d of 512 bits set", ones);
	ktap_expect(t, devfs_sys_getrandom(a, 4, 0x8) == -EINVAL, "unknown flag");
	ktap_expect(t, devfs_sys_getrandom(a, 4, GRND_RANDOM | GRND_INSECURE) == -EINVAL, "RANDOM with INSECURE");
	ktap_expect(t, devfs_sys_getrandom(KERNEL_PTR, 4, 0) == -EFAULT, "EFAULT");
	ktap_expect(t, devfs_sys_getrandom(NULL, 0, 0) == 0, "nothing asked");
}

static long echo_read(void *priv, uint32_t minor, uint8_t *buf, size_t len, int32_t flags)
{
	(void)priv;
	(void)flags;
	memset(buf, (int)minor, len);
	return (long)len;
}

static const struct chardev_ops echo_ops = { .read = echo_read };

static void drivers_register_their_devices(struct ktap *t)
{
	uint8_t buf[4] = { 0 };
	uint8_t names[1024];
	long fd, n;
	bool listed = false;

	ktap_expect(t, chardev_register("echo7", 240, 7, 0640, &echo_ops) == 0, "register");
	ktap_expect(t, chardev_register("echo7", 240, 8, 0640, &echo_ops) == -EEXIST, "name taken");
	ktap_expect(t, chardev_register("other", 240, 7, 0640, &echo_ops) == -EBUSY, "number taken");
	fd = vfs_sys_open("/dev/echo7", O_RDWR, 0);
	ktap_expect(t, vfs_sys_read((int32_t)fd, buf, 4) == 4 && buf[0] == 7 && buf[3] == 7, "the driver's read");
	ktap_expect(t, vfs_sys_write((int32_t)fd, buf, 4) == -EINVAL, "no write method: EINVAL");
	vfs_sys_close((int32_t)fd);
	fd = vfs_sys_open("/dev", O_RDONLY | O_DIRECTORY, 0);
	while ((n = vfs_sys_getdents64((int32_t)fd, names, sizeof(names))) > 0)
		for (long off = 0; off < n; off += names[off + 16] | names[off + 17] << 8)
			listed |= strcmp((const char *)names + off + 19, "echo7") == 0;
	ktap_expect(t, listed, "listed in /dev");
	vfs_sys_close((int32_t)fd);
	ktap_expect(t, vfs_sys_open("/dev/new", O_RDWR | O_CREAT, 0600) == -EPERM, "users make no nodes");
	ktap_expect(t, vfs_sys_unlink("/dev/null") == -EPERM, "nor remove them");
	ktap_expect(t, vfs_sys_mkdir("/dev/sub", 0755) == -EPERM, "nor directories");
}

static const struct ktap_case devfs_cases[] = {
	KTAP_CASE(devfs_nodes_have_linux_s_numbers),
	KTAP_CASE(null_zero_and_full),
	KTAP_CASE(console_writes_every_console_and_reads_input),
	KTAP_CASE(a_console_read_waits_for_input),
	KTAP_CASE(random_devices_and_getrandom),
	KTAP_CASE(drivers_register_their_devices),
	{ 0 },
};

int main(void)
{
	char suite[64];
	int err;

	world_start();
	if ((err = vfs_kernel_mkdir("/dev", 0755)) || (err = vfs_kernel_mount("devfs", "/dev", "devfs"))) {
		fprintf(stderr, "devfs suite: cannot mount devfs at /dev: %d\n", err);
		return 2;
	}
	snprintf(suite, sizeof(suite), "devfs_under_%s", world_sched().name);
	return ktap_run_suite(suite, devfs_cases, NULL, NULL) ? 1 : 0;
}
