#!/usr/bin/env bash
# Time-bounded fuzzing of every cargo-fuzz target of fuzz/, for CI and for a longer
# campaign by hand: scripts/fuzz.sh [SECONDS_PER_TARGET] [EXTRA libFuzzer ARGS…]
# (FUZZ_TARGETS="pipeline" runs only some targets). Needs a nightly toolchain
# (cargo-fuzz's sanitizers); installs cargo-fuzz if missing. FUZZ_SANITIZER=none builds
# without AddressSanitizer (ldm has no unsafe code of its own): more inputs per
# second, overflow checks and debug assertions still on (fuzz/Cargo.toml's profile).
# The corpus grows in fuzz/corpus/<target> (not committed), seeded from the files of
# tests/fixtures/valide; a crash stops the script with the input saved in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true
targets="${FUZZ_TARGETS:-front_matter config pipeline evidence docx}"
fixture=../tests/fixtures/valide

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz.sh : pas de chaîne nightly (rustup toolchain install nightly) ; fuzzing impossible." >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# The fixture's files, in the order of `ldm::fuzzing::read_seed` (bytewise).
fixture_files() {
  (cd "$fixture" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
}

# Seeds: a fresh machine starts from real files, not from empty inputs. A pipeline
# input is one byte choosing the file of the fixture it replaces, then its content.
seed_corpora() {
  mkdir -p corpus/front_matter corpus/config corpus/pipeline corpus/evidence corpus/docx
  local i=0 rel
  while IFS= read -r rel; do
    case "$rel" in
      *.md) cp "$fixture/$rel" "corpus/front_matter/seed-$i" ;;
      *.toml) cp "$fixture/$rel" "corpus/config/seed-$i" ;;
    esac
    cp "$fixture/$rel" "corpus/evidence/seed-$i"
    { printf "\\$(printf %03o "$i")"; cat "$fixture/$rel"; } >"corpus/pipeline/seed-$i"
    cp "corpus/pipeline/seed-$i" "corpus/docx/seed-$i"
    i=$((i + 1))
  done < <(fixture_files)
}

sanitizer="${FUZZ_SANITIZER:-address}"
cargo +nightly fuzz build -s "$sanitizer"
seed_corpora
# One core per target: the loader's rayon pool would otherwise take the second one.
export RAYON_NUM_THREADS=1
for target in $targets; do
  # -rss_limit_mb: a dossier that makes ldm allocate 2 GB is a bug, not a slow input.
  log="$(mktemp)"
  status=0
  cargo +nightly fuzz run -s "$sanitizer" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$@" \
    >"$log" 2>&1 || status=$?
  echo "== $target"
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|SUMMARY|Done)" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    rm -f "$log"
    exit "$status"
  fi
  rm -f "$log"
done
