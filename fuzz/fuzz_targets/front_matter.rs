//! A fiche (front matter and Markdown body) of the example replaced by the input, loaded and checked in every report format.
#![no_main]

use ldm::fuzzing::{self, Files};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEED: LazyLock<Files> = LazyLock::new(|| {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/lycee-marie-marvingt");
    fuzzing::read_seed(std::path::Path::new(root)).expect("the example dossier is readable")
});

fuzz_target!(|data: &[u8]| {
    fuzzing::front_matter(&SEED, data);
});
