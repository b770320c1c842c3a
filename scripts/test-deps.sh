#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, with Debian's apt-get, only when
# something is missing: LibreOffice headless (Calc to recompute the workbooks parscore
# writes, Writer for Word documents), fonts-liberation2 (Times New Roman's metrics with every
# Vietnamese letter, so that a rendered Word document lays out as on an office PC),
# poppler-utils (pdftotext and pdftoppm, to read and look at a rendered PDF), Chromium
# with its WebDriver (the real-browser tests of the HTML report and the web app), and the
# Windows build's tools: mingw-w64 (linker, windres for the icon) with Rust's
# x86_64-pc-windows-gnu target, and Wine (wine64) to run parscore.exe in the tests.
# Quiet and quick when everything is already there; safe to run again.
set -euo pipefail
packages=(libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils chromium chromium-driver fonts-liberation2 gcc-mingw-w64-x86-64 wine64)
if command -v rustup >/dev/null && ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
    echo "test-deps: adding Rust's x86_64-pc-windows-gnu target" >&2
    rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1
fi
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "test-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v soffice >/dev/null || { echo "test-deps: soffice is still missing after the install" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "test-deps: pdftoppm is still missing after the install" >&2; exit 1; }
command -v chromium >/dev/null || { echo "test-deps: chromium is still missing after the install" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "test-deps: chromedriver is still missing after the install" >&2; exit 1; }
command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "test-deps: x86_64-w64-mingw32-gcc is still missing after the install" >&2; exit 1; }
[ -x /usr/lib/wine/wine64 ] || { echo "test-deps: /usr/lib/wine/wine64 is still missing after the install" >&2; exit 1; }
