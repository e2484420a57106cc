#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boot-time milestones of kernel images next to the QEMU floor (a kernel
# that prints one line and exits at once), on -M microvm and -M pc under
# TCG: QEMU start -> first serial line -> first `bind ` line (the
# composition) -> the self-tests' last top-level KTAP `ok` -> QEMU exit.
# Median of RUNS boots; the images take turns within each run (floor,
# kernel 1, kernel 2, ...), each run starting one image further on, so
# neither a drift in the host's speed nor a place in the order favours any
# of them; one QEMU at a time.
# Called by run.sh; usable alone.
# Usage: boot-time.sh FLOOR.elf NAME=KERNEL.elf...   (RUNS=11, MACHINES="microvm pc")
set -euo pipefail

if [[ $# -lt 2 ]]; then
	echo "usage: boot-time.sh FLOOR.elf NAME=KERNEL.elf..." >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qemu_run=$here/../../platform/x86_64/qemu-run.sh
runs=${RUNS:-11}
machines=${MACHINES:-microvm pc}
names=(floor) images=("$1")
shift
for arg in "$@"; do
	names+=("${arg%%=*}") images+=("${arg#*=}")
done

# Wall-clock microseconds without a fork (bash 5's EPOCHREALTIME).
boot_now()
{
	local t=${EPOCHREALTIME/[.,]/}

	now=$((10#$t))
}

# boot_once MACHINE IMAGE: sets ms_first ms_bind ms_ok ms_exit (microseconds
# since QEMU's start; "-" for a milestone never seen) and status (QEMU's exit
# code: 33 is a pass through isa-debug-exit). QEMU starts directly, not
# through qemu-run.sh, so no shell start-up is counted.
boot_once()
{
	local -a cmd
	local fd line t0 pid plan

	mapfile -t cmd < <("$qemu_run" -n -M "$1" "$2")
	ms_first=- ms_bind=- ms_ok=- plan=
	boot_now
	t0=$now
	exec {fd}< <(exec timeout 60 "${cmd[@]}" </dev/null 2>/dev/null)
	pid=$!
	while IFS= read -r -u "$fd" line; do
		boot_now
		line=${line%$'\r'}
		line=${line#\[*\] } # the kernel log's timestamp, "[    0.043875] "
		[[ $ms_first == - ]] && ms_first=$((now - t0))
		[[ $ms_bind == - && $line == "bind "* ]] && ms_bind=$((now - t0))
		# The self-tests are done at the last top-level KTAP result.
		[[ -z $plan && $line =~ ^1\.\.([0-9]+)$ ]] && plan=${BASH_REMATCH[1]}
		[[ $ms_ok == - && -n $plan && $line == "ok $plan "* ]] && ms_ok=$((now - t0))
	done
	boot_now
	ms_exit=$((now - t0))
	exec {fd}<&-
	status=0
	wait "$pid" || status=$?
}

# The median of microsecond values (one string, space-separated), in
# milliseconds; "-" if any is missing.
boot_median()
{
	local -a v

	read -ra v <<<"$1"
	if printf '%s\n' "${v[@]}" | grep -qx -- -; then
		echo -
		return
	fi
	printf '%s\n' "${v[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1e3 }'
}

failed=0
printf 'boot time, ms from QEMU start (TCG, median of %d runs)\n' "$runs"
printf '%-8s %-12s %11s %11s %13s %9s %15s\n' machine image "first line" composition "selftest ok" exit \
	"exit - floor"
for machine in $machines; do
	declare -A first=() bind=() ok=() total=()
	for ((r = 0; r < runs; r++)); do
		for ((k = 0; k < ${#images[@]}; k++)); do
			i=$(((k + r) % ${#images[@]}))
			boot_once "$machine" "${images[$i]}"
			if [[ $status -ne 33 ]]; then
				echo "FAIL: ${names[$i]} on $machine: QEMU exit $status (33 is a pass)" >&2
				failed=1
			fi
			first[$i]+="$ms_first " bind[$i]+="$ms_bind " ok[$i]+="$ms_ok " total[$i]+="$ms_exit "
		done
	done
	floor_exit=$(boot_median "${total[0]}")
	for i in "${!images[@]}"; do
		exit_ms=$(boot_median "${total[$i]}")
		printf '%-8s %-12s %11s %11s %13s %9s %15s\n' "$machine" "${names[$i]}" \
			"$(boot_median "${first[$i]}")" "$(boot_median "${bind[$i]}")" "$(boot_median "${ok[$i]}")" \
			"$exit_ms" "$(awk -v a="$exit_ms" -v b="$floor_exit" 'BEGIN { printf "%+.1f", a - b }')"
	done
	unset first bind ok total
done
exit "$failed"
