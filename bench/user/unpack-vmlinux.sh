#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes the uncompressed ELF vmlinux held in a Linux bzImage, so QEMU can
# boot it through PVH and skip the decompression (seconds under TCG). Reads
# the x86 boot protocol header (2.08 or later) for where the compressed
# payload lies, then picks the host decompressor from the payload's magic.
# Called by fetch-linux.sh; usable alone.
# Usage: unpack-vmlinux.sh BZIMAGE OUT_VMLINUX
set -euo pipefail

if [[ $# -ne 2 ]]; then
	echo "usage: unpack-vmlinux.sh BZIMAGE OUT_VMLINUX" >&2
	exit 2
fi
image=$1 out=$2

# unpack_le OFFSET SIZE: the little-endian unsigned integer at OFFSET.
unpack_le()
{
	local bytes value=0 i

	read -ra bytes < <(od -An -tu1 -j "$1" -N "$2" "$image")
	for ((i = ${#bytes[@]} - 1; i >= 0; i--)); do
		value=$((value * 256 + bytes[i]))
	done
	echo "$value"
}

if [[ $(od -An -c -j 0x202 -N 4 "$image" | tr -d ' ') != HdrS ]]; then
	echo "unpack-vmlinux: $image is not a bzImage (no HdrS header)" >&2
	exit 1
fi
version=$(unpack_le 0x206 2)
if ((version < 0x208)); then
	echo "unpack-vmlinux: boot protocol $((version >> 8)).$((version & 255)) has no payload fields (2.08+)" >&2
	exit 1
fi
setup_sects=$(unpack_le 0x1f1 1)
((setup_sects == 0)) && setup_sects=4 # the protocol's rule for old images
payload_offset=$(unpack_le 0x248 4)
payload_length=$(unpack_le 0x24c 4)
# The protected-mode part follows the boot sector and the setup sectors.
start=$(((setup_sects + 1) * 512 + payload_offset))

magic=$(od -An -tx1 -j "$start" -N 6 "$image" | tr -d ' \n')
case $magic in
fd377a585a00*) tool=(xz -dc) ;;
1f8b*) tool=(gzip -dc) ;;
28b52ffd*) tool=(zstd -dc) ;;
425a68*) tool=(bzip2 -dc) ;;
5d0000*) tool=(xz -dc --format=lzma) ;;
02214c18*) tool=(lz4 -dc) ;;
*)
	echo "unpack-vmlinux: unknown compression (payload starts with $magic)" >&2
	exit 1
	;;
esac
command -v "${tool[0]}" >/dev/null || { echo "unpack-vmlinux: needs ${tool[0]}" >&2; exit 1; }

# The payload's last 4 bytes are not part of the compressed stream: the
# kernel build appends the uncompressed size there, which checks the result.
stream_length=$((payload_length - 4))
expected_size=$(unpack_le $((start + stream_length)) 4)
dd if="$image" iflag=skip_bytes,count_bytes skip="$start" count="$stream_length" bs=1M status=none |
	"${tool[@]}" >"$out.tmp"
size=$(stat -c %s "$out.tmp")
if ((size != expected_size)); then
	rm -f "$out.tmp"
	echo "unpack-vmlinux: got $size bytes, the bzImage says $expected_size" >&2
	exit 1
fi
if [[ $(od -An -c -N 4 "$out.tmp" | tr -d ' ') != 177ELF ]]; then
	rm -f "$out.tmp"
	echo "unpack-vmlinux: the payload of $image is not an ELF image" >&2
	exit 1
fi
mv "$out.tmp" "$out"
