#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boot-time figures for the platform: QEMU start -> first serial line and
# QEMU start -> QEMU exit, median of RUNS boots, on -M microvm and -M pc,
# for a kernel image and for the floor (tests/floor.S, a kernel that prints
# one line and exits at once), measured in the same run, one QEMU at a time.
# Usage: boot-time.sh FLOOR.elf KERNEL.elf [CMDLINE]   (RUNS=5, ACCEL, BIOS)
set -euo pipefail

if [[ $# -lt 2 ]]; then
	echo "usage: boot-time.sh FLOOR.elf KERNEL.elf [CMDLINE]" >&2
	exit 2
fi
floor=$1
kernel=$2
cmdline=${3:-}
runs=${RUNS:-5}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Wall-clock nanoseconds without a fork (bash 5's EPOCHREALTIME).
boot_now()
{
	local t=${EPOCHREALTIME/[.,]/}

	now=$((10#$t * 1000))
}

# boot_once MACHINE IMAGE: sets first and total (ns). QEMU starts directly,
# not through qemu-run.sh, so no shell start-up is counted.
boot_once()
{
	local -a cmd
	local fd line t0

	mapfile -t cmd < <("$here/qemu-run.sh" -n -M "$1" -a "$cmdline" "$2")
	boot_now
	t0=$now
	exec {fd}< <(exec timeout 60 "${cmd[@]}" </dev/null 2>/dev/null)
	IFS= read -r -u "$fd" line || true
	boot_now
	first=$((now - t0))
	cat <&"$fd" >/dev/null
	boot_now
	total=$((now - t0))
	exec {fd}<&-
}

boot_median()
{
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1e6 }'
}

printf '%-8s %-30s %16s %16s\n' machine image "first line (ms)" "exit (ms)"
for machine in microvm pc; do
	declare -a floor_first=() floor_total=() kernel_first=() kernel_total=()
	# Interleaved, so drifts in the host's speed hit both alike.
	for ((r = 0; r < runs; r++)); do
		boot_once "$machine" "$floor"
		floor_first+=("$first") floor_total+=("$total")
		boot_once "$machine" "$kernel"
		kernel_first+=("$first") kernel_total+=("$total")
	done
	printf '%-8s %-30s %16s %16s\n' "$machine" "$(basename "$floor")" \
		"$(boot_median "${floor_first[@]}")" "$(boot_median "${floor_total[@]}")"
	printf '%-8s %-30s %16s %16s\n' "$machine" "$(basename "$kernel")" \
		"$(boot_median "${kernel_first[@]}")" "$(boot_median "${kernel_total[@]}")"
done
