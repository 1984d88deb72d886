#!/usr/bin/env bash
# Build and run both fuzz targets on the stable toolchain (RUSTC_BOOTSTRAP
# unlocks the sanitizer flags cargo-fuzz needs). Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
export RUSTC_BOOTSTRAP=1
[ -d fuzz/corpus/docx ] || python3 fuzz/seed.py
# check_pipeline: byte 0 picks the extension, byte 1 a structure-aware mutation.
if [ ! -d fuzz/corpus/check_pipeline ]; then
  mkdir -p fuzz/corpus/check_pipeline
  i=0; for f in samples/*/*.docx samples/*/*.xlsx tests/fixtures/hostile/*; do
    case "$f" in *.docx) e=0;; *.xlsx) e=1;; *.xls) e=2;; *.xlsb) e=3;; *.zip) e=7;; *) e=4;; esac
    { printf "\\x0$e\\x00"; cat "$f"; } > "fuzz/corpus/check_pipeline/seed$i"; i=$((i+1))
  done
fi
# doc / pdf: seeded with every .doc / .pdf fixture (the LibreOffice copies
# of the samples, the list fixture, past findings) and the Tika corpus
# files under 256 KB when ../shared/corpus is there.
for t in doc pdf; do
  if [ ! -d "fuzz/corpus/$t" ]; then
    mkdir -p "fuzz/corpus/$t"
    i=0; find tests/fixtures/docpdf -name "*.$t" -print0 |
      while IFS= read -r -d '' f; do cp "$f" "fuzz/corpus/$t/fx$i.$t"; i=$((i+1)); done
    [ -d ../shared/corpus/tika ] &&
      find ../shared/corpus/tika -name "*.$t" -size -256k -exec cp {} "fuzz/corpus/$t/" \;
  fi
done
for target in docx docx_xml check_pipeline doc pdf; do
  cargo fuzz build -O "$target"
done
for target in docx docx_xml check_pipeline doc pdf; do
  cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1
done
