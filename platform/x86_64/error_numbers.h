/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The error numbers the platform's functions return, negated: Linux's, as
 * idl/errno.idl declares them. The platform is compiled without idlc's
 * headers (its test kernel has no configuration), so it cannot include
 * <tessera/errno.h>; these definitions are token for token the same.
 */
#ifndef TESSERA_X86_64_ERROR_NUMBERS_H
#define TESSERA_X86_64_ERROR_NUMBERS_H

#define ENOENT 2
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define ENODEV 19
#define EINVAL 22
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38

#endif
