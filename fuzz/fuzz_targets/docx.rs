//! One file of the small valid fixture dossier (chosen by the first byte) replaced by the rest of the input, then the annex written as a Word document.
#![no_main]

use ldm::fuzzing::{self, Files};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEED: LazyLock<Files> = LazyLock::new(fuzzing::fixture_seed);

fuzz_target!(|data: &[u8]| {
    fuzzing::docx(&SEED, data);
});
