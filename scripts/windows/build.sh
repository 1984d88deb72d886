#!/usr/bin/env bash
# Cross-build yoshiki.exe for x86_64-pc-windows-gnu with Debian's mingw-w64,
# and the Wine-only shim DLL beside it (see bcryptprimitives_shim.c), so that
# `cargo test` runs tests/it/windows_wine.rs against it.
#   scripts/windows/build.sh            # debug build, for the tests
#   scripts/windows/build.sh --profile dist   # what is shipped (stripped)
set -euo pipefail
cd "$(dirname "$0")/../.."
profile="dev"; dir="debug"
if [ "${1:-}" = "--profile" ]; then profile="$2"; dir="$2"; fi
target=x86_64-pc-windows-gnu
cargo build --locked --target "$target" --profile "$profile" --bin yoshiki
out="target/$target/$dir"
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bcryptprimitives.dll" \
  scripts/windows/bcryptprimitives_shim.c scripts/windows/bcryptprimitives_shim.def -ladvapi32
echo "$out/yoshiki.exe"
