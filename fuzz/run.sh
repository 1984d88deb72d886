#!/usr/bin/env bash
# Build and run both fuzz targets on the stable toolchain (RUSTC_BOOTSTRAP
# unlocks the sanitizer flags cargo-fuzz needs). Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus/docx ] || python3 fuzz/seed.py
for target in docx docx_xml; do
  cargo fuzz build -O "$target"
done
for target in docx docx_xml; do
  cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1
done
