/* SPDX-License-Identifier: Apache-2.0 */
/* Threads: pthread_create/join (clone as musl uses it; join waits on the
 * child-tid word the kernel clears and wakes; set_tid_address moves that
 * word), mutexes and raw futex wait
 * and wake, per-thread TLS through arch_prctl's FS base, thread ids.
 * Run by /init from /tests and by ctest on the host. */
#define _GNU_SOURCE
#include "ktap.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

/* The Linux ABI's numbers (musl-gcc has no kernel headers). */
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | 128)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | 128)

#define THREADS_COUNT 4
#define THREADS_ROUNDS 20000

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static long threads_counter;
static __thread long threads_tls = 5;

static void *threads_count_up(void *arg)
{
	for (int i = 0; i < THREADS_ROUNDS; i++) {
		pthread_mutex_lock(&threads_lock);
		threads_counter++;
		pthread_mutex_unlock(&threads_lock);
	}
	threads_tls += (long)(intptr_t)arg;
	return (void *)(intptr_t)(threads_tls + 1000 * (syscall(SYS_gettid) != getpid()));
}

static void threads_create_join_with_mutex(void)
{
	pthread_t t[THREADS_COUNT];

	threads_counter = 0;
	for (intptr_t i = 0; i < THREADS_COUNT; i++)
		EXPECT(pthread_create(&t[i], NULL, threads_count_up, (void *)i) == 0);
	for (intptr_t i = 0; i < THREADS_COUNT; i++) {
		void *ret = NULL;
		EXPECT(pthread_join(t[i], &ret) == 0);
		/* Each thread saw its own TLS copy (5 + i) and its own tid. */
		EXPECT((intptr_t)ret == 1005 + i);
	}
	EXPECT(threads_counter == (long)THREADS_COUNT * THREADS_ROUNDS);
	EXPECT(threads_tls == 5);
}

static long threads_futex(uint32_t *word, int op, uint32_t val, const struct timespec *timeout)
{
	return syscall(SYS_futex, word, op, val, timeout, NULL, 0);
}

static uint32_t threads_flag;

static void *threads_wake_later(void *arg)
{
	(void)arg;
	struct timespec ms = { 0, 20 * 1000 * 1000 };
	nanosleep(&ms, NULL);
	__atomic_store_n(&threads_flag, 1, __ATOMIC_SEQ_CST);
	threads_futex(&threads_flag, FUTEX_WAKE_PRIVATE, 1, NULL);
	return NULL;
}

static void threads_futex_wait_wake(void)
{
	struct timespec short_wait = { 0, 10 * 1000 * 1000 };
	pthread_t t;

	threads_flag = 0;
	EXPECT_ERR(threads_futex(&threads_flag, FUTEX_WAIT_PRIVATE, 1, NULL), EAGAIN);
	EXPECT_ERR(threads_futex(&threads_flag, FUTEX_WAIT_PRIVATE, 0, &short_wait), ETIMEDOUT);
	EXPECT(threads_futex(&threads_flag, FUTEX_WAKE_PRIVATE, 1, NULL) == 0);
	EXPECT_ERR(threads_futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL), EFAULT);
	EXPECT_ERR(threads_futex((uint32_t *)((uintptr_t)&threads_flag + 1), FUTEX_WAIT_PRIVATE, 0, NULL), EINVAL);
	if (!EXPECT(pthread_create(&t, NULL, threads_wake_later, NULL) == 0))
		return;
	while (!__atomic_load_n(&threads_flag, __ATOMIC_SEQ_CST)) {
		long r = threads_futex(&threads_flag, FUTEX_WAIT_PRIVATE, 0, NULL);
		EXPECT(r == 0 || errno == EAGAIN || errno == EINTR);
	}
	EXPECT(pthread_join(t, NULL) == 0);
}

/* Set by the thread, then cleared to 0 and woken by the kernel at its exit
 * (CLONE_CHILD_CLEARTID through set_tid_address). */
static volatile pid_t threads_tid_word;
static volatile int threads_may_exit;

static void *threads_set_tid_address(void *arg)
{
	(void)arg;
	syscall(SYS_set_tid_address, &threads_tid_word);
	threads_tid_word = (pid_t)syscall(SYS_gettid);
	while (!threads_may_exit)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	return NULL;
}

static void threads_exit_clears_child_tid(void)
{
	struct timespec second = { 1, 0 };
	pthread_t t;

	threads_tid_word = 0;
	threads_may_exit = 0;
	if (!EXPECT(pthread_create(&t, NULL, threads_set_tid_address, NULL) == 0))
		return;
	for (int i = 0; i < 1000 && threads_tid_word == 0; i++)
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	pid_t seen = threads_tid_word;
	EXPECT(seen > 0 && seen != getpid());
	threads_may_exit = 1;
	/* Not joined: musl's join waits for the word it registered at clone,
	 * which this thread replaced (joining is what the first case checks). */
	pthread_detach(t);
	/* Waits until the kernel clears the word (or one second passes). */
	while (threads_tid_word == seen &&
	       threads_futex((uint32_t *)&threads_tid_word, FUTEX_WAIT, (uint32_t)seen, &second) == 0)
		;
	EXPECT(threads_tid_word == 0);
}

static void threads_arch_prctl_fs_base(void)
{
	unsigned long fs = 0;

	EXPECT(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0);
	/* musl's thread pointer is the FS base and points at itself. */
	EXPECT(fs != 0 && fs == (unsigned long)pthread_self());
	EXPECT(*(unsigned long *)fs == fs);
	EXPECT(syscall(SYS_arch_prctl, ARCH_SET_FS, fs) == 0);
	EXPECT(threads_tls == 5);
	EXPECT_ERR(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
	EXPECT_ERR(syscall(SYS_arch_prctl, ARCH_GET_FS, NULL), EFAULT);
}

static const struct ktap_case threads_cases[] = {
	KTAP_CASE(threads_create_join_with_mutex),
	KTAP_CASE(threads_futex_wait_wake),
	KTAP_CASE(threads_exit_clears_child_tid),
	KTAP_CASE(threads_arch_prctl_fs_base),
};

KTAP_MAIN("threads", threads_cases)
