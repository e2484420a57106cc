#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The init order around cycles: a requirement of a multi interface that
# would close a cycle (a file layer requiring fs, a /proc driver providing
# fs and requiring the process layer, which requires the file layer) is
# left out of the order and the spec checks clean, with everything else
# ordered; the same cycle through singletons only is still error E0302.
# Usage: run_order.sh IDLC
set -euo pipefail
idlc=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# component DIR NAME CONFIG BODY: a manifest.
component() {
  mkdir -p "$tmp/$1/components/$2"
  cat >"$tmp/$1/components/$2/component.idl" <<IDL
/// $2.
component $2 {
    version = "1.0.0";
    license = "Apache-2.0";
    config = $3;
$4
}
IDL
}

# spec DIR FS_KIND: interfaces fs (multi or singleton), files and procs.
spec() {
  mkdir -p "$tmp/$1/idl"
  cat >"$tmp/$1/idl/order.idl" <<IDL
// SPDX-License-Identifier: Apache-2.0
/// File-system drivers.
$2 interface fs {
    /// Mount one.
    fn mount();
}
/// The file layer.
singleton interface files {
    /// Open something.
    fn open();
}
/// Processes.
singleton interface procs {
    /// Start one.
    fn spawn();
}
IDL
  component "$1" files_core FILES_CORE "    provides files { open = files_open; }
    requires fs;"
  component "$1" procs_unix PROCS_UNIX "    provides procs { spawn = procs_spawn; }
    requires files;"
  component "$1" procfs PROCFS "    provides fs { mount = procfs_mount; }
    requires procs;"
  printf 'CONFIG_FILES_CORE=y\nCONFIG_PROCS_UNIX=y\nCONFIG_PROCFS=y\n' >"$tmp/$1/.config"
}

spec multi multi
component multi ramfs RAMFS "    provides fs { mount = ramfs_mount; }"
echo CONFIG_RAMFS=y >>"$tmp/multi/.config"
out=$("$idlc" --root "$tmp/multi" --config "$tmp/multi/.config" --list "$tmp/multi/idl" "$tmp/multi/components")
order=$(sed -n 's/^init order: //p' <<<"$out")
echo "multi: init order: $order"
pos() { tr ' ' '\n' <<<"$order" | grep -nx "$1" | cut -d: -f1; }
[ "$(pos ramfs)" -lt "$(pos files_core)" ] || { echo "FAIL: ramfs not before files_core"; exit 1; }
[ "$(pos files_core)" -lt "$(pos procs_unix)" ] || { echo "FAIL: files_core not before procs_unix"; exit 1; }
[ "$(pos procs_unix)" -lt "$(pos procfs)" ] || { echo "FAIL: procs_unix not before procfs"; exit 1; }

spec single singleton
set +e
"$idlc" --root "$tmp/single" --config "$tmp/single/.config" "$tmp/single/idl" "$tmp/single/components" \
  >"$tmp/single.log" 2>&1
status=$?
set -e
cat "$tmp/single.log"
[ $status -ne 0 ] && grep -q 'error\[E0302\]: dependency cycle' "$tmp/single.log" ||
  { echo "FAIL: a cycle through singletons only was not reported"; exit 1; }
echo "ok: a multi requirement closing a cycle is left out of the order; a singleton cycle is an error"
