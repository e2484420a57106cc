#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Kconfig warnings fail the build: the kconfig step of the kernel build
# (kernel.cmake) must refuse a .config with an unknown symbol, an invalid or
# out-of-range value, an overridden setting or a missing symbol, say why,
# and leave the file alone; a good .config must pass and give autoconf.h.
# It runs the very command the build runs for autoconf.h, taken from a
# temporary build tree's build.ninja (the menus copied from a built tree,
# so no idlc build is needed). Run by ctest (kconfig_warnings_fail_build).
# Usage: kconfig_warnings_check.sh SOURCE_DIR KCONFIG_FRAGMENT WORK_DIR
set -euo pipefail
if [ $# -ne 3 ]; then
  sed -n '10p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
  exit 2
fi
src=$(cd "$1" && pwd) fragment=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
config=$work/.config

cmake -S "$src" -B "$work/build" -G Ninja -DTESSERA_CONFIG="$config" >"$work/cmake.log"
mkdir -p "$work/build/gen" "$work/build/kernel"
cp "$fragment" "$work/build/gen/components.Kconfig"
autoconf=kernel/include/generated/autoconf.h
step=$(ninja -C "$work/build" -t commands -s "$autoconf")
grep -q 'kernel.cmake' <<<"$step" || { echo "FAIL: the build's kconfig step is not kernel.cmake's: $step"; exit 1; }

# A good configuration: the default, expanded.
(cd "$work" && TESSERA_GEN_KCONFIG="$fragment" KCONFIG_CONFIG="$config" \
  kconfig-conf --defconfig="$src/configs/default_defconfig" "$src/Kconfig" >/dev/null)
cp "$config" "$work/good.config"
sh -c "$step" >"$work/good.log" 2>&1 || { cat "$work/good.log"; echo "FAIL: a good .config fails the kconfig step"; exit 1; }
grep -q '^#define CONFIG_KERNEL 1' "$work/build/$autoconf" || { echo "FAIL: no autoconf.h"; exit 1; }

# A tunable of the configuration and its range, from the menus.
tunable=$(grep -oE '^CONFIG_[A-Z0-9_]+=[0-9]+$' "$config" | head -1 | sed 's/^CONFIG_//; s/=.*//')
[ -n "$tunable" ] || { echo "FAIL: the default configuration has no tunable to test with"; exit 1; }
hi=$(awk -v s="$tunable" '$1 == "config" { in_sym = ($2 == s) } in_sym && $1 == "range" { print $3; exit }' "$fragment")
[ -n "$hi" ] || { echo "FAIL: no range for $tunable in $fragment"; exit 1; }

# expect_refused NAME EXPECTED_TEXT EDIT: the edited good .config must fail
# the step with the explanation and EXPECTED_TEXT, and stay as it was.
failed=0
expect_refused() {
  cp "$work/good.config" "$config"
  eval "$3"
  cp "$config" "$work/$1.config"
  if sh -c "$step" >"$work/$1.log" 2>&1; then
    echo "FAIL: $1: the kconfig step accepted it"; failed=1
  elif ! grep -q 'Kconfig warnings are errors' "$work/$1.log" || ! grep -qF -- "$2" "$work/$1.log"; then
    cat "$work/$1.log"; echo "FAIL: $1: the step failed without saying '$2'"; failed=1
  elif ! cmp -s "$config" "$work/$1.config"; then
    echo "FAIL: $1: the step rewrote the .config"; failed=1
  else
    echo "ok: $1 refused ($2)"
  fi
}
expect_refused unknown_symbol "the file has:    CONFIG_TESSERA_NO_SUCH_SYMBOL=y" \
  'echo CONFIG_TESSERA_NO_SUCH_SYMBOL=y >>"$config"'
expect_refused out_of_range "the file has:    CONFIG_$tunable=$((hi + 1))" \
  'sed -i "s/^CONFIG_$tunable=.*/CONFIG_$tunable=$((hi + 1))/" "$config"'
expect_refused invalid_value "symbol value 'many' invalid for $tunable" \
  'sed -i "s/^CONFIG_$tunable=.*/CONFIG_$tunable=many/" "$config"'
expect_refused overridden "override: reassigning to symbol $tunable" \
  'echo "$(grep "^CONFIG_$tunable=" "$config")" >>"$config"'
expect_refused missing_symbol "Kconfig wants:   CONFIG_$tunable=" \
  'sed -i "/^CONFIG_$tunable=/d" "$config"'
exit "$failed"
