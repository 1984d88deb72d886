#!/usr/bin/env bash
# Reader benchmark in release, with peak memory (VmHWM via /usr/bin/time -v).
# Usage: scripts/bench_read.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_ITERS="${1:-5}"
bin=$(cargo bench --bench read_corpus --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*read_corpus[^"]*"' | tail -1 | cut -d'"' -f4)
if [ -z "$bin" ]; then
  echo "could not build the benchmark" >&2
  exit 1
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" --bench 2> >(grep -E "Maximum resident|Elapsed" >&2)
else
  "$bin" --bench
fi
