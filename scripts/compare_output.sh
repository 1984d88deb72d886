#!/usr/bin/env bash
# Compare what two yoshiki binaries say about the same inputs, byte for
# byte: `check --format json` and `extract --format json` (issue 13: a
# refactor or a speed-up must not change a single byte).
#
#   scripts/compare_output.sh OLD_BINARY NEW_BINARY [PATH ...]
#
# PATHs default to samples/ and the shared corpus when present
# ($YOSHIKI_CORPUS, as the tests read it, else ../shared/corpus). `check`
# runs with a fixed --as-of so that the two runs agree on "today". Exit
# status 1 on the first difference, with a diff of the two outputs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OLD="${1:?old binary}"
NEW="${2:?new binary}"
shift 2
PATHS=("$@")
if [ ${#PATHS[@]} -eq 0 ]; then
    PATHS=("$REPO/samples")
    CORPUS="${YOSHIKI_CORPUS:-$REPO/../shared/corpus}"
    [ -d "$CORPUS" ] && PATHS+=("$CORPUS")
fi
AS_OF="${AS_OF:-2026-04-01}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

status=0
for path in "${PATHS[@]}"; do
    for command in check extract; do
        extra=()
        [ "$command" = check ] && extra=(--as-of "$AS_OF")
        for side in old new; do
            bin="$OLD"
            [ "$side" = new ] && bin="$NEW"
            # Findings make the exit status 1: the output is what counts.
            "$bin" "$command" --format json "${extra[@]}" "$path" \
                >"$OUT/$side.json" 2>"$OUT/$side.err" || true
        done
        if cmp -s "$OUT/old.json" "$OUT/new.json"; then
            echo "same  $command $path ($(wc -c <"$OUT/new.json") bytes)"
        else
            echo "DIFF  $command $path"
            diff "$OUT/old.json" "$OUT/new.json" | head -40
            status=1
        fi
    done
done
exit $status
