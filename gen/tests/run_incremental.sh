#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Write-if-changed, with whichever writer the environment picks (IDLC_NO_URING):
# rerunning idlc over an unchanged spec touches no output file, and after an
# edit exactly the files whose bytes changed are rewritten. gen/CMakeLists.txt
# runs it once per writer.
# Usage: run_incremental.sh IDLC CASE_DIR
set -euo pipefail
idlc=$1 case_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$case_dir/idl" "$case_dir/components" "$case_dir/test.config" "$work/"

gen() {
  (cd "$work" && IDLC_NO_SVG=1 "$idlc" --config test.config --headers out/gen --bind out/gen \
    --syscalls out/gen --kconfig out/Kconfig --json out/spec.json --docs out/docs idl components)
}
# Backdates every output, so a rewrite shows whatever the clock's granularity.
backdate() {
  find "$work/out" -type f -exec touch -d '2000-01-01 00:00:00' {} +
}
# Prints the outputs that are no longer backdated.
rewritten() {
  find "$work/out" -type f -newermt '2000-01-02' -printf '%P\n' | sort
}

gen
nfiles=$(find "$work/out" -type f | wc -l)
backdate
gen
if [ -n "$(rewritten)" ]; then
  echo "an unchanged spec rewrote:"; rewritten; exit 1
fi

cp -r "$work/out" "$work/before"
sed -i 's/Largest supported buddy order\./Largest buddy order supported./' "$work/idl/pmm.idl"
gen
changed=$(cd "$work/out" && find . -type f -printf '%P\n' | sort | while read -r f; do
  cmp -s "$f" "$work/before/$f" || echo "$f"; done)
if [ -z "$changed" ]; then echo "the edit of idl/pmm.idl changed no output"; exit 1; fi
if [ "$changed" != "$(rewritten)" ]; then
  echo "files whose bytes changed:"; echo "$changed"
  echo "files rewritten:"; rewritten; exit 1
fi
echo "ok: $nfiles files left alone, then the $(echo "$changed" | wc -l) changed ones rewritten"
