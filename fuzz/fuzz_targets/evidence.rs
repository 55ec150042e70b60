//! The input as an evidence file of every kind the annex reads: the decoders' bounds (pictures' headers, PDF structure, SVG, CSV), the CSV table and the PDF engine's probe.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ldm::fuzzing::evidence(data);
});
