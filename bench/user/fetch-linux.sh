#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fetches the Linux guest of the side-by-side benchmark: the kernel package
# Debian's linux-image-amd64 depends on (linux-image-6.1.0-N-amd64), taken
# with `apt-get download` and unpacked with `dpkg -x` into CACHE_DIR (never
# installed), then its bzImage turned into an uncompressed vmlinux that QEMU
# boots through PVH. Needs the network once; later runs reuse CACHE_DIR.
# Called by run.sh; usable alone.
# Usage: fetch-linux.sh CACHE_DIR      prints the vmlinux path; its version
#                                      is in CACHE_DIR/version
set -euo pipefail

if [[ $# -ne 1 ]]; then
	echo "usage: fetch-linux.sh CACHE_DIR" >&2
	exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1"
cache=$(cd "$1" && pwd)
if [[ -s $cache/vmlinux && -s $cache/version ]]; then
	echo "$cache/vmlinux"
	exit 0
fi

# The meta-package only depends on the real one, which holds the kernel.
package=$(apt-cache depends linux-image-amd64 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
if [[ -z $package ]]; then
	echo "fetch-linux: apt-cache knows no linux-image-amd64 (apt-get update first?)" >&2
	exit 1
fi
echo "fetch-linux: downloading $package into $cache" >&2
rm -rf "$cache/deb" "$cache/root"
mkdir -p "$cache/deb"
# apt's _apt user must be able to write there, or apt warns and downloads as root.
chmod 0777 "$cache/deb"
(cd "$cache/deb" && apt-get download -q "$package" >&2)
dpkg -x "$cache"/deb/"$package"_*.deb "$cache/root"
bzimage=$(ls "$cache"/root/boot/vmlinuz-*)
"$here/unpack-vmlinux.sh" "$bzimage" "$cache/vmlinux"
echo "$package $(dpkg-deb -f "$cache"/deb/"$package"_*.deb Version)" >"$cache/version"
# Only vmlinux is used: the guest runs from its initramfs, without modules.
rm -rf "$cache/root"
echo "$cache/vmlinux"
