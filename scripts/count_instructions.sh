#!/usr/bin/env bash
# Instructions per file of `yoshiki check` / `extract` under callgrind:
# steadier than wall time on a shared two-core machine (issue 13).
#
#   scripts/count_instructions.sh BINARY DIR [check|extract] [FUNCTION ...]
#
# Runs `BINARY COMMAND --format json DIR` in this process (`check
# --in-process --as-of 2026-04-01`, so that worker children are counted
# too), then prints the total instructions, the files in the report, the
# instructions per file, and the inclusive count of each FUNCTION named
# (a substring of the symbol, e.g. knowledge_findings). Needs valgrind.
set -euo pipefail

BIN="${1:?binary (a release build)}"
DIR="${2:?directory}"
COMMAND="${3:-check}"
shift $(( $# < 3 ? $# : 3 ))
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

extra=()
[ "$COMMAND" = check ] && extra=(--in-process --as-of 2026-04-01)
valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" \
    "$BIN" "$COMMAND" --format json "${extra[@]}" "$DIR" \
    >"$OUT/report.json" 2>"$OUT/valgrind.err" || true
total=$(sed -n 's/.*Collected : *//p' "$OUT/valgrind.err" | tail -1)
files=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"]))' "$OUT/report.json")
echo "command:      $COMMAND $DIR"
echo "instructions: $total"
echo "files:        $files"
echo "per file:     $(( total / (files > 0 ? files : 1) ))"
for f in "$@"; do
    # The largest inclusive count among the symbol's entries (inlined
    # copies are listed apart, under the file they were inlined from).
    n=$(callgrind_annotate --inclusive=yes "$OUT/cg.out" 2>/dev/null \
        | grep -F "$f" | awk '$1 ~ /^[0-9,]+$/ {gsub(",", "", $1); if ($1 > m) m = $1} END {print m + 0}')
    echo "$f: ${n:-0}"
done
