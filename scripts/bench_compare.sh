#!/usr/bin/env bash
# Benchmark yoshiki against other ways of reading .docx, and write the
# results to docs/benchmarks.md (issue 6).
#
#   scripts/bench_compare.sh [--quick] [--runs N] [--sets N] [--scale N] [--no-write]
#
#   --quick      few runs, small data, no scale test (checks the script works)
#   --runs N     timed runs per fast command (default 5); slow tools get 1–2
#   --sets N     submission sets in the scaled data set (default 300)
#   --scale N    files in the synthetic scale batch (default 10000, 0 = skip)
#   --no-write   leave docs/benchmarks.md alone (results stay in $WORK)
#
# Data sets (all copied under $WORK, default /tmp/yoshiki-bench):
#   samples  the .docx files of samples/ (the bundled sample submissions)
#   scaled   samples copied into N submission-set folders
#   corpus   every .docx of ../shared/corpus (real files by many producers)
# Tools, each skipped with a note when missing: yoshiki extract / check
# (release build), the raw inflate floor (examples/inflate_floor.rs),
# pandoc (docx -> plain), python-docx, docx2python, LibreOffice headless
# (docx -> txt). Timing with hyperfine (a plain loop when missing); peak
# memory from /usr/bin/time -v (Maximum resident set size: the largest
# single process of the command).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/yoshiki-bench}"
RUNS=5
SETS=300
SCALE=10000
WRITE=1
QUICK=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; RUNS=2; SETS=20; SCALE=0 ;;
    --runs) RUNS="$2"; shift ;;
    --sets) SETS="$2"; shift ;;
    --scale) SCALE="$2"; shift ;;
    --no-write) WRITE=0 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
SLOW_RUNS=$(( RUNS >= 3 ? 2 : 1 ))
SOFFICE_MAX_FILES="${SOFFICE_MAX_FILES:-400}"
JOBS="$(nproc)"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
RES="$WORK/results"
DATA="$WORK/data"
rm -rf "$RES"
mkdir -p "$RES" "$DATA"
NOTES="$RES/notes.txt"
CMDS="$RES/commands.txt"
: >"$NOTES"
: >"$CMDS"
note() { echo "$*" | tee -a "$NOTES" >&2; }

# ---------------------------------------------------------------- tools
if ! [[ -x /usr/bin/time ]]; then
  note "/usr/bin/time missing: installing the 'time' package"
  (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; }) \
    || note "could not install 'time': peak memory not measured"
fi
have() { command -v "$1" >/dev/null 2>&1; }
pyhas() { python3 -c "import $1" >/dev/null 2>&1; }

echo "building yoshiki (release)…" >&2
(cd "$REPO" && cargo build --release --quiet --bin yoshiki --example inflate_floor)
YOSHIKI="$REPO/target/release/yoshiki"
FLOOR="$REPO/target/release/examples/inflate_floor"
PYX="$REPO/scripts/bench/py_extract.py"

# ---------------------------------------------------------------- data
echo "preparing data under $DATA…" >&2
rm -rf "$DATA"/*
mkdir -p "$DATA/samples" "$DATA/corpus"
if [[ -d "$REPO/samples" ]] && find "$REPO/samples" -name '*.docx' | grep -q .; then
  (cd "$REPO/samples" && find . -name '*.docx' -exec cp --parents {} "$DATA/samples/" \;)
  SAMPLE_SRC="samples/"
else
  note "no .docx under samples/: the samples and scaled data sets use the corpus files under 100 KB instead"
  find "$REPO/../shared/corpus" -name '*.docx' -size -100k -print0 | head -z -n 40 \
    | while IFS= read -r -d '' f; do cp "$f" "$DATA/samples/$(basename "$(dirname "$f")")__$(basename "$f")"; done
  SAMPLE_SRC="corpus (fallback)"
fi
# The sample folders holding .docx files: each is one submission set.
mapfile -t SAMPLE_SETS < <(find "$DATA/samples" -name '*.docx' -printf '%h\n' | sort -u)
make_scaled() { # DIR SETS: SETS folders, each a copy of one sample set, round-robin
  local dir="$1" n="$2" i
  mkdir -p "$dir"
  for ((i = 1; i <= n; i++)); do
    local s src
    s="$(printf '%s/set_%05d' "$dir" "$i")"
    src="${SAMPLE_SETS[$(( (i - 1) % ${#SAMPLE_SETS[@]} ))]}"
    mkdir -p "$s"
    cp "$src"/*.docx "$s/"
  done
}
make_scaled "$DATA/scaled" "$SETS"
if [[ -d "$REPO/../shared/corpus" ]]; then
  find "$REPO/../shared/corpus" -name '*.docx' -print0 | while IFS= read -r -d '' f; do
    rel="${f#"$REPO/../shared/corpus/"}"
    cp "$f" "$DATA/corpus/${rel//\//__}"
  done
else
  note "../shared/corpus missing: corpus data set skipped"
fi

DATASETS=()
for d in samples scaled corpus; do
  n=$(find "$DATA/$d" -name '*.docx' | wc -l)
  if [[ "$n" -gt 0 ]]; then
    DATASETS+=("$d")
    bytes=$(find "$DATA/$d" -name '*.docx' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    echo "{\"name\": \"$d\", \"files\": $n, \"bytes\": $bytes}" >"$RES/dataset__$d.json"
  fi
done

# ---------------------------------------------------------------- running
# bench DATASET TOOL RUNS WARMUP 'COMMAND'
bench() {
  local ds="$1" tool="$2" runs="$3" warm="$4" cmd="$5"
  local base="$RES/${ds}__${tool}"
  echo "$ds / $tool: $cmd" >&2
  echo "[$ds] $tool: $cmd" >>"$CMDS"
  if have hyperfine; then
    hyperfine --style none -i --warmup "$warm" --runs "$runs" --export-json "$base.hf.json" "$cmd" >/dev/null 2>&1 \
      || note "$ds / $tool: hyperfine failed"
  else
    local times=() t0 t1 i
    for ((i = 0; i < warm; i++)); do bash -c "$cmd" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s.%N); bash -c "$cmd" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
      times+=("$(echo "$t1 - $t0" | bc)")
    done
    python3 -c 'import json,statistics,sys; t=[float(x) for x in sys.argv[2:]]; json.dump({"results":[{"mean":statistics.mean(t),"stddev":statistics.pstdev(t),"times":t}]},open(sys.argv[1],"w"))' \
      "$base.hf.json" "${times[@]}"
  fi
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$base.time" bash -c "$cmd" >/dev/null 2>"$base.stderr" || true
  fi
}

for ds in "${DATASETS[@]}"; do
  D="$DATA/$ds"
  nfiles=$(find "$D" -name '*.docx' | wc -l)
  bench "$ds" "yoshiki-extract" "$RUNS" 1 "$YOSHIKI extract --format json $D >/dev/null"
  bench "$ds" "yoshiki-check" "$RUNS" 1 "$YOSHIKI check --format json $D >/dev/null"
  bench "$ds" "inflate-floor" "$RUNS" 1 "$FLOOR $D >/dev/null"
  if have pandoc; then
    bench "$ds" "pandoc" "$SLOW_RUNS" 0 "find $D -name '*.docx' -print0 | xargs -0 -P $JOBS -n 8 sh -c 'for f; do pandoc -t plain -o /dev/null \"\$f\" 2>/dev/null; done' sh"
  else
    note "pandoc not installed: skipped"
  fi
  if pyhas docx; then
    bench "$ds" "python-docx" "$SLOW_RUNS" 0 "python3 $PYX --lib python-docx --jobs $JOBS $D"
  else
    note "python-docx not installed: skipped"
  fi
  if pyhas docx2python; then
    bench "$ds" "docx2python" "$SLOW_RUNS" 0 "python3 $PYX --lib docx2python --jobs $JOBS $D"
  else
    note "docx2python not installed: skipped"
  fi
  if have soffice; then
    if [[ "$nfiles" -le "$SOFFICE_MAX_FILES" ]]; then
      mkdir -p "$WORK/lo-out"
      bench "$ds" "libreoffice" 1 1 "find $D -name '*.docx' -print0 | xargs -0 soffice -env:UserInstallation=file://$WORK/lo-profile --headless --convert-to txt:Text --outdir $WORK/lo-out >/dev/null 2>&1"
    else
      note "[$ds] LibreOffice skipped: $nfiles files is over SOFFICE_MAX_FILES=$SOFFICE_MAX_FILES (about 0.1–0.5 s a file, single process)"
    fi
  else
    note "LibreOffice (soffice) not installed: skipped"
  fi
done

# Peak memory against the number of files: yoshiki check on growing batches.
if [[ -x /usr/bin/time ]]; then
  for n in 10 100 1000; do
    [[ $QUICK -eq 1 && $n -gt 100 ]] && continue
    make_scaled "$DATA/mem-$n" "$n"
    files=$(find "$DATA/mem-$n" -name '*.docx' | wc -l)
    echo "[memory] yoshiki check on $n sets ($files files)" >>"$CMDS"
    /usr/bin/time -v -o "$RES/mem__$n.time" "$YOSHIKI" check --format json "$DATA/mem-$n" >/dev/null 2>&1 || true
    echo "{\"sets\": $n, \"files\": $files}" >"$RES/mem__$n.json"
    rm -rf "$DATA/mem-$n"
  done
fi

# The synthetic scale batch: every file must get a result.
if [[ "$SCALE" -gt 0 ]]; then
  echo "generating the scale batch ($SCALE files)…" >&2
  python3 "$REPO/scripts/gen_scale_batch.py" --out "$WORK/scale" --files "$SCALE" >"$RES/scale_gen.txt" 2>&1
  report_arg=()
  if "$YOSHIKI" check --help 2>/dev/null | grep -q -- '--report'; then
    report_arg=(--report "$WORK/scale-report.xlsx")
  fi
  echo "[scale] yoshiki check --format json ${report_arg[*]} $WORK/scale" >>"$CMDS"
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$RES/scale.time" "$YOSHIKI" check --format json "${report_arg[@]}" "$WORK/scale" \
    >"$WORK/scale-out.json" 2>"$RES/scale.stderr" || echo "exit=$?" >"$RES/scale.exit"
  end=$(date +%s.%N)
  echo "{\"files\": $SCALE, \"seconds\": $(echo "$end - $start" | bc), \"manifest\": \"$WORK/scale.manifest.csv\", \"output\": \"$WORK/scale-out.json\", \"report\": \"${report_arg[1]:-}\"}" \
    >"$RES/scale.json"
fi

# ---------------------------------------------------------------- machine
{
  echo "{"
  echo "\"nproc\": $(nproc),"
  echo "\"cpu\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\","
  echo "\"ram_gb\": $(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo),"
  echo "\"os\": \"$(. /etc/os-release && echo "$PRETTY_NAME")\","
  echo "\"load\": \"$LOAD_AT_START\","
  echo "\"rustc\": \"$(rustc --version)\","
  echo "\"yoshiki\": \"$("$YOSHIKI" --version 2>/dev/null) ($(cd "$REPO" && git rev-parse --short HEAD))\","
  echo "\"pandoc\": \"$(have pandoc && pandoc --version | head -1)\","
  echo "\"python_docx\": \"$(python3 -c 'import importlib.metadata as m; print(m.version("python-docx"))' 2>/dev/null)\","
  echo "\"docx2python\": \"$(python3 -c 'import importlib.metadata as m; print(m.version("docx2python"))' 2>/dev/null)\","
  echo "\"libreoffice\": \"$(have soffice && soffice --version 2>/dev/null | head -1)\","
  echo "\"hyperfine\": \"$(have hyperfine && hyperfine --version)\","
  echo "\"sample_source\": \"$SAMPLE_SRC\","
  echo "\"sets\": $SETS, \"runs\": $RUNS, \"slow_runs\": $SLOW_RUNS, \"quick\": $QUICK"
  echo "}"
} >"$RES/machine.json"

OUT="$REPO/docs/benchmarks.md"
[[ $WRITE -eq 1 ]] || OUT="$RES/benchmarks.md"
python3 "$REPO/scripts/bench/summarize.py" "$RES" "$OUT"
echo "wrote $OUT" >&2
