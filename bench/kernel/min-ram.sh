#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The least RAM (QEMU -m, in KiB, to STEP KiB) a kernel image boots in: a
# boot passes when the kernel prints its self-tests' KTAP and QEMU ends
# with status 0 (the kernel powers off with 0 only when every test passed). Binary search between 0 and HI KiB (assumes that booting
# in n KiB means booting in more). Called by run.sh; usable alone.
# Usage: min-ram.sh MACHINE KERNEL.elf [HI]   (HI=131072, i.e. 128 MiB; STEP=64)
# Prints the KiB count, or ">HI" when even HI fails.
set -uo pipefail

if [[ $# -lt 2 ]]; then
	echo "usage: min-ram.sh MACHINE KERNEL.elf [HI]" >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qemu_run=$here/../../platform/x86_64/qemu-run.sh
machine=$1 kernel=$2 hi=${3:-131072} step=${STEP:-64}

# A boot that fails takes the timeout only when the kernel hangs (below
# about 1 MiB); a panic or QEMU refusing the size ends at once.
ram_boots()
{
	local out

	# A boot cut short can leave NUL bytes in the serial output: drop them.
	out=$("$qemu_run" -M "$machine" -m "${1}K" -t 10 "$kernel" 2>&1 | tr -d '\0'; exit "${PIPESTATUS[0]}") &&
		grep -q '^KTAP version 1' <<<"$out"
}

if ! ram_boots "$hi"; then
	echo ">$hi"
	exit 0
fi
lo=0 # fails; hi passes
while ((hi - lo > step)); do
	mid=$(((lo + hi) / 2 / step * step))
	if ram_boots "$mid"; then
		hi=$mid
	else
		lo=$mid
	fi
done
echo "$hi"
