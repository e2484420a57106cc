#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The least RAM (QEMU -m, in KiB, to STEP KiB) a guest boots in with the
# benchmark initramfs: a boot counts when /init prints its first line
# (boot.sh first-line) within RAM_TIMEOUT seconds. Binary search between 0
# and HI KiB, assuming that a guest that boots in n KiB boots in more.
# Called by run.sh; usable alone.
# Usage: min-ram.sh MACHINE KERNEL INITRD CMDLINE [HI]
#        (HI=262144 KiB, i.e. 256 MiB; STEP=256; RAM_TIMEOUT=10)
# Prints the KiB count, or ">HI" when even HI fails.
set -uo pipefail

if [[ $# -lt 4 ]]; then
	echo "usage: min-ram.sh MACHINE KERNEL INITRD CMDLINE [HI]" >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
machine=$1 kernel=$2 initrd=$3 cmdline=$4 hi=${5:-262144} step=${STEP:-256}

# A guest short of memory may hang without a word (Linux does below about
# 64 MiB), so a failing boot can cost the whole timeout.
ram_boots()
{
	"$here/boot.sh" first-line "$machine" "${1}K" "$kernel" "$initrd" "$cmdline" \
		"${RAM_TIMEOUT:-10}" | grep -q '^boot end=first-line'
}

if ! ram_boots "$hi"; then
	echo ">$hi"
	exit 0
fi
lo=0 # fails; hi boots
while ((hi - lo > step)); do
	mid=$(((lo + hi) / 2 / step * step))
	((mid > lo)) || mid=$((lo + step))
	if ram_boots "$mid"; then
		hi=$mid
	else
		lo=$mid
	fi
done
echo "$hi"
