#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes a bootable GRUB ISO (BIOS) of a Tessera kernel image, which GRUB
# loads through Multiboot2: for real machines and VMMs without PVH. Boots
# with `qemu-run.sh -M pc IMAGE.iso`. Used by the platform's GRUB test.
# Usage: mkiso.sh [-a CMDLINE] [-i INITRD] KERNEL.elf OUT.iso
# Needs grub-mkrescue (Debian: grub-pc-bin grub-common), xorriso, mtools.
set -euo pipefail

usage()
{
	echo "usage: mkiso.sh [-a CMDLINE] [-i INITRD] KERNEL.elf OUT.iso" >&2
	exit 2
}

cmdline=
initrd=
while getopts "a:i:h" opt; do
	case $opt in
	a) cmdline=$OPTARG ;;
	i) initrd=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -eq 2 ]] || usage
kernel=$1
out=$2

for tool in grub-mkrescue xorriso mformat; do
	if ! command -v "$tool" >/dev/null; then
		echo "mkiso: $tool not found (Debian: apt-get install grub-pc-bin grub-common xorriso mtools)" >&2
		exit 3
	fi
done

root=$(mktemp -d "${TMPDIR:-/tmp}/tessera-iso.XXXXXX")
# The log stays outside the ISO's tree: xorriso reads that tree while
# grub-mkrescue is still writing its log.
log=$(mktemp "${TMPDIR:-/tmp}/tessera-iso-log.XXXXXX")
trap 'rm -rf "$root" "$log"' EXIT
mkdir -p "$root/boot/grub"
cp "$kernel" "$root/boot/tessera.elf"
module=
if [[ -n $initrd ]]; then
	cp "$initrd" "$root/boot/initrd.img"
	module="module2 /boot/initrd.img"
fi
# GRUB speaks on the serial console too, so a headless run shows it.
cat >"$root/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
menuentry "Tessera" {
	multiboot2 /boot/tessera.elf $cmdline
	$module
	boot
}
CFG
grub-mkrescue -o "$out" "$root" 2>"$log" || { cat "$log" >&2; exit 1; }
