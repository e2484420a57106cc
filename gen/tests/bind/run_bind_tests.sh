#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compiles generated C for a case and checks: (1) a singleton call site has
# no indirect call, (2) an implementation with the wrong signature fails to
# compile with a message naming the interface method, (3) the glue links and
# behaves (glue_test.c).
# Usage: run_bind_tests.sh IDLC CASE_DIR CC
set -euo pipefail
idlc=$1 case_dir=$2 cc=$3 here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -I"$work/gen/include")
(cd "$case_dir" && "$idlc" --config test.config --headers "$work/gen" --bind "$work/gen" --syscalls "$work/gen" idl components)

"$cc" "${cflags[@]}" -c "$here/consumer.c" -o "$work/consumer.o"
body=$(objdump -dr --no-show-raw-insn "$work/consumer.o" | awk '/<consume_pmm>:/,/^$/')
echo "$body"
if echo "$body" | grep -Eq 'call +\*|jmp +\*'; then echo "FAIL: indirect call in a singleton call site"; exit 1; fi
echo "$body" | grep -q 'buddy_alloc' || { echo "FAIL: the call does not reach buddy_alloc directly"; exit 1; }
echo "ok: pmm_alloc() compiles to a direct call to buddy_alloc"

if "$cc" "${cflags[@]}" -c "$here/wrong_signature.c" -o "$work/wrong.o" 2>"$work/wrong.txt"; then
  echo "FAIL: a wrong signature compiled"; exit 1
fi
cat "$work/wrong.txt"
grep -q "conflicting types for .buddy_alloc." "$work/wrong.txt" &&
  grep -q "implements pmm.alloc (idl/pmm.idl:" "$work/wrong.txt" ||
  { echo "FAIL: the compiler error does not name the interface method"; exit 1; }
echo "ok: a wrong signature is a compile error that names pmm.alloc"

"$cc" "${cflags[@]}" -fsanitize=address,undefined -I"$work/gen/include" "$here/glue_test.c" \
  "$work/gen/bind.c" "$work/gen/init.c" -o "$work/glue_test"
"$work/glue_test"
