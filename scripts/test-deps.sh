#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, with Debian's apt-get, only when
# something is missing: LibreOffice headless (Calc to recompute the workbooks parscore
# writes, Writer for Word documents), fonts-liberation2 (Times New Roman's metrics with every
# Vietnamese letter, so that a rendered Word document lays out as on an office PC),
# poppler-utils (pdftotext and pdftoppm, to read and look at a rendered PDF) and Chromium
# with its WebDriver (the real-browser tests of the HTML report and the web app).
# Quiet and quick when everything is already there; safe to run again.
set -euo pipefail
packages=(libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils chromium chromium-driver fonts-liberation2)
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
