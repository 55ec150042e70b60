//! The input parsed as a Markdown file with front matter (fiche, critère, établissement): YAML tree, decoding, sections.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ldm::fuzzing::front_matter(data);
});
