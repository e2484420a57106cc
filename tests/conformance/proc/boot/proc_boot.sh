#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boots a kernel that has the process layer (CONFIG_PROC_UNIX with vm,
# vfs, ramfs, devfs and the initramfs unpacker) with a cpio whose /init is
# proc_init_test.c built by musl-gcc -static, and checks what it printed:
# every KTAP line ok, "init exited with status 0", and QEMU's status 0.
#
# Usage: proc_boot.sh KERNEL.elf   (environment: CMDLINE, MACHINE, TIMEOUT)
set -euo pipefail

kernel=${1:?usage: proc_boot.sh KERNEL.elf}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/root/dev" "$work/root/proc"
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$work/root/init" "$here/proc_init_test.c"
(cd "$work/root" && find . | cpio -o -H newc --quiet) >"$work/initrd.cpio"

set +e
"$root/platform/x86_64/qemu-run.sh" -M "${MACHINE:-microvm}" -t "${TIMEOUT:-120}" \
	-i "$work/initrd.cpio" -a "${CMDLINE:-}" "$kernel" | tee "$work/out"
status=${PIPESTATUS[0]}
set -e

fail=0
if ! grep -q "^ok 1 init_is_pid_1" "$work/out"; then
	echo "proc_boot: /init printed no results" >&2
	fail=1
fi
if grep -q "^not ok" "$work/out"; then
	echo "proc_boot: failed cases:" >&2
	grep "^not ok" "$work/out" >&2
	fail=1
fi
if ! grep -q "init exited with status 0" "$work/out"; then
	echo "proc_boot: no \"init exited with status 0\" line" >&2
	fail=1
fi
if [[ $status -ne 0 ]]; then
	echo "proc_boot: QEMU status $status" >&2
	fail=1
fi
exit $fail
