#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Multiboot2 path: puts the test kernel and an initrd in a GRUB ISO
# (mkiso.sh), boots it on -M pc and checks it like boot_test.sh does.
# Registered by CMakeLists.txt; skips (77) without GRUB's tools or QEMU.
# Usage: grub_test.sh PLATFORM_DIR ELF INITRD CMDLINE REGEX...
set -uo pipefail

if [[ $# -lt 4 ]]; then
	echo "usage: grub_test.sh PLATFORM_DIR ELF INITRD CMDLINE REGEX..." >&2
	exit 2
fi
dir=$1 elf=$2 initrd=$3 cmdline=$4
shift 4

for tool in grub-mkrescue xorriso mformat; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool is not installed (Debian: grub-pc-bin grub-common xorriso mtools)"
		exit 77
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/grub_test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$dir/mkiso.sh" -a "$cmdline" -i "$initrd" "$elf" "$tmp/test.iso" || exit 1
"$dir/tests/boot_test.sh" "$dir/qemu-run.sh" "$tmp/test.iso" pc 0 "" "$@"
