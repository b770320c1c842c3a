#!/usr/bin/env bash
# Prepares Wine for the tests of the Windows build (tests/cli/windows.rs runs it): a Wine
# prefix of our own under target/wine/prefix, Windows 10's bcryptprimitives.dll stood in
# for (Wine 8 lacks it; Rust's standard library asks it for random bytes), and the two
# test helpers built from tests/windows/*.c with mingw (hold-open.exe: a file held open as
# Excel holds it; explorer-start.exe: a program started as a double-click starts it).
# Prints the folder of the tools. Quiet and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/wine
tools=$out/tools
prefix=$out/prefix
cc=x86_64-w64-mingw32-gcc
loader=/usr/lib/wine/wine64
command -v "$cc" >/dev/null || { echo "wine-setup: $cc is missing; run scripts/test-deps.sh" >&2; exit 1; }
[ -x "$loader" ] || { echo "wine-setup: $loader is missing; run scripts/test-deps.sh" >&2; exit 1; }
mkdir -p "$tools"
build() { # NAME FLAGS…: tests/windows/NAME.c → $tools/NAME.exe|dll, when the source is newer
    local name=$1 target=$2
    shift 2
    if [ ! -f "$tools/$target" ] || [ "tests/windows/$name.c" -nt "$tools/$target" ]; then
        "$cc" -O2 -s -o "$tools/$target" "tests/windows/$name.c" "$@"
    fi
}
build bcryptprimitives bcryptprimitives.dll -shared -ladvapi32
build hold-open hold-open.exe -municode
build explorer-start explorer-start.exe -municode
export WINEPREFIX=$prefix WINEDEBUG=-all
if [ ! -f "$prefix/system.reg" ]; then
    mkdir -p "$prefix"
    "$loader" wineboot --init >/dev/null 2>&1 || true
    /usr/lib/wine/wineserver -w
fi
sys32=$prefix/drive_c/windows/system32
if ! cmp -s "$tools/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll"; then
    cp "$tools/bcryptprimitives.dll" "$sys32/bcryptprimitives.dll"
fi
echo "$tools"
