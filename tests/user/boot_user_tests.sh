#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boots a kernel in QEMU with an initramfs and tests=1, so /init runs every
# program in /tests and prints one KTAP document; checks that document in
# the serial log (complete, nothing "not ok") and the guest's exit status.
# For ctest once the kernel runs user programs (the integrator wires it, per
# defconfig and scheduler); by hand:
#   tests/user/boot_user_tests.sh build/tessera.elf build/initramfs.cpio [-M pc] [-a "more cmdline"]
# Exit status: 0 passed; 1 a test failed, the document is incomplete or the
# guest failed (the log says which).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
kernel=$1 initrd=$2
shift 2
machine=microvm extra=""
while getopts "M:a:" opt; do
	case $opt in
	M) machine=$OPTARG ;;
	a) extra=$OPTARG ;;
	*) echo "usage: boot_user_tests.sh KERNEL INITRD [-M pc|microvm] [-a CMDLINE]" >&2; exit 2 ;;
	esac
done
log=$(mktemp "${TMPDIR:-/tmp}/tessera-user-boot.XXXXXX")
trap 'rm -f "$log"' EXIT

"$src/platform/x86_64/qemu-run.sh" -M "$machine" -m 256M -t 600 -a "tests=1 $extra" -i "$initrd" "$kernel" \
	>"$log" 2>&1
status=$?
cat "$log"
grep -q '^init: started (pid 1)' <(tr -d '\r' <"$log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //') ||
	{ echo "boot_user_tests: /init never started"; exit 1; }
# The kernel's own self-test document comes first; /init's starts after its
# first line.
sed -n '/init: started (pid/,$p' "$log" >"$log.init"
"$here/ktap_check.sh" "$log.init"
ktap=$?
rm -f "$log.init"
[ $ktap -eq 0 ] || exit 1
[ $status -eq 0 ] || { echo "boot_user_tests: the guest ended with status $status"; exit 1; }
