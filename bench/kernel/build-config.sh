#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the kernel image of one configuration in its own build tree, as
# tests/boot/boot_config.sh does, without booting it: run.sh builds one
# image per configuration of bench/kernel-configs.txt and per
# configs/*_defconfig with it.
# Usage: build-config.sh SOURCE_DIR WORK_DIR CONFIG_LINES...|--defconfig FILE
#   e.g. build-config.sh . /tmp/w CONFIG_PLATFORM_X86_64=y CONFIG_PMM_BITMAP=y ...
# Prints the image's path; the logs are in WORK_DIR.
set -euo pipefail
if [[ $# -lt 3 ]]; then
	sed -n '7,9p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
	exit 2
fi
src=$(cd "$1" && pwd) work=$2
shift 2
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [[ $1 == --defconfig ]]; then
	cp "$2" "$work/defconfig"
else
	printf '%s\n' "$@" >"$work/defconfig"
fi

# A tree configured for another source directory cannot be reused.
cache=$work/build/CMakeCache.txt
if [[ -f $cache ]] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$cache"; then
	rm -rf "$work/build"
fi

# The menus come from this tree's own idlc; kconfig-conf expands the lines
# into a full .config; a Kconfig warning is an error, as in the build.
cmake -S "$src" -B "$work/build" -G Ninja -DTESSERA_CONFIG="$work/.config" >"$work/cmake.log"
cmake --build "$work/build" --target kconfig_fragment >"$work/build.log"
(cd "$work" && TESSERA_GEN_KCONFIG="$work/build/gen/components.Kconfig" KCONFIG_CONFIG="$work/.config" \
	kconfig-conf --defconfig=defconfig "$src/Kconfig" >"$work/kconfig.log" 2>&1)
if grep -qi warning "$work/kconfig.log"; then
	cat "$work/kconfig.log" >&2
	exit 1
fi
cmake -S "$src" -B "$work/build" >>"$work/cmake.log"
if ! cmake --build "$work/build" --target tessera.elf >>"$work/build.log" 2>&1; then
	tail -30 "$work/build.log" >&2
	exit 1
fi
echo "$work/build/tessera.elf"
