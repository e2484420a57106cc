#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The kernel benchmarks of issue #3, every table in one go (see
# bench/README.md): boot time, allocators and schedulers in the kernel and
# on the host, interface calls, image size and least RAM, for the default
# configuration and for each other pmm, heap and sched implementation
# swapped into it (BUILD/bench/kernel-configs.txt); image size and least
# RAM also for every configs/*_defconfig. Each table is preceded by the
# command that reproduces it. `make bench-kernel` runs this.
#
# Usage: bench/kernel/run.sh [BUILD_DIR]       (default: build)
# Environment: RUNS=11 boots per image for the boot times;
#   BENCH_WORK=/tmp/tessera-bench-$USER, where the images are built;
#   MACHINES="microvm pc" for boot times and least RAM;
#   BENCH_MACHINE=microvm for the in-kernel benchmarks;
#   SECTIONS="boot kernel host call size" to run only some tables.
set -uo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$src/build}" 2>/dev/null && pwd) || {
	echo "run.sh: no build directory ${1:-$src/build} (make build, or cmake -S . -B DIR)" >&2
	exit 2
}
work=${BENCH_WORK:-/tmp/tessera-bench-${USER:-$(id -un)}}
machines=${MACHINES:-microvm pc}
bench_machine=${BENCH_MACHINE:-microvm}
sections=" ${SECTIONS:-boot kernel host call size} "
qemu_run=$src/platform/x86_64/qemu-run.sh
here=$src/bench/kernel
failed=0

run_fail()
{
	echo "FAIL: $*" >&2
	failed=1
}

run_wants()
{
	[[ $sections == *" $1 "* ]]
}

# Only what the benchmark printed, from `bench: begin` to `bench: end`,
# without the kernel log's timestamps ("[    0.043875] ").
run_tables()
{
	tr -d '\r' | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' | sed -n '/^bench: begin/,/^bench: end/p'
}

# ---- build: the host programs, the floor and one image per configuration ----
mkdir -p "$work"
cmake --build "$build" --target bench_programs tessera-platform-floor.elf >"$work/host-build.log" 2>&1 ||
	{ tail -30 "$work/host-build.log"; echo "run.sh: building the host programs failed" >&2; exit 1; }
floor=$build/platform/x86_64/tessera-platform-floor.elf
configs=$build/bench/kernel-configs.txt
declare -a names=() ifaces=() images=()
while read -r name iface lines; do
	echo "building $name: $lines" >&2
	# shellcheck disable=SC2086 # one CONFIG line a word
	image=$("$here/build-config.sh" "$src" "$work/$name" $lines) || { run_fail "build of $name"; continue; }
	names+=("$name") ifaces+=("$iface") images+=("$image")
done <"$configs"
if [[ ${#names[@]} -eq 0 ]]; then
	echo "run.sh: no kernel image built (logs in $work/*/)" >&2
	exit 1
fi
# Every configs/*_defconfig, for the size table (the default's image is the
# "default" configuration's when there is one: the same configuration).
declare -a defconfig_names=() defconfig_images=()
if run_wants size; then
	for f in "$src"/configs/*_defconfig; do
		name=$(basename "$f")
		image=
		if [[ $name == default_defconfig && ${names[0]} == default ]]; then
			image=${images[0]}
		else
			echo "building $name" >&2
			image=$("$here/build-config.sh" "$src" "$work/$name" --defconfig "$f") ||
				{ run_fail "build of $name"; continue; }
		fi
		defconfig_names+=("$name") defconfig_images+=("$image")
	done
fi
what_of() { # the bench= items for configuration i: all for the default, else its interface
	case ${ifaces[$1]} in          # (and a scheduler's context switches)
	-) echo all ;;
	sched) echo sched,thread ;;
	*) echo "${ifaces[$1]}" ;;
	esac
}

echo "# Tessera kernel benchmarks: $(git -C "$src" describe --always --dirty 2>/dev/null || echo unknown)," \
	"$(qemu-system-x86_64 --version | head -1), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs))"
echo "# configurations ($configs):"
sed 's/^/#   /' "$configs"
echo "# and for the size table: $(cd "$src" && echo configs/*_defconfig)"

if run_wants boot; then
	echo
	echo "== 1. Boot time"
	args=()
	for i in "${!names[@]}"; do args+=("${names[$i]}=${images[$i]}"); done
	echo "\$ RUNS=${RUNS:-11} MACHINES=\"$machines\" bench/kernel/boot-time.sh $floor ${args[*]}"
	RUNS=${RUNS:-11} MACHINES=$machines "$here/boot-time.sh" "$floor" "${args[@]}" || run_fail "boot times"
fi

if run_wants kernel; then
	echo
	echo "== 2-3. In the kernel (QEMU -M $bench_machine, TCG): allocators and schedulers"
	for i in "${!names[@]}"; do
		cmd=("$qemu_run" -M "$bench_machine" -t 600 -a "bench=$(what_of "$i")" "${images[$i]}")
		echo
		echo "\$ platform/x86_64/qemu-run.sh ${cmd[*]:1:6} ${images[$i]}"
		out=$("${cmd[@]}" 2>&1) || run_fail "kernel benchmark of ${names[$i]} (status $?)"
		run_tables <<<"$out"
	done
fi

if run_wants host; then
	echo
	echo "== 2-3. On the host (the same bench.c, components built for the host with -O2)"
	for i in "${!names[@]}"; do
		echo
		echo "\$ $build/bench/bench_host_${names[$i]} bench=$(what_of "$i")"
		"$build/bench/bench_host_${names[$i]}" "bench=$(what_of "$i")" | run_tables ||
			run_fail "host benchmark of ${names[$i]}"
	done
	echo
	echo "\$ $build/bench/bench_host_glibc bench=heap"
	"$build/bench/bench_host_glibc" bench=heap | run_tables || run_fail "host benchmark of glibc malloc"
fi

if run_wants call; then
	echo
	echo "== 4. Interface calls (host)"
	echo "\$ $build/bench/bench_call bench=all"
	"$build/bench/bench_call" bench=all | run_tables || run_fail "call benchmark"
	echo "# the call in each loop (objdump -d $build/bench/bench_call):"
	objdump -d --no-show-raw-insn "$build/bench/bench_call" |
		awk '/^[0-9a-f]+ <call_loop_[a-z]+>:/ { fn = $2 } fn && /\tcall/ { sub(/^ +[0-9a-f]+:\t/, ""); print "#   " fn " " $0 } /^$/ { fn = "" }'
fi

if run_wants size; then
	echo
	echo "== 5. Image size and least RAM (-m, to 64 KiB; a pass is the KTAP self-tests and exit 0)"
	echo "\$ size IMAGE; nm -S -t d IMAGE (code, rodata: the symbols' own bytes); bench/kernel/min-ram.sh MACHINE IMAGE"
	echo "# every configs/*_defconfig, then the default with one implementation swapped in"
	header=$(printf '%-18s %8s %6s %8s %8s %7s %7s' configuration text data bss total code rodata)
	for m in $machines; do header+=$(printf ' %14s' "RAM KiB $m"); done
	echo "$header"
	rows_names=("${defconfig_names[@]}") rows_images=("${defconfig_images[@]}")
	for i in "${!names[@]}"; do
		[[ ${ifaces[$i]} == - ]] || { rows_names+=("${names[$i]}"); rows_images+=("${images[$i]}"); }
	done
	for i in "${!rows_names[@]}"; do
		image=${rows_images[$i]}
		read -r text data bss total _ < <(size "$image" | tail -1)
		read -r code rodata < <(nm -S -t d "$image" |
			awk 'NF == 4 { t = tolower($3); if (t == "t") c += $2; else if (t == "r") r += $2 }
			     END { print c + 0, r + 0 }')
		row=$(printf '%-18s %8s %6s %8s %8s %7s %7s' "${rows_names[$i]}" "$text" "$data" "$bss" "$total" "$code" "$rodata")
		for m in $machines; do row+=$(printf ' %14s' "$("$here/min-ram.sh" "$m" "$image")"); done
		echo "$row"
	done
fi
exit "$failed"
