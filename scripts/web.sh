#!/usr/bin/env bash
# Builds the static page (ldm in the browser, issue 19) into dist/web/: ldm compiled to
# WebAssembly (the crate web/wasm, profile `web`), its JavaScript glue (wasm-bindgen),
# the page of ldm serve (web/serve) with the WebAssembly backend (web/wasm) in place of
# http.js. The folder is served as is: GitLab Pages (.gitlab-ci.yml), any static host,
# or a school's intranet.
# Needs the rustup target wasm32-unknown-unknown and wasm-bindgen-cli at the version of
# the wasm-bindgen crate in Cargo.lock (.ci/run installs both).
# LDM_WEB_PDF=1 adds the PDF engine (the annex as PDF too; a module nine times bigger).
set -euo pipefail
cd "$(dirname "$0")/.."

# What a visitor's browser instantiates: the .wasm out of wasm-bindgen (README,
# docs/performance.md); with the PDF engine, its fonts are most of the module.
budget=$((8 * 1024 * 1024))
features=()
if [ "${LDM_WEB_PDF:-0}" = 1 ]; then
  budget=$((40 * 1024 * 1024))
  features=(--features pdf)
  # Optimised for size as it was measured (38 MiB at "s"): the fonts already fill the budget.
  export CARGO_PROFILE_WEB_OPT_LEVEL=s
fi
target=wasm32-unknown-unknown
out=dist/web

wanted=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  echo "web.sh : wasm-bindgen $wanted est nécessaire (trouvé : ${have:-aucun}) : cargo install wasm-bindgen-cli --version $wanted" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx "$target"; then
  echo "web.sh : la cible $target manque : rustup target add $target" >&2
  exit 1
fi

TIMEFORMAT="web.sh : ldm-web construit en %0R s (processeur : %0U s utilisateur, %0S s système)"
time cargo build --locked -p ldm-web --target "$target" --profile web "${features[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The functions' names only for a profile (LDM_WEB_NOMS=1: Chromium's profiler names them).
names=(--remove-name-section)
if [ "${LDM_WEB_NOMS:-0}" = 1 ]; then
  names=()
fi
wasm-bindgen --target web --no-typescript "${names[@]}" --out-dir "$work" "target/$target/web/ldm_web.wasm"
wasm="$work/ldm_web_bg.wasm"
# No wasm-opt: Debian 12's binaryen (108) saves 12 % with -Oz but writes wasm-bindgen's
# externref table back as anyref, and browsers then refuse the module (docs/performance.md).

size=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "web.sh : ldm_web_bg.wasm $((size / 1024)) Kio ($((gz / 1024)) Kio compressé par gzip), budget $((budget / 1024)) Kio"
if [ "$size" -gt "$budget" ]; then
  echo "web.sh : le module dépasse son budget de $((budget / 1024)) Kio" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
cp web/serve/app.css web/serve/app.js web/wasm/web.css web/wasm/backend.js web/wasm/ouverture.js "$out/"
cp "$work/ldm_web.js" "$out/"
# The module as a script: the page's policy forbids every connection, fetch() included.
{ printf 'export default "'; base64 -w0 "$wasm"; printf '";\n'; } > "$out/ldm_web_wasm.js"

# The page: ldm serve's, with its policy, the opening screen and the WebAssembly
# backend in place of http.js (scripts as modules, run in order before `load`).
csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
awk -v csp="$csp" -v ouverture="web/wasm/ouverture.html" '
  $0 == "<meta name=\"generator\" content=\"ldm\">" {
    print; print "<meta http-equiv=\"Content-Security-Policy\" content=\"" csp "\">"; next }
  $0 == "<title>ldm · dossier en direct</title>" {
    print "<title>ldm · vérifier un dossier dans le navigateur</title>"; next }
  $0 == "<link rel=\"stylesheet\" href=\"app.css\">" {
    # An icon in the page itself: the browser asks for /favicon.ico after load otherwise.
    print; print "<link rel=\"stylesheet\" href=\"web.css\">"; print "<link rel=\"icon\" href=\"data:,\">"; next }
  $0 == "<body>" {
    print "<body class=\"attente\">"; while ((getline l < ouverture) > 0) print l; next }
  $0 == "<script src=\"http.js\"></script>" { print "<script type=\"module\" src=\"backend.js\"></script>"; next }
  $0 == "<script src=\"app.js\"></script>" {
    print "<script type=\"module\" src=\"app.js\"></script>"
    print "<script type=\"module\" src=\"ouverture.js\"></script>"; next }
  { print }
' web/serve/index.html > "$out/index.html"
for part in 'Content-Security-Policy' 'web.css' 'id="ouverture"' 'src="backend.js"' 'src="ouverture.js"' 'vérifier un dossier'; do
  if ! grep -q "$part" "$out/index.html"; then
    echo "web.sh : web/serve/index.html a changé, la page n'a pas pu être assemblée ($part)" >&2
    exit 1
  fi
done
if grep -q 'http.js' "$out/index.html"; then
  echo "web.sh : la page charge encore http.js" >&2
  exit 1
fi
echo "web.sh : page prête dans $out/ ($(du -sk "$out" | cut -f1) Kio)"
