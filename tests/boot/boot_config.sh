#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the kernel for one configuration and boots it in QEMU on microvm and
# pc: the composition it prints must be the one the configuration selects,
# its KTAP document must be complete with every test passed, and each run
# must end with status 0. A configuration with user space then boots the
# initramfs on both machines and must pass the user-space suite.
# The boot tests of tests/boot/CMakeLists.txt call it, one configuration each.
# Usage: boot_config.sh SOURCE_DIR WORK_DIR [--tree BUILD_DIR] CONFIG
#   CONFIG: --defconfig FILE | --randconfig SEED | DEFCONFIG_LINES...
#   e.g. boot_config.sh . /tmp/w --defconfig configs/fair_defconfig
#        boot_config.sh . /tmp/w CONFIG_PMM_BITMAP=y
# The build tree (default WORK_DIR/build) may be shared by several
# configurations: each build in it is incremental, one at a time (flock).
# Logs, the expanded .config and the image stay in WORK_DIR.
set -euo pipefail
src=$(cd "$1" && pwd) work=$2
shift 2
mkdir -p "$work"
work=$(cd "$work" && pwd)
tree=$work/build
if [ "${1:-}" = --tree ]; then
  tree=$2
  shift 2
fi
seed=""
case "${1:-}" in
--randconfig) seed=$2 ;;
--defconfig) cp "$2" "$work/defconfig" ;;
*) printf '%s\n' "$@" >"$work/defconfig" ;;
esac
rm -f "$work/.config" "$work"/*.log
[ -z "$seed" ] || rm -f "$work/defconfig"

report_config() { # on failure: what to reproduce it with
  [ -z "$seed" ] || echo "randconfig seed: $seed (KCONFIG_SEED=$seed make randconfig)"
  [ -n "$seed" ] || { echo "--- defconfig:"; cat "$work/defconfig"; }
  echo "--- .config:"
  [ ! -f "$work/.config" ] || grep -v '^#' "$work/.config" | grep -v '^$' || true
}
trap 'status=$?; if [ $status -ne 0 ]; then report_config; fi; exit $status' EXIT

mkdir -p "$tree"
exec 9>"$tree/.boot-config.lock"
flock 9
# The tree builds from TREE/.config, which only changes when the
# configuration does, so a configuration builds what differs from the last.
[ -f "$tree/build.ninja" ] ||
  cmake -S "$src" -B "$tree" -G Ninja -DTESSERA_CONFIG="$tree/.config" >"$work/cmake.log"
cmake --build "$tree" --target kconfig_fragment >"$work/build.log" || { tail -30 "$work/build.log"; exit 1; }

# The menus come from this tree's own idlc; kconfig-conf expands the
# configuration into a full .config, without a warning.
if [ -n "$seed" ]; then mode=--randconfig; else mode=--defconfig=defconfig; fi
(cd "$work" && TESSERA_GEN_KCONFIG="$tree/gen/components.Kconfig" KCONFIG_CONFIG="$work/.config" \
  KCONFIG_SEED="$seed" kconfig-conf "$mode" "$src/Kconfig" >"$work/kconfig.log" 2>&1)
if grep -qi warning "$work/kconfig.log"; then cat "$work/kconfig.log"; exit 1; fi
# What the configuration asks for, Kconfig must have kept (not dropped for
# an unmet dependency).
[ -n "$seed" ] || while read -r line; do
  case "$line" in CONFIG_*=*) ;; *) continue ;; esac
  grep -qxF -- "$line" "$work/.config" || { echo "FAIL: Kconfig did not keep $line"; exit 1; }
done <"$work/defconfig"

cmp -s "$work/.config" "$tree/.config" || cp "$work/.config" "$tree/.config"
cmake --build "$tree" --target tessera.elf initramfs >>"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
cp "$tree/tessera.elf" "$work/tessera.elf"
cp "$tree/initramfs.cpio" "$work/initramfs.cpio"
# The bindings of the configuration, as idlc makes them: one line each,
# "bind <interface> -> <component>", for every singleton. (A selected multi
# provider registers only where its device exists: vga not on microvm.)
"$tree/gen/idlc" --root "$src" --config "$work/.config" --list "$src/idl" "$src/components" "$src/platform" \
  >"$work/list.log"
# An optional singleton this configuration leaves out is "bound to nothing"
# and prints no line.
bindings=$(sed -nE '/bound to nothing$/d; s/^([a-z0-9_]+) \(singleton\): bound to ([a-z0-9_]+)$/bind \1 -> \2/p' \
  "$work/list.log")
[ -n "$bindings" ] || { cat "$work/list.log"; echo "FAIL: idlc binds nothing for this configuration"; exit 1; }
flock -u 9

# ktap_passed LOG: the boot's KTAP document is complete (as many top-level
# results as its plan announces) and no test at any level failed.
ktap_passed() {
  tr -d '\r' <"$1" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' | awk '
    /^KTAP version 1$/ && !seen { seen = 1; next }
    seen && !plan && /^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0; next }
    /^ *not ok / { bad = 1 }
    seen && /^ok [0-9]+ / { n++ }
    END { exit !(seen && plan > 0 && n == plan && !bad) }'
}

fail=0
for machine in microvm pc; do
  set +e
  "$src/platform/x86_64/qemu-run.sh" -M "$machine" -t 60 "$work/tessera.elf" >"$work/$machine.log" 2>&1
  status=$?
  set -e
  echo "--- $machine: status $status"
  cat "$work/$machine.log"
  [ "$status" -eq 0 ] || { echo "FAIL: $machine exited with $status"; fail=1; }
  ktap_passed "$work/$machine.log" ||
    { echo "FAIL: $machine: the KTAP self-tests did not all pass (or the document is incomplete)"; fail=1; }
  while read -r binding; do
    tr -d '\r' <"$work/$machine.log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' | grep -qxF -- "$binding" ||
      { echo "FAIL: $machine: the composition lacks '$binding'"; fail=1; }
  done <<<"$bindings"
done

# A kernel with processes, an initramfs reader, ramfs to unpack it into and
# devfs for /dev/console runs the user-space test suite (user/tests, static
# musl programs) as /init's children, on both machines; without them it has
# no user space to test.
user_space=1
for symbol in PROC_UNIX INITRAMFS_CPIO FS_RAMFS FS_DEVFS; do
  grep -qx "CONFIG_$symbol=y" "$work/.config" || user_space=0
done
if [ $user_space = 1 ]; then
  for machine in microvm pc; do
    set +e
    "$src/tests/user/boot_user_tests.sh" "$work/tessera.elf" "$work/initramfs.cpio" -M "$machine" \
      >"$work/user-$machine.log" 2>&1
    status=$?
    set -e
    echo "--- $machine: user-space tests, status $status"
    cat "$work/user-$machine.log"
    [ "$status" -eq 0 ] || { echo "FAIL: $machine: the user-space tests failed"; fail=1; }
  done
else
  echo "# no user space in this configuration (needs PROC_UNIX, INITRAMFS_CPIO, FS_RAMFS, FS_DEVFS): user-space tests not run"
fi
exit "$fail"
