/* SPDX-License-Identifier: Apache-2.0 */
/* Device nodes of /dev: null, zero, full, random, urandom, console and tty,
 * their Linux device numbers and behaviour. Run by /init from /tests and by
 * ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static const struct dev_node {
	const char *path;
	unsigned major, minor;
} dev_nodes[] = {
	{ "/dev/null", 1, 3 },	  { "/dev/zero", 1, 5 },    { "/dev/full", 1, 7 },
	{ "/dev/random", 1, 8 }, { "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
	{ "/dev/console", 5, 1 },
};

static void dev_nodes_have_linux_numbers(void)
{
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		struct stat st;
		const struct dev_node *n = &dev_nodes[i];

		if (!EXPECT(stat(n->path, &st) == 0) || !EXPECT(S_ISCHR(st.st_mode)) ||
		    !EXPECT(major(st.st_rdev) == n->major && minor(st.st_rdev) == n->minor))
			ktap_diag("%s", n->path);
	}
}

static void dev_null_swallows_and_reads_empty(void)
{
	char buf[16];
	int fd = open("/dev/null", O_RDWR);

	if (!EXPECT(fd >= 0))
		return;
	EXPECT(write(fd, "abc", 3) == 3);
	EXPECT(read(fd, buf, sizeof(buf)) == 0);
	close(fd);
}

static void dev_zero_and_full(void)
{
	char buf[4096];
	int zero = open("/dev/zero", O_RDWR);
	int full = open("/dev/full", O_RDWR);
	bool zeros = true;

	if (!EXPECT(zero >= 0 && full >= 0))
		return;
	memset(buf, 0x55, sizeof(buf));
	EXPECT(read(zero, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		zeros &= buf[i] == 0;
	EXPECT(zeros);
	EXPECT(write(zero, buf, 10) == 10);
	EXPECT_ERR(write(full, buf, 1), ENOSPC);
	buf[0] = 1;
	EXPECT(read(full, buf, 8) == 8 && buf[0] == 0);
	close(zero);
	close(full);
}

static void dev_random_gives_different_bytes(void)
{
	unsigned char a[32], b[32];
	int r = open("/dev/random", O_RDONLY);
	int u = open("/dev/urandom", O_RDONLY);

	if (!EXPECT(r >= 0 && u >= 0))
		return;
	EXPECT(read(r, a, sizeof(a)) == (ssize_t)sizeof(a));
	EXPECT(read(u, b, sizeof(b)) == (ssize_t)sizeof(b));
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	close(r);
	close(u);
}

/* Writes to the console (as /init's output does); /dev/tty needs a
 * controlling terminal, which a host run under ctest lacks (ENXIO). */
static void dev_console_and_tty_open(void)
{
	int fd = open("/dev/console", O_WRONLY | O_NOCTTY);

	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == ENXIO)) {
		ktap_skip("no console to open here");
		return;
	}
	EXPECT(fd >= 0);
	close(fd);
	fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	EXPECT(fd >= 0 || errno == ENXIO);
	if (fd >= 0)
		close(fd);
}

static const struct ktap_case dev_cases[] = {
	KTAP_CASE(dev_nodes_have_linux_numbers),
	KTAP_CASE(dev_null_swallows_and_reads_empty),
	KTAP_CASE(dev_zero_and_full),
	KTAP_CASE(dev_random_gives_different_bytes),
	KTAP_CASE(dev_console_and_tty_open),
};

KTAP_MAIN("dev", dev_cases)
