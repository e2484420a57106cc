#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A committed defconfig must be what `make savedefconfig` writes for it:
# expanded (`make <name>_defconfig`) and saved again, its settings come back
# unchanged and Kconfig warns about nothing. Its comment lines (the header
# saying what it is for) are not compared. tests/boot/CMakeLists.txt runs
# it for every configs/*_defconfig.
# Usage: savedefconfig_check.sh SOURCE_DIR KCONFIG_FRAGMENT WORK_DIR DEFCONFIG
set -euo pipefail
if [ $# -ne 4 ]; then
  sed -n '8p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
  exit 2
fi
src=$(cd "$1" && pwd) fragment=$2 work=$3 defconfig=$4
mkdir -p "$work"
cd "$work"
export TESSERA_GEN_KCONFIG=$fragment KCONFIG_CONFIG=$work/.config
rm -f .config saved_defconfig
kconfig-conf --defconfig="$defconfig" "$src/Kconfig" >kconfig.log 2>&1
kconfig-conf --savedefconfig=saved_defconfig "$src/Kconfig" >>kconfig.log 2>&1
if grep -qi warning kconfig.log; then
  cat kconfig.log
  echo "FAIL: Kconfig warns about $defconfig"
  exit 1
fi
head -1 "$defconfig" | grep -q '^# SPDX-License-Identifier' &&
  sed -n 2p "$defconfig" | grep -q '^# [A-Za-z]' ||
  { echo "FAIL: $defconfig does not start with its SPDX line and a comment saying what it is for"; exit 1; }
grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$defconfig" >committed || true
if ! diff -u committed saved_defconfig; then
  echo "FAIL: $defconfig is not what savedefconfig writes for it (+ lines: savedefconfig);"
  echo "      make $(basename "$defconfig") savedefconfig, then keep ./defconfig's lines under its header"
  exit 1
fi
echo "$defconfig: savedefconfig gives it back ($(wc -l <committed) settings)"
