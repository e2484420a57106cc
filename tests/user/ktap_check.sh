#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks a KTAP v1 document in a log (a host run's output or a serial log
# with timestamps): the first document found must be complete (as many
# top-level results as its plan announces) and no test at any nesting level
# may be "not ok". run_host_test.sh and boot_user_tests.sh call it.
# Usage: ktap_check.sh LOG   (exit 0 passed, 1 failed or incomplete)
set -euo pipefail
tr -d '\r' <"$1" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' | awk '
	!seen && /^KTAP version 1$/ { seen = 1; next }
	!seen { next }
	/^1\.\.[0-9]+$/ && plan == "" { plan = substr($0, 4) + 0; next }
	/^ *not ok / { failed++; print "ktap_check: " $0 }
	/^ok [0-9]+ / || /^not ok [0-9]+ / { results++ }
	END {
		if (!seen) { print "ktap_check: no KTAP document"; exit 1 }
		if (plan == "" || results != plan) {
			printf "ktap_check: incomplete: %d results for plan 1..%s\n", results, plan
			exit 1
		}
		if (failed) { printf "ktap_check: %d failed\n", failed; exit 1 }
		printf "ktap_check: %d of %d passed\n", results, plan
	}'
