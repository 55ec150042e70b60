//! One file of the small valid fixture dossier (chosen by the first byte) replaced by the rest of the input, then the annex written as a Word document.
#![no_main]

use ldm::fuzzing::{self, Files};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEED: LazyLock<Files> = LazyLock::new(|| {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/valide");
    fuzzing::read_seed(std::path::Path::new(root)).expect("the fixture dossier is readable")
});

fuzz_target!(|data: &[u8]| {
    fuzzing::docx(&SEED, data);
});
