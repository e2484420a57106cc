/* SPDX-License-Identifier: Apache-2.0 */
/* Memory calls: brk, anonymous and private file mmap, munmap, mprotect,
 * their error cases, and SIGSEGV (in a child) for PROT_NONE, read-only and
 * unmapped pages. Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MEM_PAGE 4096ul

static void mem_brk_grows_and_shrinks(void)
{
	uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
	uintptr_t grown = (uintptr_t)syscall(SYS_brk, start + 64 * MEM_PAGE);

	if (!EXPECT(start != 0) || !EXPECT(grown == start + 64 * MEM_PAGE))
		return;
	memset((void *)start, 0x5a, 64 * MEM_PAGE);
	EXPECT(((volatile unsigned char *)start)[64 * MEM_PAGE - 1] == 0x5a);
	EXPECT((uintptr_t)syscall(SYS_brk, start + MEM_PAGE) == start + MEM_PAGE);
	/* Growing again gives zeroed memory, not what was written before. */
	EXPECT((uintptr_t)syscall(SYS_brk, start + 2 * MEM_PAGE) == start + 2 * MEM_PAGE);
	EXPECT(((volatile unsigned char *)start)[MEM_PAGE + 8] == 0);
	/* Below the start, brk refuses and reports the current break. */
	EXPECT((uintptr_t)syscall(SYS_brk, start - MEM_PAGE) == start + 2 * MEM_PAGE);
	EXPECT((uintptr_t)syscall(SYS_brk, start) == start);
}

static void mem_mmap_anonymous_zeroed_and_writable(void)
{
	size_t len = 256 * MEM_PAGE;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED))
		return;
	EXPECT(((uintptr_t)p & (MEM_PAGE - 1)) == 0);
	bool zero = true;
	for (size_t i = 0; i < len; i += 512)
		zero &= p[i] == 0;
	EXPECT(zero);
	for (size_t i = 0; i < len; i += MEM_PAGE)
		p[i] = (unsigned char)(i / MEM_PAGE);
	EXPECT(p[17 * MEM_PAGE] == 17);
	EXPECT(munmap(p, len) == 0);
}

static void mem_mmap_fixed_and_hint(void)
{
	unsigned char *p = mmap(NULL, 4 * MEM_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED))
		return;
	p[MEM_PAGE] = 1;
	unsigned char *q = mmap(p + MEM_PAGE, MEM_PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT(q == p + MEM_PAGE);
	EXPECT(q[0] == 0); /* MAP_FIXED replaced the old page */
	EXPECT(munmap(p, 4 * MEM_PAGE) == 0);
}

static void mem_mmap_errors(void)
{
	EXPECT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	EXPECT(mmap(NULL, MEM_PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	EXPECT(mmap(NULL, MEM_PAGE, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF);
	EXPECT(mmap((void *)0x1001, MEM_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
		       MAP_FAILED && errno == EINVAL);
	EXPECT_ERR(munmap((void *)0x1001, MEM_PAGE), EINVAL);
	EXPECT_ERR(munmap(NULL, 0), EINVAL);
	/* Raw: musl rounds mprotect's address down to a page itself. */
	EXPECT_ERR(syscall(SYS_mprotect, 0x1001ul, MEM_PAGE, PROT_READ), EINVAL);
	EXPECT_ERR(mprotect((void *)0x10000000, MEM_PAGE, PROT_READ), ENOMEM);
	/* Unmapping what is not mapped is not an error (Linux). */
	EXPECT(munmap((void *)0x10000000, MEM_PAGE) == 0);
}

static void mem_touch(void *addr)
{
	*(volatile unsigned char *)addr = 1;
}

static bool mem_touch_segfaults(void *addr)
{
	int status = ktap_child(mem_touch, addr);

	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void mem_protection_faults_in_child(void)
{
	unsigned char *p = mmap(NULL, 3 * MEM_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED))
		return;
	EXPECT(mem_touch_segfaults(p));
	EXPECT(mprotect(p, MEM_PAGE, PROT_READ | PROT_WRITE) == 0);
	EXPECT(!mem_touch_segfaults(p));
	p[0] = 7;
	EXPECT(mprotect(p, MEM_PAGE, PROT_READ) == 0);
	EXPECT(p[0] == 7);
	EXPECT(mem_touch_segfaults(p));
	EXPECT(munmap(p, 3 * MEM_PAGE) == 0);
	EXPECT(mem_touch_segfaults(p + MEM_PAGE));
}

/* A file of 3 pages with a known pattern in a fresh temporary directory. */
static int mem_pattern_file(char *path, size_t size)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, size, "%s/mem-map-XXXXXX", tmp);
	int fd = mkstemp(path);
	unsigned char buf[3 * MEM_PAGE];

	if (fd < 0)
		return -1;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7);
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void mem_mmap_private_file(void)
{
	char path[256];
	int fd = mem_pattern_file(path, sizeof(path));

	if (!EXPECT(fd >= 0))
		return;
	unsigned char *p = mmap(NULL, 3 * MEM_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unsigned char *off = mmap(NULL, MEM_PAGE, PROT_READ, MAP_PRIVATE, fd, MEM_PAGE);
	if (EXPECT(p != MAP_FAILED) && EXPECT(off != MAP_FAILED)) {
		EXPECT(p[5] == 35 && p[2 * MEM_PAGE + 1] == (unsigned char)((2 * MEM_PAGE + 1) * 7));
		EXPECT(off[3] == (unsigned char)((MEM_PAGE + 3) * 7));
		p[5] = 0xee; /* private: the file keeps its byte */
		unsigned char c = 0;
		EXPECT(pread(fd, &c, 1, 5) == 1 && c == 35);
		munmap(p, 3 * MEM_PAGE);
		munmap(off, MEM_PAGE);
	}
	EXPECT(mmap(NULL, MEM_PAGE, PROT_READ, MAP_PRIVATE, fd, 1) == MAP_FAILED && errno == EINVAL);
	close(fd);
	unlink(path);
}

static void mem_large_lazy_mapping(void)
{
	size_t len = 64ul << 20;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(p != MAP_FAILED))
		return;
	/* Touch one page in 64: demand paging backs only those. */
	for (size_t i = 0; i < len; i += 64 * MEM_PAGE)
		p[i] = 1;
	EXPECT(p[len - 64 * MEM_PAGE] == 1 && p[len - 1] == 0);
	EXPECT(munmap(p, len) == 0);
}

static const struct ktap_case mem_cases[] = {
	KTAP_CASE(mem_brk_grows_and_shrinks),
	KTAP_CASE(mem_mmap_anonymous_zeroed_and_writable),
	KTAP_CASE(mem_mmap_fixed_and_hint),
	KTAP_CASE(mem_mmap_errors),
	KTAP_CASE(mem_protection_faults_in_child),
	KTAP_CASE(mem_mmap_private_file),
	KTAP_CASE(mem_large_lazy_mapping),
};

KTAP_MAIN("mem", mem_cases)
