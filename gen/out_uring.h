/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The io_uring batch writer for out.c (see out_batch_begin()). main.c starts
 * one in each process that writes outputs and stops it at the end.
 */
#ifndef IDLC_OUT_URING_H
#define IDLC_OUT_URING_H

#include "out.h"

/* Sets up a ring. NULL when io_uring is missing or disabled, or when the
 * environment sets IDLC_NO_URING (to anything but 0): then out.c writes each
 * file with plain system calls. */
out_batch_fn *out_uring_start(void);
/* Releases the ring; a no-op when none was set up. */
void out_uring_stop(void);

#endif
