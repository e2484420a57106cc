/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Copying between the kernel and user memory (uaccess.S, uaccess.c). Every
 * user pointer a system call receives goes through these: they check that
 * the range lies in user space, open SMAP's window (stac/clac) only for the
 * copy itself, and recover from a fault: a page the virtual-memory
 * component cannot supply ends the copy with -EFAULT, never a panic.
 * A fault on a user page first goes to the platform's page-fault handler
 * (<tessera/usermode.h>), so demand paging and copy-on-write work inside
 * a copy.
 *
 * Context: thread context with interrupts enabled (a fault may allocate).
 */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef __user
#define __user
#endif

/* Whether [addr, addr + len) lies inside user space (no overflow). */
bool user_range_ok(uint64_t addr, size_t len);

/* 0, or -EFAULT when any byte could not be read / written. */
int copy_from_user(void *dst, const void __user *src, size_t len);
int copy_to_user(void __user *dst, const void *src, size_t len);
/* Writes len zero bytes to user memory: 0 or -EFAULT. */
int clear_user(void __user *dst, size_t len);

/**
 * strncpy_from_user() - Copy a NUL-terminated user string.
 * @dst: receives at most @size bytes, NUL included.
 * @src: the user string.
 * @size: the room at @dst.
 *
 * Return: the string's length without its NUL; -ENAMETOOLONG when it does
 * not fit in @size bytes with its NUL; -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t size);

#endif
