#!/usr/bin/env bash
# Builds the release binaries into dist/: x86_64 Linux statically linked (musl) and
# x86_64 Windows (mingw-w64), named with the version, plus SHA256SUMS.
# Installs what it lacks (Debian packages, rustup targets); run it as root or with sudo.
# LDM_DIST_PROFILE picks the Cargo profile: `release` (default, what releases publish) or
# `ci` (Cargo.toml: less optimised, much quicker to build; .ci/run uses it).
# Each build's wall and CPU times are printed, since the two cross-builds of typst are most
# of CI (CPU time tells what a build costs whatever else runs on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
linux=x86_64-unknown-linux-musl
windows=x86_64-pc-windows-gnu
profile="${LDM_DIST_PROFILE:-release}"

# Debian packages: musl-gcc links the static binary, mingw-w64 the Windows one.
missing=()
command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing+=(mingw-w64)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
installed=$(rustup target list --installed)
for t in "$linux" "$windows"; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done

build() {
  local TIMEFORMAT="dist.sh : $1 ($profile) construit en %0R s (processeur : %0U s utilisateur, %0S s système)"
  time cargo build --locked --profile "$profile" --target "$@"
}
build "$linux"
build "$windows" --config "target.$windows.linker=\"x86_64-w64-mingw32-gcc\""

rm -rf dist
mkdir dist
target="${CARGO_TARGET_DIR:-target}"
cp "$target/$linux/$profile/ldm" "dist/ldm-$version-x86_64-linux"
cp "$target/$windows/$profile/ldm.exe" "dist/ldm-$version-x86_64-windows.exe"
(cd dist && sha256sum ldm-* > SHA256SUMS)
ls -l dist
cat dist/SHA256SUMS
