#!/usr/bin/env bash
# Build the shipped yoshiki with profile-guided optimisation (issue 13).
#
#   scripts/build_pgo.sh [--target TRIPLE] [--profile P]
#
# 1. an instrumented build (target/pgo/gen) is run over the training
#    inputs: check (in one process, then isolated, so that the worker
#    children are counted too), with the JSON and the human report, and
#    extract, on tests/fixtures: only files kept in this
#    repository: never the sample sets that scripts/bench_goals.sh
#    measures, so the benchmark does not measure its own training set;
# 2. the counts are merged with the llvm-profdata of rustc's own LLVM
#    (rustup's llvm-tools component; installed here when missing);
# 3. the binary is built again with the profile (target/pgo/use).
#
# The profile is recorded on this machine's build (Linux) and used for
# every --target: rustup ships the profiler runtime for Linux but not for
# x86_64-pc-windows-gnu, so an instrumented yoshiki.exe cannot be built to
# train under Wine. The engine's code is the same on both platforms; how
# much of the profile the Windows build can use is measured in
# docs/benchmarks.md.
#
# Prints the path of the optimised binary on stdout, progress on stderr.
# The code is the same as a plain `cargo build --profile dist`: only the
# layout and inlining change, the output is byte-identical (measured with
# scripts/compare_output.sh, see docs/benchmarks.md).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
TARGET=""
PROFILE=dist
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) TARGET="$2"; shift ;;
    --profile) PROFILE="$2"; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

PGO="$REPO/target/pgo"
HOST="$(rustc -vV | sed -n 's/^host: //p')"
PROFDATA_TOOL="$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata"
if [[ ! -x "$PROFDATA_TOOL" ]]; then
  # Debian's llvm-profdata is an older LLVM than rustc's and cannot read
  # its profiles: the one that matches comes with the toolchain.
  echo "installing rustup's llvm-tools (llvm-profdata)…" >&2
  rustup component add llvm-tools >&2
fi
PROFDATA="$PGO/host.profdata"
RAW="$PGO/raw-host"
dir="$PROFILE"
[[ "$PROFILE" == dev ]] && dir=debug
target_args=()
out_sub=""
exe=yoshiki
if [[ -n "$TARGET" ]]; then
  target_args=(--target "$TARGET")
  out_sub="$TARGET/"
fi
[[ "$TARGET" == *windows* ]] && exe=yoshiki.exe

train() { # BINARY INPUT: the commands whose code the profile should favour
  # Findings make the exit status 1: what counts is that the code ran.
  "$1" check --in-process --format json --as-of 2026-04-01 "$2" >/dev/null 2>&1 || true
  "$1" check --format human --as-of 2026-04-01 "$2" >/dev/null 2>&1 || true
  "$1" extract --format json "$2" >/dev/null 2>&1 || true
}

# The profile is recorded once per source tree: a stamp of what the
# binary and its training are made of (the cargo profile, the committed
# trees of the code and of the training inputs, uncommitted changes to
# them) decides whether the one on disk still fits; a commit of docs or
# scripts keeps it.
inputs=(src schemas Cargo.toml Cargo.lock build.rs tests/fixtures)
stamp="$( (echo "$PROFILE"; git rev-parse "${inputs[@]/#/HEAD:}" 2>/dev/null; git diff HEAD -- "${inputs[@]}" 2>/dev/null) | sha256sum | cut -c1-16)"
if [[ ! -f "$PROFDATA" || "$(cat "$PGO/host.stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "PGO 1/3: instrumented build…" >&2
  RUSTFLAGS="-Cprofile-generate=$RAW" cargo build --locked --quiet \
    --profile "$PROFILE" --bin yoshiki --target-dir "$PGO/gen" >&2
  rm -rf "$RAW"
  mkdir -p "$RAW"
  echo "PGO 2/3: training on tests/fixtures…" >&2
  export LLVM_PROFILE_FILE="$RAW/yoshiki-%p-%m.profraw"
  train "$PGO/gen/$dir/yoshiki" tests/fixtures
  unset LLVM_PROFILE_FILE
  ls "$RAW"/*.profraw >/dev/null 2>&1 || { echo "the instrumented build wrote no profile" >&2; exit 1; }
  # A worker child is killed once its parent is done with it, sometimes
  # while it writes its profile: a truncated file is left out (with a
  # warning), not the end of the build.
  "$PROFDATA_TOOL" merge --failure-mode=all -o "$PROFDATA" "$RAW"
  echo "$stamp" >"$PGO/host.stamp"
fi

echo "PGO 3/3: optimised build${TARGET:+ for $TARGET}…" >&2
RUSTFLAGS="-Cprofile-use=$PROFDATA" cargo build --locked --quiet \
  --profile "$PROFILE" --bin yoshiki --target-dir "$PGO/use" "${target_args[@]}" >&2
echo "$PGO/use/$out_sub$dir/$exe"
