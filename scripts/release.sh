#!/usr/bin/env bash
# Release artefacts in dist/:
#   yoshiki-VERSION-x86_64-windows.zip   yoshiki.exe + README (Japanese) + docs
#   yoshiki-VERSION-x86_64-linux.tar.gz  yoshiki + the same
#   yoshiki-VERSION-page.zip             the static self-check page (scripts/build_page.sh)
# Built with the `dist` profile (stripped, LTO) and profile-guided
# optimisation (scripts/build_pgo.sh: trained on tests/fixtures, the same
# profile for both platforms). Needs the Windows target and Debian's
# mingw-w64 (see .ci/run), zip and tar; build_pgo.sh adds rustup's
# llvm-tools when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
rm -rf dist/stage && mkdir -p dist/stage

linux_bin=$(scripts/build_pgo.sh)
windows_bin=$(scripts/build_pgo.sh --target x86_64-pc-windows-gnu)

stage() { # NAME BINARY
  local d="dist/stage/$1"
  mkdir -p "$d/docs"
  cp "$2" "$d/"
  cp docs/release/README-ja.txt "$d/README.txt"
  cp docs/commands.md "$d/docs/"
}
win="yoshiki-$version-x86_64-windows"
lin="yoshiki-$version-x86_64-linux"
stage "$win" "$windows_bin"
stage "$lin" "$linux_bin"
# Windows users open README.txt in Notepad: CRLF line ends.
sed -i 's/$/\r/' "dist/stage/$win/README.txt"
(cd dist/stage && rm -f "../$win.zip" && zip -qr "../$win.zip" "$win")
tar -C dist/stage -czf "dist/$lin.tar.gz" "$lin"
page="yoshiki-$version-page"
scripts/build_page.sh "dist/stage/$page"
(cd dist/stage && rm -f "../$page.zip" && zip -qr "../$page.zip" "$page")
rm -rf dist/stage
ls -l "dist/$win.zip" "dist/$lin.tar.gz" "dist/$page.zip"
