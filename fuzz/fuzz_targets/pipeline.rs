//! One file of the small valid fixture dossier (chosen by the first byte) replaced by the rest of the input: load, check in every format, progress, render, diff.
#![no_main]

use ldm::fuzzing::{self, Files};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SEED: LazyLock<Files> = LazyLock::new(fuzzing::fixture_seed);

fuzz_target!(|data: &[u8]| {
    fuzzing::pipeline(&SEED, data);
});
