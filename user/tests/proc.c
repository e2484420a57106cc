/* SPDX-License-Identifier: Apache-2.0 */
/* Process calls: fork, execve (argv, envp and the auxiliary vector as the
 * program sees them), wait4 status words, exit_group, the id calls, 200
 * processes one after another and 20 at once, copy-on-write isolation, and
 * a child killed by SIGSEGV. Run by /init from /tests and by ctest on the
 * host; re-executes itself (argv[0]) for the execve cases. */
#define _GNU_SOURCE
#include "ktap.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROC_EXEC_MARK "--exec-child"
#define PROC_SEQUENTIAL 200
#define PROC_CONCURRENT 20

static const char *proc_self;

static void proc_fork_returns_child_pid(void)
{
	pid_t parent = getpid();
	int status;
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0)
		_exit(getppid() == parent && getpid() != parent ? 7 : 1);
	if (!EXPECT(pid > 0))
		return;
	EXPECT(wait4(pid, &status, 0, NULL) == pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

static void proc_ids_match(void)
{
	EXPECT(getpid() > 0);
	EXPECT(syscall(SYS_gettid) == getpid());
	EXPECT(getppid() >= 0);
	EXPECT(getpid() != getppid());
}

/* Exit codes 0, 1, 42 and 255 come back in WEXITSTATUS; only the low 8
 * bits of the exit argument count. */
static void proc_wait4_exit_status_words(void)
{
	static const int codes[] = { 0, 1, 42, 255, 256 + 3 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status;
		fflush(stdout);
		pid_t pid = fork();

		if (pid == 0)
			syscall(SYS_exit_group, codes[i]);
		EXPECT(wait4(pid, &status, 0, NULL) == pid);
		EXPECT(WIFEXITED(status) && !WIFSIGNALED(status));
		EXPECT(WEXITSTATUS(status) == (codes[i] & 0xff));
		EXPECT(status == (codes[i] & 0xff) << 8);
	}
}

static void proc_wait4_errors_and_wnohang(void)
{
	int status;
	int pipefd[2];

	EXPECT_ERR(wait4(-1, &status, 0, NULL), ECHILD);
	EXPECT_ERR(wait4(getpid() + 100000, &status, 0, NULL), ECHILD);
	if (!EXPECT(pipe(pipefd) == 0))
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		_exit(read(pipefd[0], &c, 1) == 1 ? 0 : 1);
	}
	EXPECT(wait4(pid, &status, WNOHANG, NULL) == 0);
	EXPECT(write(pipefd[1], "x", 1) == 1);
	EXPECT(wait4(pid, &status, 0, NULL) == pid && status == 0);
	close(pipefd[0]);
	close(pipefd[1]);
}

static void *proc_thread_exit_group(void *arg)
{
	(void)arg;
	syscall(SYS_exit_group, 9);
	return NULL;
}

/* exit_group from a second thread ends the whole process. */
static void proc_exit_group_ends_all_threads(void)
{
	int status;
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, proc_thread_exit_group, NULL);
		for (;;)
			pause();
	}
	EXPECT(wait4(pid, &status, 0, NULL) == pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 9);
}

static void proc_many_sequential(void)
{
	for (int i = 0; i < PROC_SEQUENTIAL; i++) {
		int status;
		fflush(stdout);
		pid_t pid = fork();

		if (pid == 0)
			_exit(i & 0x7f);
		if (!EXPECT(pid > 0) || !EXPECT(wait4(pid, &status, 0, NULL) == pid) ||
		    !EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == (i & 0x7f)))
			return;
	}
}

static void proc_many_concurrent(void)
{
	pid_t pids[PROC_CONCURRENT];
	int pipefd[2];

	if (!EXPECT(pipe(pipefd) == 0))
		return;
	fflush(stdout);
	/* All children exist at once: each blocks until the pipe closes. */
	for (int i = 0; i < PROC_CONCURRENT; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			char c;
			close(pipefd[1]);
			_exit(read(pipefd[0], &c, 1) == 0 ? 20 + i : 1);
		}
		EXPECT(pids[i] > 0);
	}
	close(pipefd[0]);
	close(pipefd[1]);
	for (int i = PROC_CONCURRENT - 1; i >= 0; i--) {
		int status;
		EXPECT(wait4(pids[i], &status, 0, NULL) == pids[i]);
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 20 + i);
	}
}

/* Parent and child each see only their own writes, to the stack, the
 * data segment and the heap. */
static int proc_cow_global = 1;

static void proc_copy_on_write_isolates(void)
{
	int local = 2;
	int *heap = malloc(64 * 1024);
	int to_parent[2], to_child[2];
	char c;

	if (!EXPECT(heap && pipe(to_parent) == 0 && pipe(to_child) == 0))
		return;
	heap[0] = 3;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		proc_cow_global = 10, local = 20, heap[0] = 30;
		if (write(to_parent[1], "w", 1) != 1 || read(to_child[0], &c, 1) != 1)
			_exit(2);
		_exit(proc_cow_global == 10 && local == 20 && heap[0] == 30 ? 0 : 1);
	}
	EXPECT(read(to_parent[0], &c, 1) == 1);
	EXPECT(proc_cow_global == 1 && local == 2 && heap[0] == 3);
	proc_cow_global = 100, local = 200, heap[0] = 300;
	EXPECT(write(to_child[1], "p", 1) == 1);
	int status;
	EXPECT(wait4(pid, &status, 0, NULL) == pid && status == 0);
	EXPECT(proc_cow_global == 100 && local == 200 && heap[0] == 300);
	free(heap);
	close(to_parent[0]), close(to_parent[1]), close(to_child[0]), close(to_child[1]);
	proc_cow_global = 1;
}

/* volatile: the compiler must not see (and reject) the store's target. */
static int *volatile proc_unmapped = (int *)16;

static void proc_segv(void *arg)
{
	(void)arg;
	*proc_unmapped = 1;
}

static void proc_segfault_child_status(void)
{
	int status = ktap_child(proc_segv, NULL);

	EXPECT(status != -1);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	EXPECT(!WIFEXITED(status));
}

/* In the re-executed program: argv, envp and auxv as Linux lays them out. */
static int proc_exec_child(int argc, char **argv, char **envp)
{
	const char *random = (const char *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int bad = 0;

	bad |= argc != 4 || strcmp(argv[2], "two words") || strcmp(argv[3], "") || argv[4] != NULL;
	bad |= (!envp[0] || strcmp(envp[0], "PROC_A=1") || !envp[1] || strcmp(envp[1], "PROC_B=") ||
		envp[2] != NULL) << 1;
	bad |= (getenv("PROC_A") == NULL) << 2;
	bad |= (getauxval(AT_PAGESZ) != 4096) << 3;
	bad |= (!getauxval(AT_PHDR) || getauxval(AT_PHENT) != 56 || !getauxval(AT_PHNUM)) << 4;
	bad |= (!getauxval(AT_ENTRY) || !random || !execfn || strcmp(execfn, proc_self)) << 5;
	bad |= (getauxval(AT_UID) != getuid() || getauxval(AT_EUID) != geteuid() ||
		getauxval(AT_GID) != getgid() || getauxval(AT_SECURE) != 0) << 6;
	/* The stack pointer at entry is 16-byte aligned: argc sits at it. */
	bad |= ((unsigned long)argv & 7) << 7;
	return bad;
}

static void proc_execve_passes_argv_envp_auxv(void)
{
	char *argv[] = { (char *)proc_self, PROC_EXEC_MARK, "two words", "", NULL };
	char *envp[] = { "PROC_A=1", "PROC_B=", NULL };
	int status;
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		execve(proc_self, argv, envp);
		_exit(127);
	}
	EXPECT(wait4(pid, &status, 0, NULL) == pid);
	if (!EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		ktap_diag("exec child status %#x (bits: argv 1, envp 2, getenv 4, pagesz 8, phdr 16, "
			  "entry/random/execfn 32, ids 64, alignment 128)", status);
}

static void proc_execve_errors(void)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };
	char below_file[4096];

	/* A regular file used as a directory. */
	snprintf(below_file, sizeof(below_file), "%s/x", proc_self);
	EXPECT_ERR(execve(below_file, argv, envp), ENOTDIR);
	EXPECT_ERR(execve("/nonexistent/prog", argv, envp), ENOENT);
	EXPECT_ERR(syscall(SYS_execve, NULL, argv, envp), EFAULT);
	EXPECT_ERR(syscall(SYS_execve, (char *)0x8000000000000000ul, argv, envp), EFAULT);
	EXPECT_ERR(execve("/", argv, envp), EACCES);
}

static const struct ktap_case proc_cases[] = {
	KTAP_CASE(proc_fork_returns_child_pid),
	KTAP_CASE(proc_ids_match),
	KTAP_CASE(proc_wait4_exit_status_words),
	KTAP_CASE(proc_wait4_errors_and_wnohang),
	KTAP_CASE(proc_exit_group_ends_all_threads),
	KTAP_CASE(proc_many_sequential),
	KTAP_CASE(proc_many_concurrent),
	KTAP_CASE(proc_copy_on_write_isolates),
	KTAP_CASE(proc_segfault_child_status),
	KTAP_CASE(proc_execve_passes_argv_envp_auxv),
	KTAP_CASE(proc_execve_errors),
};

int main(int argc, char **argv, char **envp)
{
	proc_self = argv[0];
	if (argc > 1 && !strcmp(argv[1], PROC_EXEC_MARK))
		return proc_exec_child(argc, argv, envp);
	return ktap_run("proc", proc_cases, (int)(sizeof(proc_cases) / sizeof(proc_cases[0])));
}
