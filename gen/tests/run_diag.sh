#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the examples of one diagnostic ID from docs/diagnostics.md: the bad
# example must fail with exactly the text shown (caret lines included), the
# good one must pass silently.
# Usage: run_diag.sh IDLC CATALOG ID
set -euo pipefail
idlc=$1 catalog=$2 id=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Split the section of $id into $work/bad/... and $work/good/...: a fenced
# block opened as ```lang file=PATH becomes that file; ```text expected is
# the expected output of the bad example.
awk -v id="$id" -v out="$work" '
  /^## E[0-9]+/ { insec = ($2 == id); next }
  !insec { next }
  /^Bad:/ { mode = "bad"; next }
  /^Good:/ { mode = "good"; next }
  /^```/ && target { target = ""; next }
  /^```[a-z]* *file=/ { sub(/.*file=/, ""); target = out "/" mode "/" $0
                        system("mkdir -p \"$(dirname \"" target "\")\""); printf "" > target; next }
  /^```text expected/ { target = out "/expected.txt"; printf "" > target; next }
  target { print >> target }
' "$catalog"

[ -d "$work/bad" ] && [ -f "$work/expected.txt" ] && [ -d "$work/good" ] ||
  { echo "$id: the catalog needs a Bad: example, its expected text and a Good: example"; exit 1; }

run() { # dir -> prints idlc's output, returns its status; a file `args` gives the arguments
  (cd "$1" && if [ -f args ]; then "$idlc" $(cat args); elif [ -f .config ]; then "$idlc" --config .config .;
   else "$idlc" .; fi) 2>&1
}
set +e
run "$work/bad" >"$work/actual.txt"; bad_status=$?
run "$work/good" >"$work/good.txt"; good_status=$?
set -e
fail=0
if [ "$bad_status" -ne 1 ]; then echo "$id: bad example exited $bad_status, expected 1"; fail=1; fi
if ! diff -u "$work/expected.txt" "$work/actual.txt"; then echo "$id: output differs"; fail=1; fi
if ! grep -q "error\[$id\]" "$work/actual.txt"; then echo "$id: the bad example does not report $id"; fail=1; fi
if [ "$good_status" -ne 0 ] || [ -s "$work/good.txt" ]; then
  echo "$id: good example failed ($good_status):"; cat "$work/good.txt"; fail=1
fi
[ "$fail" = 0 ] && echo "ok: $id"
exit "$fail"
