#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The user-space benchmark of issue #4 (see bench/README.md): the same
# static programs (build-initramfs.sh) booted on Tessera and on Debian's
# Linux (fetch-linux.sh) in the same QEMU, machine, memory and accelerator
# (TCG), the guests taking turns, RUNS boots each; then the least RAM each
# boots in. Prints a table of medians: metric, Tessera, Linux, the ratio
# (how many times better Tessera does) and whether the 2x goal is met.
# When Tessera cannot run /init yet its column says n/a, with the reason,
# and Linux's figures are still printed. `make bench-user` runs this.
#
# Usage: bench/user/run.sh [BUILD_DIR]       (default: build; Tessera is
#                                             BUILD_DIR/tessera.elf)
# Environment: RUNS=5 boots per guest; MACHINE=pc (or microvm); MEM=256M;
#   BENCH_OPTS="bench_scale=100 bench_reps=5" (for both guests' /bench);
#   TIMEOUT=180 s per benchmark boot; SECTIONS="bench ram";
#   LINUX_CACHE=BUILD_DIR/bench/user/linux; LINUX_VMLINUX=FILE instead;
#   min-ram.sh's STEP, RAM_TIMEOUT and RAM_HI (KiB).
# Exit status: 0 when Linux's side ran; Tessera's n/a does not fail it.
set -uo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$src/bench/user
build=$(cd "${1:-$src/build}" 2>/dev/null && pwd) || {
	echo "run.sh: no build directory ${1:-$src/build} (make build, or cmake -S . -B DIR)" >&2
	exit 2
}
runs=${RUNS:-5}
machine=${MACHINE:-pc}
mem=${MEM:-256M}
bench_opts=${BENCH_OPTS:-}
sections=" ${SECTIONS:-bench ram} "
work=$build/bench/user
tessera=$build/tessera.elf
# quiet: Linux's boot log would cost serial output time Tessera is not
# charged for; panic=-1: a guest short of memory reboots, and QEMU (run
# with -no-reboot) exits at once instead of waiting for the timeout.
linux_cmdline="console=ttyS0 quiet panic=-1${bench_opts:+ $bench_opts}"
tessera_cmdline=$bench_opts

# The table's rows: key in boot.sh's output, label, unit, scale from the
# raw figure, and whether more is better (a rate).
metrics=(first_line_us getpid read_zero fork_exit_wait fork_exec_wait pipe_pingpong pipe_throughput)
declare -A label=([first_line_us]="boot to /init's first line" [getpid]="getpid round trip"
	[read_zero]="read 1 byte of /dev/zero" [fork_exit_wait]="fork+exit+wait"
	[fork_exec_wait]="fork+execve+wait" [pipe_pingpong]="pipe ping-pong (round trip)"
	[pipe_throughput]="pipe throughput (64 KiB writes)" [ram]="least RAM to boot")
declare -A unit=([first_line_us]=ms [getpid]=ns [read_zero]=ns [fork_exit_wait]=us
	[fork_exec_wait]=us [pipe_pingpong]=us [pipe_throughput]=MB/s [ram]=KiB)
declare -A divisor=([first_line_us]=1000 [getpid]=1 [read_zero]=1 [fork_exit_wait]=1000
	[fork_exec_wait]=1000 [pipe_pingpong]=1000 [pipe_throughput]=1 [ram]=1)
# values[guest.metric]: one figure per boot; why[guest.metric]: why none.
declare -A values=() why=()
declare -A clock_dropped=() # the clock steps (ns) of the boots whose figures were dropped
tessera_na= # set to the reason when Tessera cannot run the benchmark at all

run_wants()
{
	[[ $sections == *" $1 "* ]]
}

# The median of the space-separated numbers in $1, divided by $2.
median()
{
	tr ' ' '\n' <<<"$1" | grep . | sort -g |
		awk -v d="$2" '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / d }'
}

# A boot whose CLOCK_MONOTONIC steps by more than this (in ns) cannot time
# the micro-benchmarks: Linux falls back to jiffies (4 ms) when its TSC
# calibration fails, which happens on -M microvm under TCG.
max_clock_step=10000

# record GUEST BOOT_OUTPUT: files each figure of one boot under its metric.
record()
{
	local guest=$1 line word name kv step coarse=

	while read -r line; do
		read -r word name kv _ <<<"$line"
		case $word in
		boot)
			[[ $name == first_line_us=* ]] && values[$guest.first_line_us]+="${name#*=} "
			;;
		bench:)
			step=$(sed -n 's/.*clock_step_ns=\([0-9]*\).*/\1/p' <<<"$line")
			if [[ -z $step || ${#step} -gt 15 || $step -gt $max_clock_step ]]; then
				coarse=1
				clock_dropped[$guest]+="${step:-?} "
			fi
			;;
		bench)
			[[ -n $coarse ]] && continue
			case $kv in
			ns_per_op=* | mb_per_s=*) values[$guest.$name]+="${kv#*=} " ;;
			error=*) why[$guest.$name]="/bench: ${line#* error=}" ;;
			esac
			;;
		esac
	done <<<"$2"
}

# boot_guest GUEST KERNEL CMDLINE RUN: one benchmark boot, its output kept
# in $work/logs. Return: 0 when /bench ran to its end.
boot_guest()
{
	local out log=$work/logs/$1-$4.txt

	out=$("$here/boot.sh" bench "$machine" "$mem" "$2" "$initrd" "$3" "${TIMEOUT:-180}")
	printf '%s\n' "$out" >"$log"
	record "$1" "$out"
	last_end=$(sed -n 's/^boot end=//p' <<<"$out" | tail -1)
	[[ $last_end == bench* ]]
}

# ---- the programs, the guests ----
mkdir -p "$work/logs"
initrd=$("$here/build-initramfs.sh" "$work") || { echo "run.sh: building the initramfs failed" >&2; exit 1; }
if [[ -n ${LINUX_VMLINUX:-} ]]; then
	linux=$LINUX_VMLINUX linux_version="$LINUX_VMLINUX"
else
	cache=${LINUX_CACHE:-$work/linux}
	linux=$("$here/fetch-linux.sh" "$cache") || { echo "run.sh: fetching Linux failed" >&2; exit 1; }
	linux_version=$(cat "$cache/version")
fi
[[ -f $tessera ]] || tessera_na="no kernel image $tessera (build it first)"

echo "# Tessera user-space benchmark: $(git -C "$src" describe --always --dirty 2>/dev/null || echo unknown)" \
	"vs Linux $linux_version; $(qemu-system-x86_64 --version | head -1), TCG, -M $machine, -m $mem," \
	"$(nproc) CPUs"
echo "# \$ RUNS=$runs MACHINE=$machine MEM=$mem BENCH_OPTS=\"$bench_opts\" bench/user/run.sh $build"
echo "# Tessera: $tessera, command line \"$tessera_cmdline\""
echo "# Linux:   $linux, command line \"$linux_cmdline\""
echo "# initramfs: $initrd (/init, /bench, /nop; boot logs in $work/logs)"
echo "# QEMU (from platform/x86_64/qemu-run.sh -n):" \
	"$("$src/platform/x86_64/qemu-run.sh" -n -M "$machine" -m "$mem" -i "$initrd" KERNEL | tr '\n' ' ')"

# ---- the benchmark boots: the guests take turns, each run starting with the other ----
failed=0
if run_wants bench; then
	for ((r = 1; r <= runs; r++)); do
		order=(linux tessera)
		((r % 2 == 0)) && order=(tessera linux)
		for guest in "${order[@]}"; do
			if [[ $guest == linux ]]; then
				echo "run $r/$runs: Linux" >&2
				boot_guest linux "$linux" "$linux_cmdline" "$r" ||
					{ echo "run.sh: Linux run $r ended with: $last_end" >&2; failed=1; }
			elif [[ -z $tessera_na ]]; then
				echo "run $r/$runs: Tessera" >&2
				boot_guest tessera "$tessera" "$tessera_cmdline" "$r" && continue
				# Before /init's first line: the kernel does not run it (yet); stop trying.
				if [[ -z ${values[tessera.first_line_us]:-} ]]; then
					tessera_na="the kernel did not start /init (boot end: ${last_end%% *}; its last line: ${last_end#* last=})"
				else
					echo "run.sh: Tessera run $r ended with: $last_end" >&2
				fi
			fi
		done
	done
fi

# ---- least RAM ----
if run_wants ram; then
	echo "least RAM: Linux" >&2
	values[linux.ram]=$(RAM_TIMEOUT=${RAM_TIMEOUT:-10} "$here/min-ram.sh" "$machine" "$linux" "$initrd" \
		"$linux_cmdline" "${RAM_HI:-262144}")
	if [[ -z $tessera_na ]]; then
		echo "least RAM: Tessera" >&2
		values[tessera.ram]=$("$here/min-ram.sh" "$machine" "$tessera" "$initrd" "$tessera_cmdline" \
			"${RAM_HI:-262144}")
	fi
	metrics+=(ram)
fi

# ---- the table ----
# figure GUEST METRIC: the median, or "n/a" (a ">HI" least RAM stays as it is).
figure()
{
	local v=${values[$1.$2]:-}

	if [[ $1 == tessera && -n $tessera_na || -z ${v// /} ]]; then
		echo n/a
	elif [[ $v == ">"* || $2 == ram ]]; then
		echo "${v% }" # one search, in whole KiB
	else
		median "$v" "${divisor[$2]}"
	fi
}

echo
printf '%-32s %5s %10s %10s %7s %s\n' metric unit Tessera Linux ratio "goal met (ratio >= 2)"
for m in "${metrics[@]}"; do
	t=$(figure tessera "$m") l=$(figure linux "$m")
	[[ $l == n/a ]] && failed=1
	ratio=n/a goal=n/a
	if [[ $t =~ ^[0-9.]+$ && $l =~ ^[0-9.]+$ ]]; then
		# Linux/Tessera for costs, Tessera/Linux for a rate: > 1 means Tessera does better.
		ratio=$(awk -v t="$t" -v l="$l" -v rate="$([[ $m == pipe_throughput ]] && echo 1)" \
			'BEGIN { r = rate ? t / l : l / t; printf "%.2f", r }')
		goal=$(awk -v r="$ratio" 'BEGIN { print (r >= 2 ? "yes" : "no") }')
	fi
	printf '%-32s %5s %10s %10s %7s %s\n' "${label[$m]}" "${unit[$m]}" "$t" "$l" "$ratio" "$goal"
done
[[ -n $tessera_na ]] && echo "# Tessera n/a: $tessera_na"
for guest in "${!clock_dropped[@]}"; do
	echo "# $guest: the micro-benchmarks of $(wc -w <<<"${clock_dropped[$guest]}") boot(s) dropped," \
		"CLOCK_MONOTONIC stepped by ${clock_dropped[$guest]% } ns (over $max_clock_step)"
done
for m in "${metrics[@]}"; do
	for guest in tessera linux; do
		[[ $guest == tessera && -n $tessera_na ]] && continue
		if [[ -n ${why[$guest.$m]:-} ]]; then
			echo "# $guest $m: ${why[$guest.$m]}"
		elif [[ -z ${values[$guest.$m]:-} ]]; then
			echo "# $guest $m: no figure (see $work/logs)"
		fi
	done
done
exit "$failed"
