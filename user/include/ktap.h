/* SPDX-License-Identifier: Apache-2.0 */
/* KTAP v1 output for Tessera's user-space test programs (user/tests/):
 * each program lists its cases in a table, ktap_run() prints the document
 * (one "ok"/"not ok" line a case, "# SKIP" where the case does not apply)
 * and returns the exit status: 0 only when every case passed. Run by
 * /init as a subtest (KTAP_SUBTEST=1 in the environment), every line is
 * indented four spaces, as KTAP nests documents. Header-only: each test
 * program is one file. */
#ifndef TESSERA_USER_KTAP_H
#define TESSERA_USER_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct ktap_case {
	const char *name;
	void (*run)(void);
};

/* The case being run: failed by a false EXPECT, skipped by ktap_skip(). */
static bool ktap_case_failed;
static char ktap_skip_why[160];
static const char *ktap_indent = "";

/* A diagnostic line ("# ..."), part of the document. */
__attribute__((format(printf, 1, 2))) static inline void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("%s# ", ktap_indent);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* The case does not apply here (say why); it reports "ok ... # SKIP why". */
static inline void ktap_skip(const char *why)
{
	snprintf(ktap_skip_why, sizeof(ktap_skip_why), "%s", why);
}

static inline bool ktap_expect(bool ok, const char *what, const char *file, int line)
{
	if (!ok) {
		ktap_diag("%s:%d: expected %s (errno %d %s)", file, line, what, errno, strerror(errno));
		ktap_case_failed = true;
	}
	return ok;
}

static inline bool ktap_expect_err(long ret, int err, int want, const char *call, const char *want_name,
				   const char *file, int line)
{
	if (ret == -1 && err == want)
		return true;
	ktap_diag("%s:%d: %s returned %ld errno %d (%s), expected -1 and %s", file, line, call, ret, err,
		  strerror(err), want_name);
	ktap_case_failed = true;
	return false;
}

/* EXPECT(cond): a false condition fails the case (the case goes on; test
 * the value where going on would crash: if (!EXPECT(p)) return;).
 * EXPECT_ERR(call, E): call returns -1 and sets errno to E. Both are
 * expressions, true when the expectation held. */
#define EXPECT(cond) ktap_expect((cond), #cond, __FILE__, __LINE__)
#define EXPECT_ERR(call, err)                                                                \
	({                                                                                   \
		errno = 0;                                                                   \
		long ktap_ret_ = (long)(call);                                               \
		ktap_expect_err(ktap_ret_, errno, (err), #call, #err, __FILE__, __LINE__);   \
	})

/* Runs every case in order and prints the document; returns the exit
 * status. stdout is flushed after each line, so a child forked by a case
 * never repeats the parent's buffered output. */
static inline int ktap_run(const char *suite, const struct ktap_case *cases, int count)
{
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("KTAP_SUBTEST"))
		ktap_indent = "    ";
	printf("%sKTAP version 1\n%s# Subtest: %s\n%s1..%d\n", ktap_indent, ktap_indent, suite,
	       ktap_indent, count);
	fflush(stdout);
	for (int i = 0; i < count; i++) {
		ktap_skip_why[0] = '\0';
		ktap_case_failed = false;
		cases[i].run();
		if (ktap_skip_why[0] && !ktap_case_failed)
			printf("%sok %d %s # SKIP %s\n", ktap_indent, i + 1, cases[i].name, ktap_skip_why);
		else
			printf("%s%s %d %s\n", ktap_indent, ktap_case_failed ? "not ok" : "ok", i + 1,
			       cases[i].name);
		fflush(stdout);
		failed += ktap_case_failed;
	}
	if (failed)
		ktap_diag("%s: %d of %d failed", suite, failed, count);
	return failed ? 1 : 0;
}

/* Prints the document of a suite that does not apply here (say why): each
 * case "ok ... # SKIP why"; returns the exit status, 0. */
static inline int ktap_skip_all(const char *suite, const struct ktap_case *cases, int count, const char *why)
{
	if (getenv("KTAP_SUBTEST"))
		ktap_indent = "    ";
	printf("%sKTAP version 1\n%s# Subtest: %s\n%s1..%d\n", ktap_indent, ktap_indent, suite, ktap_indent,
	       count);
	for (int i = 0; i < count; i++)
		printf("%sok %d %s # SKIP %s\n", ktap_indent, i + 1, cases[i].name, why);
	fflush(stdout);
	return 0;
}

/* Runs fn(arg) in a child process, which then exits 0; returns the
 * child's wait status, or -1 when fork or wait4 failed. */
static inline int ktap_child(void (*fn)(void *), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* A fresh directory for a case's files, under $TMPDIR (the host runs set
 * it) or /tmp (the initramfs has it); its path goes into buf. */
static inline bool ktap_tmpdir(char *buf, size_t size, const char *what)
{
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	snprintf(buf, size, "%s/%s-XXXXXX", base, what);
	return mkdtemp(buf) != NULL;
}

#define KTAP_CASE(fn) { #fn, fn }
#define KTAP_MAIN(suite, table) \
	int main(void) { return ktap_run(suite, table, (int)(sizeof(table) / sizeof(table[0]))); }

#endif
