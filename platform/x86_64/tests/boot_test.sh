#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One QEMU boot of a test kernel, checked: the exit status qemu-run.sh
# reports and the output against extended regular expressions (each must
# match a line; with a leading '!', none may). The patterns see the kernel
# log without its "[    1.234567] " timestamps; --timestamps checks those:
# every line of the serial console is stamped except KTAP and blank ones,
# which must be bare, and the stamps start at 0.000000 and never go back.
# Registered by CMakeLists.txt (platform_qemu_test); skips (77) without QEMU.
# Usage: boot_test.sh RUNNER ELF MACHINE STATUS CMDLINE [--timestamps]
#                     [--initrd FILE] [--qemu ARG]... REGEX...
set -uo pipefail

if [[ $# -lt 5 ]]; then
	echo "usage: boot_test.sh RUNNER ELF MACHINE STATUS CMDLINE [--timestamps] [--initrd FILE] [--qemu ARG]... REGEX..." >&2
	exit 2
fi
runner=$1 elf=$2 machine=$3 expected=$4 cmdline=$5
shift 5
run=("$runner" -M "$machine" -a "$cmdline")
qemu_args=()
timestamps=0
while [[ ${1:-} == --initrd || ${1:-} == --qemu || ${1:-} == --timestamps ]]; do
	case $1 in
	--timestamps) timestamps=1; shift; continue ;;
	--initrd) run+=(-i "$2") ;;
	--qemu) qemu_args+=("$2") ;;
	esac
	shift 2
done

if ! command -v "${QEMU:-qemu-system-x86_64}" >/dev/null; then
	echo "SKIP: qemu-system-x86_64 is not installed"
	exit 77
fi

# Lines that open like KTAP (after any indentation), as kprintf.c sees them.
ktap='^ *(KTAP version |TAP version |1\.\.|ok [0-9]|not ok [0-9]|# )'
stamp='^\[ *[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]\] '

# Prints what is wrong with the timestamps of the serial output in $1.
check_timestamps()
{
	# Through the environment: awk -v would interpret the backslashes.
	KTAP_RE=$ktap STAMP_RE=$stamp awk '
	BEGIN { ktap = ENVIRON["KTAP_RE"]; stamp = ENVIRON["STAMP_RE"] }
	function fail(why) { print "FAIL: " why ": " $0; failed = 1 }
	/^ *$/ { next }
	match($0, stamp) {
		text = substr($0, RLENGTH + 1)
		split(substr($0, 2, RLENGTH - 3), part, ".")
		t = part[1] * 1000000 + part[2]
		if (text ~ ktap) fail("a KTAP line has a timestamp")
		if (n++ == 0) first = t
		else if (t < last) fail("the timestamp went back")
		last = t
		next
	}
	$0 !~ ktap { fail("a log line has no timestamp") }
	END {
		if (n < 2) { print "FAIL: fewer than two timestamped lines"; failed = 1 }
		else if (first != 0 || last <= first) {
			print "FAIL: timestamps do not run from 0.000000 on (first " first " us, last " last " us)"
			failed = 1
		}
		exit failed
	}' "$1"
}

out=$(mktemp "${TMPDIR:-/tmp}/boot_test.XXXXXX")
trap 'rm -f "$out" "$out.err" "$out.lines"' EXIT
# stdin from /dev/null: QEMU's stdio backend must not take over a terminal.
# The serial console is QEMU's stdout; qemu-run.sh and QEMU talk on stderr.
"${run[@]}" "$elf" -- "${qemu_args[@]}" </dev/null >"$out" 2>"$out.err"
status=$?
cat "$out" "$out.err"
echo "--- boot_test: $machine, \"$cmdline\": exit status $status"

failed=0
if [[ $status -ne $expected ]]; then
	echo "FAIL: exit status $status, expected $expected"
	failed=1
fi
# The serial console ends lines with \r\n.
tr -d '\r' <"$out" >"$out.lines"
if ((timestamps)) && ! check_timestamps "$out.lines"; then
	failed=1
fi
sed -Ei "s/$stamp//" "$out.lines"
cat "$out.err" >>"$out.lines"
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
