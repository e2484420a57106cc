#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every diagnostic ID used in gen/ has a section in docs/diagnostics.md, and
# every section's ID is used: the catalog and the compiler cannot drift.
# Usage: check_catalog.sh GEN_DIR CATALOG
set -euo pipefail
gen=$1 catalog=$2
used=$(grep -ohE '(diag_error(_at)?|lex_error)\((c, l|yyextra, yylloc|[0-9]+)|check_report_unknown\(c, [0-9]+' \
         "$gen"/*.c "$gen"/*.l "$gen"/*.y |
       sed -E 's/lex_error.*/2/; s/.*[(, ]([0-9]+)$/\1/' | sort -un | awk '{ printf "E%04d\n", $1 }')
listed=$(grep -oE '^## E[0-9]+' "$catalog" | cut -c4- | sort -u)
missing=$(comm -23 <(echo "$used") <(echo "$listed"))
unused=$(comm -13 <(echo "$used") <(echo "$listed"))
[ -z "$missing" ] || { echo "IDs used in gen/ but missing from the catalog: $missing"; exit 1; }
[ -z "$unused" ] || { echo "IDs in the catalog that gen/ never emits: $unused"; exit 1; }
echo "ok: $(echo "$used" | wc -l) diagnostic IDs, all in the catalog"
