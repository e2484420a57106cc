#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Boots a Tessera kernel image in QEMU (PVH through -kernel; a GRUB ISO
# from mkiso.sh as a CD on -M pc), the serial console on stdout, always
# under a timeout, and exits with the guest's status. Used by the platform
# tests (tests/boot_test.sh) and by hand.
#
# Usage: qemu-run.sh [-M pc|microvm] [-a CMDLINE] [-i INITRD] [-m MEM]
#                    [-t SECONDS] [-n] KERNEL.elf|IMAGE.iso [-- QEMU ARGUMENTS]
# -n prints the QEMU command, one word a line, instead of running it.
# Environment: ACCEL=tcg (default) or kvm where a real KVM exists;
#   QEMU=binary (qemu-system-x86_64); BIOS=file for -bios (e.g.
#   /usr/share/qemu/qboot.rom on -M pc); GDB=1 waits for gdb on :1234.
#
# Exit status: 0 the guest passed; 1-111 the status the guest powered off
# with (1 a test failed, 2 a panic); 124 timed out; 125 the guest stopped
# without a status (a reset, a triple fault); 126 QEMU failed.
# The guest writes status + 16 to isa-debug-exit (port 0xf4) and QEMU then
# exits with ((status + 16) << 1) | 1 = 33 + 2 * status, a code QEMU's own
# failures (exit 1) cannot produce.
set -uo pipefail

usage()
{
	sed -n '8,10p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
	exit 126
}

machine=${MACHINE:-microvm}
cmdline=
initrd=
mem=${MEM:-128M}
seconds=${TIMEOUT:-60}
dry_run=0
while getopts "M:a:i:m:t:nh" opt; do
	case $opt in
	M) machine=$OPTARG ;;
	a) cmdline=$OPTARG ;;
	i) initrd=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) seconds=$OPTARG ;;
	n) dry_run=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || usage
kernel=$1
shift
if [[ ${1:-} == -- ]]; then
	shift
fi

qemu=${QEMU:-qemu-system-x86_64}
if ! command -v "$qemu" >/dev/null; then
	echo "qemu-run: $qemu not found (Debian: apt-get install qemu-system-x86)" >&2
	exit 126
fi

case $machine in
# The options that never hung (see QEMU-NOTES): a PIT and PIC for later
# timer work, the ISA serial port, no ACPI tables to build.
microvm) args=(-M microvm,acpi=off,pit=on,pic=on,rtc=on,isa-serial=on) ;;
pc) args=(-M pc -vga std) ;; # -nodefaults below would drop the VGA
*) echo "qemu-run: unknown machine '$machine' (pc or microvm)" >&2; exit 126 ;;
esac

case ${ACCEL:-tcg} in
# -cpu max: the CPU features the kernel uses where they exist (SMEP, SMAP).
tcg) args+=(-accel tcg -cpu max) ;;
kvm) args+=(-accel kvm -cpu host) ;;
*) echo "qemu-run: ACCEL must be tcg or kvm" >&2; exit 126 ;;
esac

args+=(-m "$mem" -nodefaults -no-reboot -display none -serial stdio
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
if [[ $kernel == *.iso ]]; then
	# The command line and the initrd are in the ISO's grub.cfg.
	if [[ -n $cmdline || -n $initrd || $machine != pc ]]; then
		echo "qemu-run: an ISO boots on -M pc, without -a or -i" >&2
		exit 126
	fi
	args+=(-cdrom "$kernel")
else
	args+=(-kernel "$kernel" -append "$cmdline")
	[[ -n $initrd ]] && args+=(-initrd "$initrd")
fi
[[ -n ${BIOS:-} ]] && args+=(-bios "$BIOS")
if [[ ${GDB:-0} == 1 ]]; then
	args+=(-s -S)
	seconds=${TIMEOUT:-3600}
	echo "qemu-run: waiting for gdb on localhost:1234" >&2
fi

if ((dry_run)); then
	printf '%s\n' "$qemu" "${args[@]}" "$@"
	exit 0
fi

# --foreground: timeout signals only the QEMU it started, and QEMU may use
# the terminal. A QEMU that ignores SIGTERM gets SIGKILL 5 s later.
timeout --foreground -k 5 "$seconds" "$qemu" "${args[@]}" "$@"
rc=$?

case $rc in
124 | 137)
	echo "qemu-run: timed out after $seconds s" >&2
	exit 124
	;;
0)
	echo "qemu-run: the guest stopped without a status (reset or triple fault)" >&2
	exit 125
	;;
esac
if ((rc >= 33 && rc % 2 == 1)); then
	status=$(((rc - 33) / 2))
	((status == 0)) || echo "qemu-run: the guest powered off with status $status" >&2
	exit "$status"
fi
echo "qemu-run: QEMU failed (exit $rc)" >&2
exit 126
