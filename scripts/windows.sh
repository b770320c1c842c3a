#!/usr/bin/env bash
# Builds the Windows release: parscore.exe for x86_64-pc-windows-gnu with Debian's
# mingw-w64 linker (.cargo/config.toml), stripped, with its icon, version information and
# manifest (build.rs), and packs dist/parscore-windows.zip:
#
#   parscore/parscore.exe          double-click it (docs/windows.md)
#   parscore/HUONG-DAN.txt         the short guide, in Vietnamese
#   parscore/HUONG-DAN-DAY-DU.txt  the whole guide (docs/windows.md)
#   parscore/criteria/…            the shipped criteria files and rankings
#   parscore/evidence/2024…2026    the sample dossiers
#
# Needs the cross toolchain: scripts/test-deps.sh installs it (and Wine for the tests).
# The build is incremental in target/; the first one compiles every dependency for
# Windows (a few minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
command -v x86_64-w64-mingw32-gcc >/dev/null || {
    echo "windows.sh: x86_64-w64-mingw32-gcc is missing; run scripts/test-deps.sh" >&2
    exit 1
}
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    rustup target add "$target" >/dev/null
fi
start=$(date +%s)
CARGO_PROFILE_RELEASE_STRIP=symbols cargo build --quiet --release --locked --target "$target" --bin parscore
exe=target/$target/release/parscore.exe
echo "windows.sh: built $exe ($(($(stat -c %s "$exe") / 1024 / 1024)) MiB) in $(($(date +%s) - start)) s" >&2

stage=target/windows-dist/parscore
rm -rf "$(dirname "$stage")"
mkdir -p "$stage/criteria" "$stage/evidence"
cp "$exe" "$stage/parscore.exe"
cp criteria/*.json criteria/*.csv "$stage/criteria/"
for year in 2024 2025 2026; do
    cp -r "evidence/$year" "$stage/evidence/$year"
done
cp evidence/README.md "$stage/evidence/README.md"
# Windows' Notepad reads UTF-8 with or without a BOM; the BOM and CRLF line ends keep
# older editors on the office PCs reading the Vietnamese right too.
printf '\xef\xbb\xbf' > "$stage/HUONG-DAN.txt"
sed 's/$/\r/' assets/windows/HUONG-DAN.txt >> "$stage/HUONG-DAN.txt"
# The whole guide (docs/windows.md) beside it, so that nobody needs the source to read it.
printf '\xef\xbb\xbf' > "$stage/HUONG-DAN-DAY-DU.txt"
sed 's/$/\r/' docs/windows.md >> "$stage/HUONG-DAN-DAY-DU.txt"
mkdir -p dist
# Sorted names and fixed times: the same sources give the same zip (Python's zipfile, so
# that no zip program is needed).
python3 - "$(dirname "$stage")" dist/parscore-windows.zip <<'PY'
import os, sys, zipfile
base, out = sys.argv[1], sys.argv[2]
paths = []
for folder, dirs, files in os.walk(os.path.join(base, "parscore")):
    paths += [os.path.join(folder, f) for f in files]
with zipfile.ZipFile(out + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in sorted(paths):
        info = zipfile.ZipInfo(os.path.relpath(p, base).replace(os.sep, "/"), (2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(p, "rb") as f:
            z.writestr(info, f.read())
os.replace(out + ".tmp", out)
PY
echo "windows.sh: packed dist/parscore-windows.zip ($(($(stat -c %s dist/parscore-windows.zip) / 1024)) KiB)" >&2
