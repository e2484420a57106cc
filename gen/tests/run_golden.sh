#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Golden test: runs idlc with every output kind over one case directory
# (idl/, components/, test.config) and compares the whole output tree with the
# case's expected/ tree byte for byte. UPDATE_GOLDEN=1 rewrites expected/.
# Usage: run_golden.sh IDLC CASE_DIR
set -euo pipefail
idlc=$1 case_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$case_dir"
inputs=()
for d in idl components; do [ -d "$d" ] && inputs+=("$d"); done
config=()
[ -f test.config ] && config=(--config test.config)
# The SVG depends on the installed Graphviz version; it is tested elsewhere.
IDLC_NO_SVG=1 "$idlc" "${config[@]}" --headers "$work/out/gen" --syscalls "$work/out/gen" \
  --kconfig "$work/out/Kconfig.components" --json "$work/out/spec.json" --docs "$work/out/docs" \
  $([ -f test.config ] && echo --bind "$work/out/gen") "${inputs[@]}" >"$work/out.list" 2>"$work/stderr" ||
  { cat "$work/stderr"; echo "idlc failed on $case_dir"; exit 1; }
"$idlc" "${config[@]}" --list "${inputs[@]}" >"$work/out/list.txt"
if [ -s "$work/stderr" ]; then cat "$work/stderr"; echo "idlc printed diagnostics for a good input"; exit 1; fi

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  rm -rf expected && cp -r "$work/out" expected && echo "updated $case_dir/expected"
  exit 0
fi
diff -ru expected "$work/out" && echo "ok: $(find expected -type f | wc -l) files match"
