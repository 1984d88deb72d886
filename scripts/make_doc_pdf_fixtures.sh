#!/usr/bin/env bash
# Legacy Word (.doc) and PDF copies of every sample Word form, made by
# LibreOffice headless, committed under tests/fixtures/docpdf/ with the
# sample tree's layout (samples/clean/01_様式1_申請書.docx →
# tests/fixtures/docpdf/clean/01_様式1_申請書.doc and .pdf). The tests
# read the committed files; run this again after changing the samples.
#
# Needs: soffice (libreoffice-writer-nogui), python3 with python-docx, and
# Japanese fonts for the PDFs
# (Debian: fonts-noto-cjk), else the PDFs carry no Japanese glyphs.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "soffice not found" >&2; exit 1; }
if ! fc-list :lang=ja | grep -q .; then
  echo "warning: no Japanese font installed (apt-get install fonts-noto-cjk)" >&2
fi
out=tests/fixtures/docpdf
rm -rf "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One profile for all conversions (a fresh one per call is slow).
profile="file://$work/profile"
find samples -name '*.docx' | sort | while read -r src; do
  rel=${src#samples/}
  dir=$out/$(dirname "$rel")
  mkdir -p "$dir"
  for fmt in doc pdf; do
    soffice -env:UserInstallation="$profile" --headless --convert-to "$fmt" \
      --outdir "$dir" "$src" >/dev/null 2>&1
  done
done
# A table without borders whose narrow cells wrap (python-docx), as PDF:
# the PDF reader's columns found across lines.
mkdir -p "$out/borderless"
python3 scripts/make_borderless_table.py "$out/borderless/borderless.docx"
soffice -env:UserInstallation="$profile" --headless --convert-to pdf \
  --outdir "$out/borderless" "$out/borderless/borderless.docx" >/dev/null 2>&1
cat > "$out/README.md" <<'MD'
# Legacy Word and PDF copies of the samples

Made by `scripts/make_doc_pdf_fixtures.sh` (LibreOffice headless,
`--convert-to doc` and `--convert-to pdf`, Noto CJK fonts) from every
`.docx` under `samples/`, in the same layout. `tests/it/read_doc.rs` and
`tests/it/read_pdf.rs` check that each gives the forms and findings of the
`.docx` it came from. `borderless/` is a table without borders whose
narrow cells wrap (`scripts/make_borderless_table.py`), and its PDF.
MD
find "$out" -type f | wc -l
