#!/usr/bin/env bash
# Makes a batch of N dossiers for timing `ldm check` at an académie's scale: copies of
# the example, each with its own school name (OUT/d0001 … OUT/dNNNN).
# Usage: scripts/gen-corpus.sh N OUT   then   ldm check --format resume OUT/d*
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?"nombre de dossiers"}
out=${2:?"dossier de sortie"}
mkdir -p "$out"
for ((i = 1; i <= n; i++)); do
  d=$(printf '%s/d%04d' "$out" "$i")
  rm -rf "$d"
  cp -r examples/lycee-marie-marvingt "$d"
  sed -i "s/^nom = .*/nom = \"Lycée des métiers n° $i\"/" "$d/ldm.toml"
done
