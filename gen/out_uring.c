/* SPDX-License-Identifier: Apache-2.0 */
/*
 * out.c's batch writer on io_uring: a batch of up to OUT_BATCH_FILES files
 * costs one or two io_uring_enter calls (compare, then write) instead of
 * three or four system calls per file, each of which costs about 1.5 us in
 * the virtual machines idlc is timed in. main.c starts it (out_uring.h);
 * out_flush() calls it.
 */
#include "out_uring.h"

#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each file is a chain of three linked operations: open into a direct
 * descriptor (slot i of the ring's own file table, no process fd), read or
 * write, close. A failed link cancels the rest of its chain. */
enum { URING_OPS = 3, URING_ENTRIES = 1024 };
_Static_assert(URING_ENTRIES >= URING_OPS * OUT_BATCH_FILES, "a whole batch fits in the ring");

/* Files from this size on go the plain way: one read or write must do. */
#define URING_MAX_LEN (1u << 30)

enum uring_step { URING_OPEN, URING_IO, URING_CLOSE };

/* What the kernel answered for one file's chain. */
struct uring_result {
	int res[URING_OPS];
};

static struct io_uring uring;
static bool uring_ready;
static char *uring_scratch; /* the files' old contents, read to compare */
static size_t uring_scratch_cap;

static void uring_prep_chain(unsigned slot, const char *path, int flags, struct uring_result *r)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&uring);

	io_uring_prep_openat_direct(sqe, AT_FDCWD, path, flags, 0666, slot);
	sqe->flags |= IOSQE_IO_LINK;
	io_uring_sqe_set_data64(sqe, (uint64_t)slot * URING_OPS + URING_OPEN);
	for (int step = 0; step < URING_OPS; step++)
		r->res[step] = -ECANCELED;
}

/* The read or write of the chain just begun, then its close. */
static void uring_prep_io(unsigned slot, bool writing, const char *buf, size_t len)
{
	struct io_uring_sqe *io = io_uring_get_sqe(&uring);
	struct io_uring_sqe *done = io_uring_get_sqe(&uring);

	if (writing)
		io_uring_prep_write(io, (int)slot, buf, (unsigned)len, 0);
	else
		io_uring_prep_read(io, (int)slot, (char *)buf, (unsigned)len, 0);
	io->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
	io_uring_sqe_set_data64(io, (uint64_t)slot * URING_OPS + URING_IO);
	io_uring_prep_close_direct(done, slot);
	io_uring_sqe_set_data64(done, (uint64_t)slot * URING_OPS + URING_CLOSE);
}

static unsigned uring_take_completions(struct uring_result *results)
{
	struct io_uring_cqe *cqe;
	unsigned head, n = 0;

	io_uring_for_each_cqe(&uring, head, cqe) {
		uint64_t id = io_uring_cqe_get_data64(cqe);

		results[id / URING_OPS].res[id % URING_OPS] = cqe->res;
		n++;
	}
	io_uring_cq_advance(&uring, n);
	return n;
}

/* The ring failed with nothing of ours left in the kernel: stop using it, so
 * out.c writes this batch and every later one the plain way. */
static int uring_give_up(int err)
{
	io_uring_queue_exit(&uring);
	uring_ready = false;
	return err;
}

/* Submits the chains prepared and waits for their want completions. */
static int uring_run(unsigned want, struct uring_result *results)
{
	unsigned submitted = 0, got = 0;

	while (got < want) {
		int ret = io_uring_submit_and_wait(&uring, want - got);

		if (ret > 0)
			submitted += (unsigned)ret;
		/* On an error, wait for what is in the kernel before giving up:
		 * it still reads or writes our buffers. */
		if (ret < 0 && ret != -EINTR && submitted == got)
			return uring_give_up(ret);
		got += uring_take_completions(results);
	}
	return 0;
}

static bool uring_is_eligible(const struct out_file *f)
{
	return uring_ready && f->len < URING_MAX_LEN;
}

static int uring_reserve_scratch(size_t size)
{
	if (size <= uring_scratch_cap)
		return 0;
	char *p = realloc(uring_scratch, size);

	if (!p)
		return -ENOMEM;
	uring_scratch = p;
	uring_scratch_cap = size;
	return 0;
}

/* Reads the old contents of every file that may have some; a file found
 * holding exactly its new bytes is done (err 0). Reading len + 1 bytes tells
 * a longer file from an equal one without a stat. */
static int uring_compare(struct out_file *files, size_t n, struct uring_result *results)
{
	size_t total = 0, at = 0;
	unsigned ops = 0;

	for (size_t i = 0; i < n; i++)
		if (!files[i].in_new_dir && uring_is_eligible(&files[i]))
			total += files[i].len + 1;
	if (total == 0)
		return 0;
	int err = uring_reserve_scratch(total);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++) {
		if (files[i].in_new_dir || !uring_is_eligible(&files[i]))
			continue;
		uring_prep_chain((unsigned)i, files[i].path, O_RDONLY, &results[i]);
		uring_prep_io((unsigned)i, false, uring_scratch + at, files[i].len + 1);
		ops += URING_OPS;
		at += files[i].len + 1;
	}
	err = uring_run(ops, results);
	at = 0;
	for (size_t i = 0; i < n && !err; i++) {
		if (files[i].in_new_dir || !uring_is_eligible(&files[i]))
			continue;
		if (results[i].res[URING_IO] == (int)files[i].len &&
		    memcmp(uring_scratch + at, files[i].data, files[i].len) == 0)
			files[i].err = 0;
		at += files[i].len + 1;
	}
	return err;
}

/* Writes every file not found unchanged. A chain that fails in any way is
 * left to out.c, whose plain write reports a real error with its errno. */
static int uring_write_changed(struct out_file *files, size_t n, struct uring_result *results)
{
	unsigned ops = 0;

	for (size_t i = 0; i < n; i++) {
		if (files[i].err != -EAGAIN || !uring_is_eligible(&files[i]))
			continue;
		uring_prep_chain((unsigned)i, files[i].path, O_WRONLY | O_CREAT | O_TRUNC, &results[i]);
		uring_prep_io((unsigned)i, true, files[i].data, files[i].len);
		ops += URING_OPS;
	}
	if (ops == 0)
		return 0;
	int err = uring_run(ops, results);
	for (size_t i = 0; i < n && !err; i++) {
		const struct uring_result *r = &results[i];

		if (files[i].err == -EAGAIN && uring_is_eligible(&files[i]) && r->res[URING_OPEN] >= 0 &&
		    r->res[URING_IO] == (int)files[i].len && r->res[URING_CLOSE] == 0)
			files[i].err = 0;
	}
	return err;
}

/* Files the ring could not handle keep err -EAGAIN: out.c writes those. */
static void uring_write_batch(struct out_file *files, size_t n)
{
	struct uring_result results[OUT_BATCH_FILES];

	if (uring_compare(files, n, results) == 0)
		uring_write_changed(files, n, results);
}

static bool uring_is_turned_off(void)
{
	const char *env = getenv("IDLC_NO_URING");

	return env && *env && strcmp(env, "0") != 0;
}

out_batch_fn *out_uring_start(void)
{
	/* Completions are only needed when we wait for them: no interrupts. */
	struct io_uring_params p = { .flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN };
	int err;

	if (uring_ready || uring_is_turned_off())
		return uring_ready ? uring_write_batch : NULL;
	err = io_uring_queue_init_params(URING_ENTRIES, &uring, &p);
	if (err == -EINVAL) { /* kernels before 6.1 */
		memset(&p, 0, sizeof(p));
		err = io_uring_queue_init_params(URING_ENTRIES, &uring, &p);
	}
	if (err) /* -ENOSYS, or -EPERM under kernel.io_uring_disabled */
		return NULL;
	if (io_uring_register_files_sparse(&uring, OUT_BATCH_FILES) < 0) {
		io_uring_queue_exit(&uring);
		return NULL;
	}
	uring_ready = true;
	return uring_write_batch;
}

void out_uring_stop(void)
{
	if (uring_ready)
		io_uring_queue_exit(&uring);
	uring_ready = false;
	free(uring_scratch);
	uring_scratch = NULL;
	uring_scratch_cap = 0;
}
