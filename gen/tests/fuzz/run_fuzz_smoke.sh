#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A bounded fuzz run: seeds the corpus with every .idl file of the tree and
# the catalog's examples, then fuzzes for SECONDS with a fixed seed. Any
# crash, sanitizer report or leak fails the test; `make fuzz` runs longer.
# Usage: run_fuzz_smoke.sh FUZZER TREE SECONDS
set -euo pipefail
fuzzer=$1 tree=$2 seconds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
i=0
while IFS= read -r -d '' f; do cp "$f" "$work/corpus/seed$((i++))"; done \
  < <(find "$tree/idl" "$tree/gen/tests" "$tree/components" -name '*.idl' -print0 2>/dev/null)
echo "seeded $i inputs"
cd "$work"
"$fuzzer" -seed=1 -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 15
if [ -n "$(ls -A "$work/artifacts")" ]; then echo "the fuzzer found a crashing input"; exit 1; fi
echo "ok: no crash in ${seconds}s"
