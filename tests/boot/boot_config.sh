#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the kernel for one configuration in its own build tree and boots it
# in QEMU on microvm and pc: the composition it prints must be the one the
# configuration asks for, its KTAP self-tests must all pass, and the run must
# end with status 0.
# Usage: boot_config.sh SOURCE_DIR WORK_DIR DEFCONFIG_LINES...
#        boot_config.sh SOURCE_DIR WORK_DIR --randconfig SEED
#   e.g. boot_config.sh . /tmp/w CONFIG_PMM_BITMAP=y CONFIG_HEAP_TLSF=y ...
set -euo pipefail
src=$(cd "$1" && pwd) work=$2
shift 2
mkdir -p "$work"
seed=""
if [ "${1:-}" = --randconfig ]; then
  seed=$2
  shift 2
fi
printf '%s\n' "$@" >"$work/defconfig"
report_config() { # on failure: what to reproduce it with
  [ -n "$seed" ] && echo "randconfig seed: $seed (KCONFIG_SEED=$seed make randconfig)"
  echo "--- .config:"; grep -v '^#' "$work/.config" | grep -v '^$'
}
trap 'if [ $? -ne 0 ]; then report_config; fi' EXIT

# The menus come from the project's own build of idlc, in this tree.
cmake -S "$src" -B "$work/build" -G Ninja -DTESSERA_CONFIG="$work/.config" >"$work/cmake.log"
cmake --build "$work/build" --target kconfig_fragment >"$work/build.log"
if [ -n "$seed" ]; then mode=--randconfig; else mode=--defconfig=defconfig; fi
(cd "$work" && TESSERA_GEN_KCONFIG="$work/build/gen/components.Kconfig" KCONFIG_CONFIG="$work/.config" \
  KCONFIG_SEED="$seed" kconfig-conf "$mode" "$src/Kconfig" >"$work/kconfig.log" 2>&1)
# The composition checks below use what the configuration selected.
[ -z "$seed" ] || set -- $(grep '=y$' "$work/.config")
if grep -qi warning "$work/kconfig.log"; then cat "$work/kconfig.log"; exit 1; fi
cmake -S "$src" -B "$work/build" >>"$work/cmake.log"
cmake --build "$work/build" --target tessera.elf >>"$work/build.log" || { tail -30 "$work/build.log"; exit 1; }

fail=0
for machine in microvm pc; do
  set +e
  "$src/platform/x86_64/qemu-run.sh" -M "$machine" -t 60 "$work/build/tessera.elf" >"$work/$machine.log" 2>&1
  status=$?
  set -e
  echo "--- $machine: status $status"
  cat "$work/$machine.log"
  [ "$status" -eq 0 ] || { echo "FAIL: $machine exited with $status"; fail=1; }
  grep -q '^ok 1 kernel_selftest' "$work/$machine.log" || { echo "FAIL: $machine: self-tests"; fail=1; }
  if grep -q '^ *not ok' "$work/$machine.log"; then echo "FAIL: $machine: a test failed"; fail=1; fi
  # Every selected implementation appears in the composition.
  for line in "$@"; do
    sym=${line#CONFIG_}; sym=${sym%=y}
    # Symbols that are no component's (IF_*, KERNEL, tunables) match no manifest.
    manifest=$(grep -l "config *= *$sym;" "$src"/components/*/*/component.idl "$src"/platform/*/component.idl |
               head -1 || true)
    [ -n "$manifest" ] || continue
    comp=$(grep -oE 'component +[a-z0-9_]+' "$manifest" | awk '{print $2}')
    [ -n "$comp" ] || continue
    if [ "$comp" != kernel_core ] && ! grep -q -- "-> $comp" "$work/$machine.log"; then
      echo "FAIL: $machine: the composition does not bind $comp"; fail=1
    fi
  done
done
exit "$fail"
