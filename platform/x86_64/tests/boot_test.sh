#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One QEMU boot of a test kernel, checked: the exit status qemu-run.sh
# reports and the serial output against extended regular expressions (each
# must match a line; with a leading '!', none may). Registered by
# CMakeLists.txt (platform_qemu_test); skips (77) without QEMU.
# Usage: boot_test.sh RUNNER ELF MACHINE STATUS CMDLINE [--initrd FILE]
#                     [--qemu ARG]... REGEX...
set -uo pipefail

if [[ $# -lt 5 ]]; then
	echo "usage: boot_test.sh RUNNER ELF MACHINE STATUS CMDLINE [--initrd FILE] [--qemu ARG]... REGEX..." >&2
	exit 2
fi
runner=$1 elf=$2 machine=$3 expected=$4 cmdline=$5
shift 5
run=("$runner" -M "$machine" -a "$cmdline")
qemu_args=()
while [[ ${1:-} == --initrd || ${1:-} == --qemu ]]; do
	case $1 in
	--initrd) run+=(-i "$2") ;;
	--qemu) qemu_args+=("$2") ;;
	esac
	shift 2
done

if ! command -v "${QEMU:-qemu-system-x86_64}" >/dev/null; then
	echo "SKIP: qemu-system-x86_64 is not installed"
	exit 77
fi

out=$(mktemp "${TMPDIR:-/tmp}/boot_test.XXXXXX")
trap 'rm -f "$out" "$out.lines"' EXIT
# stdin from /dev/null: QEMU's stdio backend must not take over a terminal.
"${run[@]}" "$elf" -- "${qemu_args[@]}" </dev/null >"$out" 2>&1
status=$?
cat "$out"
echo "--- boot_test: $machine, \"$cmdline\": exit status $status"

failed=0
if [[ $status -ne $expected ]]; then
	echo "FAIL: exit status $status, expected $expected"
	failed=1
fi
# The serial console ends lines with \r\n.
tr -d '\r' <"$out" >"$out.lines"
for pattern in "$@"; do
	if [[ $pattern == '!'* ]]; then
		if grep -Eq -- "${pattern:1}" "$out.lines"; then
			echo "FAIL: output matches '${pattern:1}'"
			failed=1
		fi
	elif ! grep -Eq -- "$pattern" "$out.lines"; then
		echo "FAIL: no line matches '$pattern'"
		failed=1
	fi
done
exit $failed
