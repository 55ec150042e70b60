//! The stable mutation runner: the example dossier, one file mutated a few times per
//! round from a fixed seed, through the three fuzz targets (its parse as a front
//! matter or an `ldm.toml`, then the whole pipeline in memory: load, check in every
//! format, progress, render, diff). Any panic fails the test. A short run is part of
//! `cargo test`; `LDM_FUZZ_ITERATIONS=100000 cargo test --test main fuzz` runs longer
//! (the cargo-fuzz targets of `fuzz/` need nightly, this does not).

use crate::common::*;
use ldm::fuzzing;

fn iterations() -> usize {
    std::env::var("LDM_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

#[test]
fn mutated_example_dossiers_never_panic() {
    let seed = fuzzing::read_seed(&example()).unwrap();
    assert!(seed.len() > 20, "the example has its files");
    fuzzing::run_mutations(&seed, 0x1d_5eed_u64, iterations());
}

#[test]
fn the_fuzz_entry_points_take_any_bytes() {
    let seed = fuzzing::read_seed(&example()).unwrap();
    let inputs: [&[u8]; 5] = [
        b"",
        b"\xff\xfe\x00",
        b"---\nperiode: {debut: -9223372036854775808, fin: 9223372036854775807}\n---\n",
        b"[candidature]\nannee = 9223372036854775807\nprecedente = -9223372036854775808\n",
        b"\x05---\nobjectifs: [{indicateurs: [{mesures: {9223372036854775807: .nan}}]}]\n---\n",
    ];
    for data in inputs {
        fuzzing::front_matter(data);
        fuzzing::config(data);
        fuzzing::pipeline(&seed, data);
    }
}
