#!/usr/bin/env bash
# Benchmark of ldm: `check` on one dossier and on 50 at once (the académie's reviewing
# group), then `progress`, `render` (HTML, Markdown, PDF) and `diff` on the example. Prints wall time (best of
# N runs) and peak memory (max RSS).
# Usage: scripts/bench.sh [RUNS]   — needs only bash, coreutils and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
bin=target/release/ldm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq -w 1 50); do cp -r examples/lycee-marie-marvingt "$work/d$i"; done

measure() { # label, then the command
  local label=$1; shift
  local best=999999
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null || true; t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  local rss=""
  if [ -x /usr/bin/time ]; then
    rss=$( { /usr/bin/time -f '%M' "$@" >/dev/null; } 2>&1 | tail -n 1 )
    rss=" · mémoire max ${rss} Kio"
  fi
  printf '%-40s meilleur de %s : %s ms%s\n' "$label" "$runs" "$best" "$rss"
}

measure "check, 1 dossier (exemple)" "$bin" check "$work/d01"
measure "check, 50 dossiers" "$bin" check "$work"/d*
measure "check --format json, 50 dossiers" "$bin" check --format json "$work"/d*
measure "progress --format html (exemple)" "$bin" progress "$work/d01" --format html -o -
measure "render html (exemple)" "$bin" render "$work/d01" -o -
measure "render md (exemple)" "$bin" render "$work/d01" --format md -o -
measure "render pdf (exemple)" "$bin" render "$work/d01" --format pdf -o -
measure "diff 2021 → 2026 (exemple)" "$bin" diff examples/lycee-marie-marvingt-2021 examples/lycee-marie-marvingt
