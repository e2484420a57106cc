/* SPDX-License-Identifier: Apache-2.0 */
/* The smallest user program: what user/README.md builds with
 * `musl-gcc -static hello.c -o hello` and packs with CONFIG_INITRAMFS_SOURCE. */
#include <stdio.h>

int main(void)
{
	printf("hello from user space\n");
	return 0;
}
