#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One boot of a guest (Tessera or Linux) with the benchmark initramfs,
# under TCG through platform/x86_64/qemu-run.sh's QEMU command, timed from
# QEMU's start. Prints, for run.sh and min-ram.sh to parse:
#   boot first_line_us=N           when /init printed its first line
#   bench: begin ... clock_step_ns=N   /bench's first line
#   bench NAME KEY=VALUE...        every result line of /bench
#   boot end=HOW last=LINE         HOW: first-line (MODE first-line: QEMU
#                                  is stopped there), bench (/bench's exit
#                                  was reported), exit (QEMU ended first),
#                                  timeout; LINE: the guest's last line
# QEMU is stopped (by its PID) once it has told what MODE asks: Linux on
# -M microvm has no ACPI and halts rather than powering off.
# Usage: boot.sh first-line|bench MACHINE MEM KERNEL INITRD CMDLINE [SECONDS]
set -uo pipefail

if [[ $# -lt 6 ]]; then
	echo "usage: boot.sh first-line|bench MACHINE MEM KERNEL INITRD CMDLINE [SECONDS]" >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=$1 machine=$2 mem=$3 kernel=$4 initrd=$5 cmdline=$6 seconds=${7:-120}

# Wall-clock microseconds without a fork (bash 5's EPOCHREALTIME).
boot_now_us()
{
	local t=${EPOCHREALTIME/[.,]/}

	echo $((10#$t))
}

mapfile -t cmd < <("$here/../../platform/x86_64/qemu-run.sh" -n -M "$machine" -m "$mem" \
	-i "$initrd" -a "$cmdline" "$kernel")
end=exit last=
t0=$(boot_now_us)
# QEMU starts directly (not through qemu-run.sh), so no shell start-up is
# timed; stderr joins stdout so QEMU's own complaints become the last line.
exec {fd}< <(exec timeout -k 2 "$seconds" "${cmd[@]}" </dev/null 2>&1)
pid=$!
while IFS= read -r -u "$fd" line; do
	now=${EPOCHREALTIME/[.,]/}
	line=${line%$'\r'}
	line=${line#\[*\] } # a kernel log timestamp, "[    0.043875] "
	case $line in
	"bench-init: first line")
		echo "boot first_line_us=$((10#$now - t0))"
		[[ $mode == first-line ]] && { end=first-line; break; }
		;;
	"bench "* | "bench: begin "*) echo "$line" ;;
	"bench-init: /bench exited with "*) end=bench last=$line; break ;;
	esac
	[[ -n ${line//[[:space:]]/} ]] && last=$line
done
[[ $end == exit ]] || kill -TERM "$pid" 2>/dev/null
exec {fd}<&-
wait "$pid"
status=$?
[[ $end == exit && $status == 124 ]] && end=timeout
echo "boot end=$end last=$last"
