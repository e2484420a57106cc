/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building a new program's memory in the active (new) address space: its
 * PT_LOAD segments read from the file, and its stack. Used by proc_exec.c.
 */
#ifndef PROC_UNIX_EXEC_LOAD_H
#define PROC_UNIX_EXEC_LOAD_H

#include "elf_parse.h"
#include "exec_stack.h"
#include "proc.h"

/* Where the main thread's stack ends, and how much is mapped at first
 * (the vm grows a VM_MAP_STACK area downwards on faults). */
#define EXEC_STACK_TOP MMU_USER_END
#define EXEC_STACK_INITIAL (128u * 1024u)
/* Programs must end this far below the stack top: room for it to grow. */
#define EXEC_STACK_RESERVE (64ull << 20)

/* 0, -ENOMEM, -EFAULT, -EIO or -ENOEXEC (the file is shorter than its headers say). */
int exec_load_segments(struct vm_space *mm, struct vfs_file *file, const struct elf_image *img);
/* Maps the stack and writes @in's image; *sp receives the stack pointer. */
int exec_load_stack(struct vm_space *mm, const struct exec_stack_in *in, uint64_t *sp);

#endif
