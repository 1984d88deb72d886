#!/usr/bin/env bash
# Time reading the .doc and .pdf files of ../shared/corpus/tika with
# yoshiki beside LibreOffice, antiword and pdftotext (issue 11); prints the
# hyperfine tables that docs/benchmarks.md quotes.
#
#   scripts/bench_docpdf.sh [RUNS]
#
# Every command gets the same files, copied to $WORK, and the same cores.
# yoshiki reads all files in one process (extract: rayon over them); the
# one-file-per-process tools run under `xargs -P "$(nproc)"` so that they
# use the cores too; LibreOffice converts all files in one warm process.
# Tools that are missing are skipped.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/yoshiki-bench-docpdf}"
RUNS="${1:-5}"
CORPUS="${YOSHIKI_CORPUS:-$REPO/../shared/corpus}/tika"
Y="$REPO/target/release/yoshiki"
P="$(nproc)"
[ -x "$Y" ] || cargo build --release --manifest-path "$REPO/Cargo.toml"
rm -rf "$WORK"; mkdir -p "$WORK/doc" "$WORK/pdf" "$WORK/out"
cp "$CORPUS"/*.doc "$WORK/doc/"
cp "$CORPUS"/*.pdf "$WORK/pdf/"
echo "doc: $(ls "$WORK/doc" | wc -l) files, $(du -sh "$WORK/doc" | cut -f1)"
echo "pdf: $(ls "$WORK/pdf" | wc -l) files, $(du -sh "$WORK/pdf" | cut -f1)"
each() { # each EXT CMD…: CMD FILE for every file, $P at a time
  local ext="$1"; shift
  echo "find $WORK/$ext -name '*.$ext' -print0 | xargs -0 -P $P -n 1 $*"
}
doc_cmds=(
  "$Y dump --format text $WORK/doc/*.doc"
  "$Y extract --format json $WORK/doc"
)
command -v antiword >/dev/null && doc_cmds+=("$(each doc sh -c "'antiword \"\$0\" >/dev/null 2>&1 || true'")")
command -v soffice >/dev/null && doc_cmds+=(
  "soffice -env:UserInstallation=file://$WORK/lo --headless --convert-to 'txt:Text (encoded):UTF8' --outdir $WORK/out $WORK/doc/*.doc"
)
pdf_cmds=(
  "$Y dump --format text $WORK/pdf/*.pdf"
  "$Y extract --format json $WORK/pdf"
)
command -v pdftotext >/dev/null && pdf_cmds+=(
  "$(each pdf sh -c "'pdftotext -layout \"\$0\" - >/dev/null 2>&1 || true'")"
)
hyperfine -i -w 1 -r "$RUNS" --output=null --export-markdown "$WORK/doc.md" "${doc_cmds[@]}"
hyperfine -i -w 1 -r "$RUNS" --output=null --export-markdown "$WORK/pdf.md" "${pdf_cmds[@]}"
cat "$WORK/doc.md" "$WORK/pdf.md"
for c in "${doc_cmds[0]}" "${pdf_cmds[0]}"; do
  /usr/bin/time -f "peak %M kB: $c" sh -c "$c" >/dev/null 2>"$WORK/time.txt" || true
  tail -1 "$WORK/time.txt"
done
