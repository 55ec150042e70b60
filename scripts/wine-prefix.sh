#!/usr/bin/env bash
# Prepares the Wine prefix the Windows test runs ldm.exe in (tests/windows.rs calls it
# when the prefix is missing): a 64-bit prefix initialised without the Mono and Gecko
# installers, plus a stand-in bcryptprimitives.dll (scripts/wine/bcryptprimitives.c),
# because Debian bookworm's Wine 8.0 lacks that DLL and Rust's std imports ProcessPrng
# from it. Needs the Debian packages wine, wine64 and mingw-w64; no network.
# Usage: scripts/wine-prefix.sh PREFIX
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:?usage: wine-prefix.sh PREFIX}"
mkdir -p "$(dirname "$prefix")"
prefix="$(cd "$(dirname "$prefix")" && pwd)/$(basename "$prefix")"

export WINEPREFIX="$prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$prefix.tmp"
export WINEPREFIX="$prefix.tmp"
# wineboot complains that the 32-bit rundll32 is missing (no wine32): harmless here.
wine wineboot -i >/dev/null 2>&1 || true
wineserver -w
sys32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$sys32" ] || { echo "wineboot n'a pas créé $sys32" >&2; exit 1; }
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$sys32/bcryptprimitives.dll" \
  "$here/wine/bcryptprimitives.c" -ladvapi32
# Published whole, so a prefix interrupted halfway is never taken for a ready one.
rm -rf "$prefix"
mv "$prefix.tmp" "$prefix"
