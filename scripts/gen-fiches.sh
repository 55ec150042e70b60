#!/usr/bin/env bash
# Makes one big dossier for timing `ldm serve` (a save → the event): a copy of the
# example with N fiches in all, the extra ones copies of its actions, spread over their
# criteria, each with a dénomination of its own.
# Usage: scripts/gen-fiches.sh N OUT   then   ldm serve OUT
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?"nombre de fiches"}
out=${2:?"dossier de sortie"}
rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -r examples/lycee-marie-marvingt "$out"
mapfile -t modeles < <(cd "$out" && ls criteres/*/actions/*.md criteres/*/engagements/*.md)
have=${#modeles[@]}
for ((i = have; i < n; i++)); do
  m=${modeles[$((i % have))]}
  dir=$(dirname "$m")
  sed "0,/^denomination: \"/s//denomination: \"Copie $i : /" "$out/$m" >"$out/$dir/copie-$i.md"
done
