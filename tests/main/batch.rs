//! A batch of dossiers is checked on every core, yet reported as one run would: each
//! dossier in the order named, the same bytes whatever the number of threads.

use crate::common::*;

/// Fixtures with errors, warnings and none, named out of alphabetical order.
const BATCH: &[&str] = &[
    "tests/fixtures/valide",
    "tests/fixtures/dix-erreurs",
    "examples/lycee-marie-marvingt",
    "tests/fixtures/avertissements",
    "tests/fixtures/structure",
    "tests/fixtures/accents",
];

fn check(threads: &str, format: &str) -> Output {
    Ldm::new()
        .env("RAYON_NUM_THREADS", threads)
        .args(["check", "--format", format])
        .args(BATCH)
        .run()
}

#[test]
fn a_batch_reads_the_same_on_one_thread_and_on_two() {
    for format in [
        "human", "short", "json", "gitlab", "sarif", "junit", "resume",
    ] {
        let (one, two) = (check("1", format), check("2", format));
        one.code(1);
        assert_eq!(one, two, "--format {format}");
    }
}

#[test]
fn a_batch_reports_its_dossiers_in_the_order_named() {
    let out = check("2", "resume");
    let firsts: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split(" · ").next())
        .filter(|label| BATCH.contains(label))
        .collect();
    assert_eq!(firsts, BATCH, "{out}");
    out.stdout_has("total\u{a0}: 6 dossiers");
}
