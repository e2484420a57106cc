#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks a linked kernel image, after each link (CMakeLists.txt): the symbol
# table it embeds describes it exactly (the second link moved nothing), the
# loaders will find the right entry (the PVH note in a PT_NOTE segment, a
# Multiboot2 header, and no Multiboot1 header for QEMU to trip on), and no
# segment is both writable and executable.
# Usage: check-image.sh [--nm NM] [--readelf READELF] TABLE.c ELF
set -euo pipefail

nm=nm
readelf=readelf
while [[ $# -gt 2 ]]; do
	case $1 in
	--nm) nm=$2 ;;
	--readelf) readelf=$2 ;;
	*) break ;;
	esac
	shift 2
done
if [[ $# -ne 2 ]]; then
	echo "usage: check-image.sh [--nm NM] [--readelf READELF] TABLE.c ELF" >&2
	exit 2
fi
table=$1
elf=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
failed=0

check_fail()
{
	echo "check-image: $(basename "$elf"): $*" >&2
	failed=1
}

# The tables differ only in the banner, which names the image they came from.
check_symbol_table()
{
	if ! cmp -s <("$here/gen-ksyms.sh" --nm "$nm" "$elf" | tail -n +2) <(tail -n +2 "$table"); then
		check_fail "the embedded symbol table does not match the image (did the second link move code?)"
	fi
}

# Prints the 0-based indexes of the 32-bit words equal to $2 in the first
# $1 bytes of the image.
check_word_indexes()
{
	od -An -v -tx4 -w4 -N "$1" "$elf" | awk -v w="$2" '$1 == w { print NR - 1 }'
}

check_boot_headers()
{
	if [[ -n $(check_word_indexes 8192 1badb002) ]]; then
		check_fail "a Multiboot1 magic in the first 8 KiB: QEMU would refuse the 64-bit image"
	fi
	if ! check_word_indexes 32768 e85250d6 | awk '$1 % 2 == 0 { found = 1 } END { exit !found }'; then
		check_fail "no 8-byte aligned Multiboot2 header in the first 32 KiB"
	fi
	if ! "$readelf" -lW "$elf" | grep -Eq '^ +NOTE '; then
		check_fail "no PT_NOTE segment: QEMU would not find the PVH entry"
	fi
	if ! "$readelf" -nW "$elf" | grep -Eq '^ +Xen +0x0*8[[:space:]].*(0x0*12|PHYS32_ENTRY)'; then
		check_fail "no Xen PHYS32_ENTRY note (type 18) with an 8-byte address"
	fi
}

check_permissions()
{
	# readelf prints the flags as three columns, "RWE" when all are set.
	if "$readelf" -lW "$elf" | grep -Eq '^ +LOAD .* RWE '; then
		check_fail "a LOAD segment is writable and executable"
	fi
}

check_symbol_table
check_boot_headers
check_permissions
exit $failed
