#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Generates everything twice, once from inside the case and once from a
# different working directory with --root and absolute paths, and requires
# identical bytes: no timestamps, no absolute paths, no hash-order output.
# Usage: run_determinism.sh IDLC CASE_DIR
set -euo pipefail
idlc=$1 case_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() { # outdir, then idlc's leading arguments
  local out=$1; shift
  IDLC_NO_SVG=1 "$idlc" "$@" --headers "$out" --bind "$out" --syscalls "$out" --kconfig "$out/Kconfig" \
    --json "$out/spec.json" --docs "$out/docs"
}
(cd "$case_dir" && gen "$work/a" --config test.config idl components)
(cd / && gen "$work/b" --root "$case_dir" --config "$case_dir/test.config" "$case_dir/idl" "$case_dir/components")
diff -r "$work/a" "$work/b"
if grep -rl "$case_dir\|$work" "$work/a"; then echo "absolute paths leaked into the output"; exit 1; fi
echo "ok: $(find "$work/a" -type f | wc -l) files identical"
