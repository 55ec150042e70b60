#!/usr/bin/env bash
# Time-bounded fuzzing of every cargo-fuzz target of fuzz/, for CI and for a longer
# campaign by hand: scripts/fuzz.sh [SECONDS_PER_TARGET] [EXTRA libFuzzer ARGS…]
# Needs a nightly toolchain (cargo-fuzz's sanitizers); installs cargo-fuzz if missing.
# The corpus grows in fuzz/corpus/<target> (not committed); a crash stops the script
# with the input saved in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz.sh : pas de chaîne nightly (rustup toolchain install nightly) ; fuzzing sauté." >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo +nightly fuzz build
for target in front_matter config pipeline; do
  mkdir -p "corpus/$target"
  # -rss_limit_mb: a dossier that makes ldm allocate 2 GB is a bug, not a slow input.
  log="$(mktemp)"
  status=0
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$@" \
    >"$log" 2>&1 || status=$?
  echo "== $target"
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|Done)" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    rm -f "$log"
    exit "$status"
  fi
  rm -f "$log"
done
