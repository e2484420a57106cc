#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one user-space test program (user/tests/) on the host Linux, the
# reference its expectations are checked against: in a private PID and
# mount namespace (unshare --pid --fork --mount-proc: a runaway fork or a
# kill(-1, ...) stays inside), with a fresh TMPDIR and a timeout; then checks
# its KTAP output. ctest runs it (user/CMakeLists.txt, label user-host).
# Usage: run_host_test.sh PROGRAM [SECONDS] [ARG...]
set -uo pipefail
prog=$1
seconds=${2:-120}
shift $(($# >= 2 ? 2 : 1))
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tessera-user.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$work/ktap.log

timeout -k 5 "$seconds" unshare --pid --fork --mount-proc env TMPDIR="$work" "$prog" "$@" >"$log" 2>&1
status=$?
cat "$log"
[ $status -ne 124 ] || { echo "run_host_test: $prog timed out after $seconds s"; exit 1; }
"$here/ktap_check.sh" "$log" || exit 1
[ $status -eq 0 ] || { echo "run_host_test: $prog exited with status $status"; exit 1; }
