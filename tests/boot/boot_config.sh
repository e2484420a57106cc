#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the kernel for one configuration in its own build tree and boots it
# in QEMU on microvm and pc: the composition it prints must be the one the
# configuration asks for, its KTAP self-tests must all pass, and the run must
# end with status 0.
# Usage: boot_config.sh SOURCE_DIR WORK_DIR DEFCONFIG_LINES...
#   e.g. boot_config.sh . /tmp/w CONFIG_PMM_BITMAP=y CONFIG_HEAP_TLSF=y ...
set -euo pipefail
src=$(cd "$1" && pwd) work=$2
shift 2
mkdir -p "$work"
printf '%s\n' "$@" >"$work/defconfig"

# The menus come from the project's own build of idlc, in this tree.
cmake -S "$src" -B "$work/build" -G Ninja -DTESSERA_CONFIG="$work/.config" >"$work/cmake.log"
cmake --build "$work/build" --target kconfig_fragment >"$work/build.log"
(cd "$work" && TESSERA_GEN_KCONFIG="$work/build/gen/components.Kconfig" KCONFIG_CONFIG="$work/.config" \
  kconfig-conf --defconfig=defconfig "$src/Kconfig" >"$work/kconfig.log" 2>&1)
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
    comp=$(grep -l "config *= *$sym;" "$src"/components/*/*/component.idl "$src"/platform/*/component.idl |
           head -1 | xargs grep -oE 'component +[a-z0-9_]+' | awk '{print $2}')
    [ -n "$comp" ] || continue
    if [ "$comp" != kernel_core ] && ! grep -q -- "-> $comp" "$work/$machine.log"; then
      echo "FAIL: $machine: the composition does not bind $comp"; fail=1
    fi
  done
done
exit "$fail"
