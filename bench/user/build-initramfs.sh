#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the benchmark programs (static musl: the same binaries boot on
# Tessera and on Linux) and packs them into a cpio newc initramfs:
#   /init   init.c: first line, runs /bench, powers off
#   /bench  bench.c and bench_*.c: the micro-benchmarks
#   /nop    nop.c: what fork_exec_wait executes
# The archive is packed with Debian's `cpio -o -H newc` (the project's own
# packer for the build's initramfs is not in place yet), entries sorted and
# owned by root so the bytes depend only on the programs.
# Called by run.sh; usable alone.
# Usage: build-initramfs.sh OUT_DIR       prints OUT_DIR/initramfs.cpio
set -euo pipefail

if [[ $# -ne 1 ]]; then
	echo "usage: build-initramfs.sh OUT_DIR" >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$1
for tool in musl-gcc cpio; do
	command -v "$tool" >/dev/null ||
		{ echo "build-initramfs: needs $tool (Debian: apt-get install musl-tools cpio)" >&2; exit 1; }
done

cflags=(-static -O2 -std=gnu11 -Wall -Wextra -Werror)
rm -rf "$out/root"
mkdir -p "$out/root"
musl-gcc "${cflags[@]}" -o "$out/root/init" "$here/init.c"
musl-gcc "${cflags[@]}" -o "$out/root/bench" "$here"/bench.c "$here"/bench_*.c
musl-gcc "${cflags[@]}" -o "$out/root/nop" "$here/nop.c"
(cd "$out/root" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc --quiet -R 0:0 --reproducible) >"$out/initramfs.cpio.tmp"
mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
echo "$out/initramfs.cpio"
