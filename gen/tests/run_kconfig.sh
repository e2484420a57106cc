#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Kconfig fragment, through kconfig-frontends: it parses without a
# warning, and every configuration Kconfig lets a user reach (alldefconfig,
# allyesconfig, allnoconfig and random ones) is one idlc can wire: no unmet
# requirement, no second provider of a singleton.
# Usage: run_kconfig.sh IDLC CASE_DIR
set -euo pipefail
idlc=$1 case_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v kconfig-conf >/dev/null || { echo "kconfig-conf is missing (kconfig-frontends)"; exit 1; }

(cd "$case_dir" && "$idlc" --kconfig "$work/components.Kconfig" idl components)
cat >"$work/Kconfig" <<KCONFIG
mainmenu "idlc Kconfig test"
source "$work/components.Kconfig"
KCONFIG

try() { # mode [seed]
  local cfg="$work/$1${2:+-$2}.config"
  (cd "$work" && KCONFIG_CONFIG="$cfg" KCONFIG_SEED="${2:-}" kconfig-conf "--$1" Kconfig) >"$work/out" 2>&1
  if grep -qi 'warning\|error' "$work/out"; then cat "$work/out"; echo "FAIL: kconfig-conf --$1 complained"; exit 1; fi
  (cd "$case_dir" && "$idlc" --config "$cfg" idl components) ||
    { cat "$cfg"; echo "FAIL: idlc rejects the configuration from --$1 ${2:-}"; exit 1; }
  echo "ok: --$1 ${2:-} gives a configuration idlc accepts ($(grep -c '=y' "$cfg") symbols set)"
}
for mode in alldefconfig allyesconfig allnoconfig; do try "$mode"; done
for seed in 1 2 3 4 5 6 7 8 9 10; do try randconfig "$seed"; done
