/* SPDX-License-Identifier: Apache-2.0 */
/* System information calls: uname, getrandom, the uid/gid calls (root),
 * umask. Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static void sys_uname_describes_x86_64(void)
{
	struct utsname u;

	EXPECT(uname(&u) == 0);
	EXPECT(u.sysname[0] && u.release[0] && u.version[0] && u.nodename[0] != '\0');
	EXPECT(!strcmp(u.machine, "x86_64"));
	EXPECT_ERR(syscall(SYS_uname, NULL), EFAULT);
	EXPECT_ERR(syscall(SYS_uname, 0xffffffff80000000ul), EFAULT);
}

static void sys_getrandom_fills_buffers(void)
{
	unsigned char a[64] = { 0 }, b[64] = { 0 };

	EXPECT(getrandom(a, sizeof(a), 0) == (ssize_t)sizeof(a));
	EXPECT(getrandom(b, sizeof(b), GRND_NONBLOCK) == (ssize_t)sizeof(b));
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	EXPECT(getrandom(a, 0, 0) == 0);
	EXPECT_ERR(syscall(SYS_getrandom, NULL, 16, 0), EFAULT);
	EXPECT_ERR(syscall(SYS_getrandom, 0x8000000000000000ul, 16, 0), EFAULT);
	EXPECT_ERR(getrandom(a, sizeof(a), 0x1000), EINVAL);
}

static void sys_ids_are_root(void)
{
	EXPECT(getuid() == 0 && geteuid() == 0);
	EXPECT(getgid() == 0 && getegid() == 0);
}

static void sys_umask_returns_previous(void)
{
	mode_t old = umask(077);

	EXPECT(umask(022) == 077);
	EXPECT(umask(old) == 022);
}

static const struct ktap_case sys_cases[] = {
	KTAP_CASE(sys_uname_describes_x86_64),
	KTAP_CASE(sys_getrandom_fills_buffers),
	KTAP_CASE(sys_ids_are_root),
	KTAP_CASE(sys_umask_returns_previous),
};

KTAP_MAIN("sys", sys_cases)
