/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host build's <tessera/uaccess.h>, for components under host tests:
 * the same API as platform/x86_64's, where "user memory" is the test
 * process's own. A range is refused (-EFAULT) as the kernel refuses it:
 * in the first page (NULL), at or above the top of the lower half (a
 * kernel or non-canonical address), or wrapping around. Inside the range
 * the copy is a memcpy, so a test passes pointers to its own buffers.
 */
#ifndef TESSERA_UACCESS_H
#define TESSERA_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tessera/errno.h> /* generated from idl/errno.idl */

#ifndef __user
#define __user
#endif

#define HOST_USER_BOTTOM 0x1000ull
#define HOST_USER_TOP 0x0000800000000000ull

static inline bool user_range_ok(uint64_t addr, size_t len)
{
	if (len == 0)
		return true;
	return addr >= HOST_USER_BOTTOM && addr < HOST_USER_TOP && len <= HOST_USER_TOP - addr;
}

static inline int copy_from_user(void *dst, const void __user *src, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)src, len))
		return -EFAULT;
	memcpy(dst, src, len);
	return 0;
}

static inline int copy_to_user(void __user *dst, const void *src, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)dst, len))
		return -EFAULT;
	memcpy(dst, src, len);
	return 0;
}

static inline int clear_user(void __user *dst, size_t len)
{
	if (!user_range_ok((uint64_t)(uintptr_t)dst, len))
		return -EFAULT;
	memset(dst, 0, len);
	return 0;
}

/* Reads byte by byte so a string that ends just before a bad page is fine. */
static inline long strncpy_from_user(char *dst, const char __user *src, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		if (!user_range_ok((uint64_t)(uintptr_t)(src + i), 1))
			return -EFAULT;
		dst[i] = src[i];
		if (dst[i] == 0)
			return (long)i;
	}
	return -ENAMETOOLONG;
}

#endif
