//! The input parsed as an `ldm.toml`: TOML, the configuration's fields, the French finding for an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ldm::fuzzing::config(data);
});
