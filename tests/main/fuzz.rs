//! The stable mutation runner: the example dossier, one file mutated a few times per
//! round from a fixed seed, through the fuzz targets (its parse as a front matter or an
//! `ldm.toml`, as an evidence file of every kind, then the whole pipeline in memory:
//! load, check in every format, progress, render, the Word annex, diff). Any panic fails the test. A short run is part of
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
        fuzzing::evidence(data);
        fuzzing::docx(&seed, data);
    }
    // Headers that declare more than they hold, which the decoders must refuse unread.
    let mut huge_png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    huge_png.extend([
        0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60, 8, 6, 0, 0, 0, 0, 0, 0, 0,
    ]);
    let csv = format!("{}\n{}", ",".repeat(9_999), "x\n".repeat(10_000));
    for data in [
        &huge_png[..],
        csv.as_bytes(),
        b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj\n",
    ] {
        fuzzing::evidence(data);
    }
}
