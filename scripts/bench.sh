#!/usr/bin/env bash
# Benchmark of ldm against its floors (issue 14). Each figure is printed beside the floor
# it is compared with, as a ratio, in a Markdown table for docs/performance.md:
#   - check, render and progress of the example against a hello-world Rust process;
#   - check of a generated batch of dossiers (scripts/gen-corpus.sh) against reading its
#     files, and reading them plus parsing their front matter with serde-saphyr, on one
#     and two threads (scripts/bench/floor.rs); peak memory for two batch sizes;
#   - check-jsonschema (pip) on the front matter of part of the batch, against ldm
#     checking the same dossiers;
#   - diff of N and 2N renamed fiches a side (scripts/gen-renamed.sh): time and growth;
#   - serve: from a save to the update on the page's event stream, on the example and on
#     a dossier of 4,000 fiches (scripts/gen-fiches.sh), with scripts/bench/serve_latency.rs;
#   - lsp: from a change in the editor to the findings of the file, on the example and on
#     the 4,000 fiches, with scripts/bench/lsp_latency.rs.
# Medians of hyperfine runs (a loop of `date` when hyperfine is missing); peak memory
# with /usr/bin/time. Release build without the PDF engine (typst) unless BENCH_PDF=1.
# Usage: scripts/bench.sh [DOSSIERS (1000)] [RUNS (10)]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-10}
features=(--no-default-features --features serve,lsp)
[ "${BENCH_PDF:-0}" = 1 ] && features=()
cargo build --release --quiet "${features[@]}" --bin ldm --example hello --example floor --example serve_latency --example lsp_latency
bin=$PWD/target/release/ldm
hello=$PWD/target/release/examples/hello
floor=$PWD/target/release/examples/floor
latency=$PWD/target/release/examples/serve_latency
lsp_latency=$PWD/target/release/examples/lsp_latency
example=$PWD/examples/lycee-marie-marvingt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median wall time in milliseconds of a command given as words.
median_ms() {
  local r=$runs
  [ "${SLOW:-0}" = 1 ] && r=$(( runs < 5 ? runs : 5 ))
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 1 --runs "$r" -i --export-json "$work/h.json" \
      -- "$(printf '%q ' "$@")" >/dev/null 2>&1
    jq '.results[0].median * 1000' "$work/h.json"
  else
    local times=()
    for _ in $(seq "$r"); do
      local t0 t1
      t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      times+=( $(( (t1 - t0) / 1000 )) )
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] / 1000}'
  fi
}

# Peak resident memory in MiB.
peak_mib() {
  /usr/bin/time -f '%M' -o "$work/mem" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/mem" | awk '{printf "%.1f", $1 / 1024}'
}

# A table row: what, its time, the floor's name and time, the goal on the ratio.
row() {
  local what=$1 ms=$2 floor_name=$3 floor_ms=$4 goal=$5
  awk -v w="$what" -v m="$ms" -v fn="$floor_name" -v f="$floor_ms" -v g="$goal" \
    'BEGIN { printf "| %s | %.1f ms | %s | %.1f ms | %.2f× | %s |\n", w, m, fn, f, m / f, g }'
}

echo "Machine : $(nproc) cœurs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/ {print $2}') Gio"
echo "Charge au début (uptime) : $(uptime | sed 's/.*load average: //')"
echo "Binaire : release ${features[*]:-(avec PDF)}, $(date -u +%Y-%m-%dT%H:%MZ)"
echo

echo "| mesure | ldm | plancher | plancher | rapport | objectif |"
echo "|---|---:|---|---:|---:|---|"
h=$(median_ms "$hello")
c=$(median_ms "$bin" check "$example")
row "check (exemple)" "$c" "hello world" "$h" "≤ 2×"
# What no checker of the example can beat: a process that reads its files and parses their
# front matter, nothing else.
row "check (exemple)" "$c" "lecture + YAML de l'exemple" "$(median_ms "$floor" parse 1 "$example")" "—"
row "render html (exemple)" "$(median_ms "$bin" render "$example" -o -)" "hello world" "$h" "≤ 3×"
row "render md (exemple)" "$(median_ms "$bin" render "$example" --format md -o -)" "hello world" "$h" "≤ 3×"
row "render docx (exemple)" "$(median_ms "$bin" render "$example" --format docx -o "$work/annexe.docx")" "hello world" "$h" "—"
if [ "${BENCH_PDF:-0}" = 1 ]; then
  row "render pdf (exemple)" "$(median_ms "$bin" render "$example" --format pdf -o "$work/annexe.pdf")" "hello world" "$h" "—"
  row "progress pdf (exemple)" "$(median_ms "$bin" progress "$example" --format pdf -o "$work/bord.pdf")" "hello world" "$h" "—"
fi
row "progress html (exemple)" "$(median_ms "$bin" progress "$example" --format html -o -)" "hello world" "$h" "≤ 3×"
row "progress term (exemple)" "$(median_ms "$bin" progress "$example")" "hello world" "$h" "≤ 3×"

scripts/gen-corpus.sh "$n" "$work/corpus"
batch=("$work"/corpus/d*)
export SLOW=1
read1=$(RAYON_NUM_THREADS=1 median_ms "$floor" read 1 "${batch[@]}")
read2=$(median_ms "$floor" read 2 "${batch[@]}")
parse1=$(median_ms "$floor" parse 1 "${batch[@]}")
parse2=$(median_ms "$floor" parse 2 "${batch[@]}")
one=$(RAYON_NUM_THREADS=1 median_ms "$bin" check --format resume "${batch[@]}")
two=$(RAYON_NUM_THREADS=2 median_ms "$bin" check --format resume "${batch[@]}")
row "check $n dossiers, 1 fil" "$one" "lecture, 1 fil" "$read1" "—"
row "check $n dossiers, 1 fil" "$one" "lecture + YAML, 1 fil" "$parse1" "—"
row "check $n dossiers, 2 fils" "$two" "lecture, 2 fils" "$read2" "—"
row "check $n dossiers, 2 fils" "$two" "lecture + YAML, 2 fils" "$parse2" "≤ 1,5× et < 2 s"
json=$(median_ms "$bin" check --format json "${batch[@]}")
row "check --format json, $n dossiers" "$json" "lecture + YAML, 2 fils" "$parse2" "≤ 1,5×"
unset SLOW

# check-jsonschema on the front matter of the first dossiers, against ldm on the same.
part=("${batch[@]:0:20}")
if command -v check-jsonschema >/dev/null; then
  for kind in action engagement; do
    mkdir -p "$work/yaml/$kind"
  done
  for d in "${part[@]}"; do
    for f in "$d"/criteres/*/actions/*.md "$d"/criteres/*/engagements/*.md; do
      [ -f "$f" ] || continue
      case $f in */actions/*) kind=action ;; *) kind=engagement ;; esac
      awk 'NR == 1 && /^---$/ {on = 1; next} on && /^---$/ {exit} on' "$f" \
        >"$work/yaml/$kind/$(basename "$d")-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .md).yaml"
    done
  done
  cat >"$work/jsonschema.sh" <<EOF
check-jsonschema --schemafile "$PWD/schema/action.schema.json" "$work"/yaml/action/*.yaml
check-jsonschema --schemafile "$PWD/schema/engagement.schema.json" "$work"/yaml/engagement/*.yaml
EOF
  files=$(find "$work/yaml" -name '*.yaml' | wc -l)
  runs_saved=$runs; runs=3
  js=$(median_ms bash "$work/jsonschema.sh")
  runs=$runs_saved
  ours=$(median_ms "$bin" check --format resume "${part[@]}")
  row "check-jsonschema, ${#part[@]} dossiers ($files fiches)" "$js" "ldm check, mêmes dossiers" "$ours" "≥ 50×"
fi

# diff of renamed fiches: N and 2N a side.
scripts/gen-renamed.sh 1000 "$work/r1000" >/dev/null
scripts/gen-renamed.sh 2000 "$work/r2000" >/dev/null
d1=$(median_ms "$bin" diff "$work/r1000/ancien" "$work/r1000/nouveau")
d2=$(median_ms "$bin" diff "$work/r2000/ancien" "$work/r2000/nouveau")
row "diff 1000 fiches renommées" "$d1" "hello world" "$h" "< 1 s"
row "diff 2000 fiches renommées" "$d2" "diff 1000" "$d1" "≤ 2,2×"

# serve: a save → the event on the page's stream (median and slowest of the runs).
serve_row() {
  local what=$1 dossier=$2 file=$3 med max
  read -r med max < <("$latency" "$bin" "$dossier" "$file" "$runs")
  echo "| serve, enregistrement → événement ($what) | $med ms | la plus lente | $max ms | — | < 300 ms |"
}
cp -r "$example" "$work/serve-exemple"
serve_row "exemple" "$work/serve-exemple" criteres/4-partenariats/actions/job-dating.md
scripts/gen-fiches.sh 4000 "$work/serve-4000"
serve_row "4 000 fiches" "$work/serve-4000" criteres/4-partenariats/actions/job-dating.md
# lsp: a change in the editor → the findings of the file (median and slowest).
lsp_row() {
  local what=$1 dossier=$2 file=$3 goal=$4 med max
  read -r med max < <("$lsp_latency" "$bin" "$dossier" "$file" "$runs")
  echo "| lsp, modification → constats ($what) | $med ms | la plus lente | $max ms | — | $goal |"
}
lsp_row "exemple" "$work/serve-exemple" criteres/4-partenariats/actions/job-dating.md "< 50 ms"
lsp_row "4 000 fiches" "$work/serve-4000" criteres/4-partenariats/actions/job-dating.md "—"
rm -rf "$work/serve-exemple" "$work/serve-4000"

echo
small=("${batch[@]:0:$(( n / 10 ))}")
echo "Mémoire maximale (check --format json) : ${#small[@]} dossiers $(peak_mib "$bin" check --format json "${small[@]}") Mio, $n dossiers $(peak_mib "$bin" check --format json "${batch[@]}") Mio (objectif : < 64 Mio quel que soit le lot)"
echo "Mémoire maximale (check, humain) : $n dossiers $(peak_mib "$bin" check "${batch[@]}") Mio"
echo "Charge à la fin (uptime) : $(uptime | sed 's/.*load average: //')"
