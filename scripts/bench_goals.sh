#!/usr/bin/env bash
# The speed goals of issue 13, measured side by side in one run on the same
# batch: `check` and `extract` against the inflate-every-entry floor
# (examples/inflate_floor.rs) and against pandoc, in wall time and in
# instructions (callgrind: wall times on a shared two-core machine vary).
# A second reference, the XML floor (examples/xml_floor.rs: inflate only
# the parts a Word content reader needs and run quick-xml over them), tells
# how much of yoshiki's time any reader built on quick-xml pays.
#
#   scripts/bench_goals.sh [--sets N] [--runs N] [--profile dist|release] [--no-pgo] [--no-callgrind] [--no-pandoc]
#
#   --sets N      submission sets in the batch (default 300: the sample sets
#                 of samples/ copied round-robin, as bench_compare.sh does)
#   --runs N      hyperfine runs of each fast command (default 10)
#   --profile P   cargo profile of both binaries (default dist: what is
#                 shipped; the floor is built with the same profile)
#   --no-pgo      yoshiki without profile-guided optimisation; by default
#                 the dist binary is built as release.sh ships it, through
#                 scripts/build_pgo.sh (trained on tests/fixtures, never on
#                 the sample sets this batch is made of)
#
# Prints one table; the raw hyperfine JSON and callgrind totals stay under
# $WORK (default /tmp/yoshiki-goals). Needs hyperfine; callgrind needs
# valgrind, the pandoc column pandoc (each skipped with a note when missing).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/yoshiki-goals}"
SETS=300
RUNS=10
PROFILE=dist
CALLGRIND=1
PANDOC=1
PGO=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sets) SETS="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --profile) PROFILE="$2"; shift ;;
    --no-callgrind) CALLGRIND=0 ;;
    --no-pandoc) PANDOC=0 ;;
    --no-pgo) PGO=0 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
have() { command -v "$1" >/dev/null 2>&1; }
have hyperfine || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

DIR="$PROFILE"
[[ "$PROFILE" == dev ]] && DIR=debug
echo "building yoshiki and the floor (profile $PROFILE)…" >&2
if [[ $PGO -eq 1 && "$PROFILE" == dist ]]; then
  # The shipped binary only: a plain dist build of yoshiki would not be measured.
  (cd "$REPO" && cargo build --quiet --profile "$PROFILE" --example inflate_floor --example xml_floor)
  YOSHIKI="$("$REPO/scripts/build_pgo.sh" --profile "$PROFILE")"
  BUILT="profile dist + PGO (scripts/build_pgo.sh), as release.sh ships it"
else
  (cd "$REPO" && cargo build --quiet --profile "$PROFILE" --bin yoshiki --example inflate_floor --example xml_floor)
  YOSHIKI="$REPO/target/$DIR/yoshiki"
  BUILT="profile $PROFILE"
fi
FLOOR="$REPO/target/$DIR/examples/inflate_floor"
XML_FLOOR="$REPO/target/$DIR/examples/xml_floor"

# The batch: the sample sets (folders of samples/ holding .docx) copied
# round-robin into SETS folders.
BATCH="$WORK/batch"
rm -rf "$WORK"
mkdir -p "$BATCH" "$WORK/samples"
(cd "$REPO/samples" && find . -name '*.docx' -exec cp --parents {} "$WORK/samples/" \;)
mapfile -t SAMPLE_SETS < <(find "$WORK/samples" -name '*.docx' -printf '%h\n' | sort -u)
for ((i = 1; i <= SETS; i++)); do
  s="$(printf '%s/set_%05d' "$BATCH" "$i")"
  mkdir -p "$s"
  cp "${SAMPLE_SETS[$(((i - 1) % ${#SAMPLE_SETS[@]}))]}"/*.docx "$s/"
done
FILES=$(find "$BATCH" -name '*.docx' | wc -l)
echo "batch: $SETS sets, $FILES .docx, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

CHECK="$YOSHIKI check --format json --as-of 2026-04-01 $BATCH"
EXTRACT="$YOSHIKI extract --format json $BATCH"
hyperfine -i -N -w2 -r "$RUNS" --output=null --export-json "$WORK/fast.json" \
  "$EXTRACT" "$CHECK" "$FLOOR $BATCH" "$XML_FLOOR $BATCH" >/dev/null
PANDOC_JSON=""
if [[ $PANDOC -eq 1 ]] && have pandoc; then
  hyperfine -i -w0 -r 2 --export-json "$WORK/pandoc.json" \
    "find $BATCH -name '*.docx' -print0 | xargs -0 -P $(nproc) -n 8 sh -c 'for f; do pandoc -t plain -o /dev/null \"\$f\" 2>/dev/null; done' sh" >/dev/null
  PANDOC_JSON="$WORK/pandoc.json"
else
  echo "pandoc skipped" >&2
fi

count() { # NAME COMMAND...: total instructions of the command (user space, children too)
  local name="$1"
  shift
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$WORK/cg.$name.%p" "$@" \
    >/dev/null 2>"$WORK/cg.$name.err" || true
  sed -n 's/.*Collected : *//p' "$WORK/cg.$name.err" \
    | python3 -c 'import sys; print(sum(int(x) for x in sys.stdin.read().split()))'
}
INSTR=""
if [[ $CALLGRIND -eq 1 ]] && have valgrind; then
  # check in this process: worker children under valgrind would count
  # valgrind's own start-up once per child.
  echo "counting instructions (callgrind)…" >&2
  ci=$(count check "$YOSHIKI" check --in-process --format json --as-of 2026-04-01 "$BATCH")
  ei=$(count extract "$YOSHIKI" extract --format json "$BATCH")
  fi=$(count floor "$FLOOR" "$BATCH")
  INSTR="$ci $ei $fi"
else
  echo "callgrind skipped" >&2
fi

echo "yoshiki: $BUILT; floor: profile $PROFILE"
python3 - "$WORK/fast.json" "$FILES" "$PANDOC_JSON" $INSTR <<'EOF'
import json, sys
fast = json.load(open(sys.argv[1]))["results"]
files = int(sys.argv[2])
extract, check, floor, xml_floor = (r for r in fast)
pandoc = json.load(open(sys.argv[3]))["results"][0] if sys.argv[3] else None
ms = lambda r: r["mean"] * 1000
print(f"{files} files; wall time, mean ± σ of hyperfine (ms); ratios of means")
print("| tool | wall (ms) | user CPU (ms) | ÷ floor | ÷ XML floor | pandoc ÷ tool |")
print("|---|---:|---:|---:|---:|---:|")
rows = (("yoshiki extract", extract), ("yoshiki check", check), ("inflate floor", floor), ("XML floor", xml_floor))
for name, r in rows:
    pan = f"{pandoc['mean'] / r['mean']:.0f}×" if pandoc and r in (extract, check) else ""
    print(f"| {name} | {ms(r):.1f} ± {r['stddev'] * 1000:.1f} | {r['user'] * 1000:.0f} | {r['mean'] / floor['mean']:.2f}× | {r['mean'] / xml_floor['mean']:.2f}× | {pan} |")
if pandoc:
    print(f"| pandoc (xargs -P cores) | {ms(pandoc):.0f} ± {pandoc['stddev'] * 1000:.0f} | {pandoc['user'] * 1000:.0f} | {pandoc['mean'] / floor['mean']:.0f}× | | 1× |")
if len(sys.argv) > 4:
    c, e, f = (int(x) for x in sys.argv[4:7])
    print()
    print("| instructions (callgrind) | total (M) | per file (M) | ÷ floor |")
    print("|---|---:|---:|---:|")
    for name, n in (("yoshiki check --in-process", c), ("yoshiki extract", e), ("inflate floor", f)):
        print(f"| {name} | {n / 1e6:.1f} | {n / files / 1e6:.2f} | {n / f:.2f}× |")
print()
print("goals (issue 13): check ≤ 2.0× the floor and ≥ 60× faster than pandoc; extract ≤ 1.5× the floor")
EOF
