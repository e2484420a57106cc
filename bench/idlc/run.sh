#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The idlc scaling benchmark: builds synth.c, generates synthetic specs of
# 1k, 10k and 100k interfaces and times `idlc` checking and emitting them.
# Run by `make bench-idlc` or by hand: bench/idlc/run.sh [PATH/TO/idlc].
# Needs only bash, coreutils and cc. See bench/README.md for the figures.
set -euo pipefail

idlc=${1:-build/gen/idlc}
sizes=${IDLC_BENCH_SIZES:-1000 10000 100000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ! -x $idlc ]]; then
	echo "run.sh: '$idlc' is not an executable; build idlc first" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/idlc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Sets `now` to wall-clock nanoseconds. Bash 5's EPOCHREALTIME needs no
# fork, which would otherwise add to every sample; GNU date elsewhere.
bench_now()
{
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		local t=${EPOCHREALTIME/[.,]/}

		now=$((10#$t * 1000))
	else
		now=$(date +%s%N)
	fi
}

bench_check()
{
	local spec=$1

	"$idlc" --root "$spec" --config "$spec/.config" "$spec"
}

# Every output kind; SVG rendering would time Graphviz, not idlc.
bench_emit_all()
{
	local spec=$1 out=$2

	IDLC_NO_SVG=1 "$idlc" --root "$spec" --config "$spec/.config" \
		--headers "$out/headers" --bind "$out/bind" --kconfig "$out/Kconfig" \
		--syscalls "$out/syscalls" --json "$out/spec.json" --docs "$out/docs" "$spec"
}

# bench_median RUNS WORKLOAD SPEC: the median wall time in ns. Outputs start
# from an empty directory each run, since idlc skips rewriting unchanged files.
bench_median()
{
	local runs=$1 workload=$2 spec=$3 out=$tmp/out t0 r
	local -a times=()

	for ((r = 0; r < runs; r++)); do
		rm -rf "$out"
		bench_now
		t0=$now
		if ! "$workload" "$spec" "$out" >/dev/null 2>"$tmp/stderr"; then
			echo "run.sh: $workload failed on $spec:" >&2
			head -n 20 "$tmp/stderr" >&2
			exit 1
		fi
		bench_now
		times+=($((now - t0)))
	done
	printf '%s\n' "${times[@]}" | sort -n | head -n $((runs / 2 + 1)) | tail -n 1
}

# ns -> milliseconds with one decimal.
bench_ms()
{
	printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10))
}

# ns for n interfaces -> microseconds per interface with one decimal.
bench_us_per()
{
	local tenths=$(($1 / (100 * $2)))

	printf '%d.%d' $((tenths / 10)) $((tenths % 10))
}

# Per-interface cost relative to the first row, two decimals: 1.00 is linear.
bench_ratio()
{
	local t=$1 n=$2 t0=$3 n0=$4
	local hundredths=$((t * n0 * 100 / (n * t0)))

	printf '%d.%02d' $((hundredths / 100)) $((hundredths % 100))
}

bench_count_files()
{
	local -a files=("$1"/idl/*.idl "$1"/components/*/component.idl)

	echo "${#files[@]}"
}

cc -O2 -o "$tmp/synth" "$here/synth.c"

echo "idlc: $idlc"
echo "work directory: $tmp (TMPDIR moves it)"
echo "median wall time of 5 runs (3 at 100k and above); IDLC_NO_SVG=1"
echo
printf '%8s %7s %11s %11s %9s %9s %7s %7s\n' \
	N files 'check ms' 'all ms' 'check us' 'all us' 'check' 'all'
# The ratio columns compare with the first row ("x1k": the 1k row).
read -r first_size _ <<<"$sizes"
if ((first_size % 1000 == 0)); then
	base="x$((first_size / 1000))k"
else
	base="x$first_size"
fi
printf '%8s %7s %11s %11s %9s %9s %7s %7s\n' \
	'' '' '' '' '/iface' '/iface' "$base" "$base"

first_n='' first_check='' first_all=''
for n in $sizes; do
	spec=$tmp/spec$n
	"$tmp/synth" "$n" "$spec"
	runs=5
	((n >= 100000)) && runs=3
	check=$(bench_median "$runs" bench_check "$spec")
	all=$(bench_median "$runs" bench_emit_all "$spec")
	if [[ -z $first_n ]]; then
		first_n=$n first_check=$check first_all=$all
	fi
	printf '%8d %7d %11s %11s %9s %9s %7s %7s\n' "$n" "$(bench_count_files "$spec")" \
		"$(bench_ms "$check")" "$(bench_ms "$all")" \
		"$(bench_us_per "$check" "$n")" "$(bench_us_per "$all" "$n")" \
		"$(bench_ratio "$check" "$n" "$first_check" "$first_n")" \
		"$(bench_ratio "$all" "$n" "$first_all" "$first_n")"
	rm -rf "$spec" "$tmp/out"
done
