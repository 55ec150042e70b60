//! Helpers shared by the integration tests: the `Ldm` builder that runs the binary,
//! temporary dossiers, printing HTML to PDF with headless Chromium.
//!
//! A new test module starts with `use crate::common::*;` and runs ldm with
//! `Ldm::new().current_dir(dir).args(["check", "."]).run().code(1).stdout_has("…")`,
//! or `run(dir, &["check", "."])` for short.
mod browser;
mod builder;
mod devtools;
mod documents;
mod dossier;
mod git;
mod memory;

pub use browser::{HEADLESS, chromium, print_to_pdf, program, program_answering};
pub use builder::{Ldm, Output, fr, run};
pub use devtools::Chromium;
#[cfg(feature = "pdf")]
pub use documents::{Reading, pdf_text};
pub use documents::{soffice, soffice_convert, written};
pub use dossier::{TempDossier, copy_dir, edit, example, fixture, root};
pub use git::git;
pub use memory::peak_kib;

/// Breakable spaces where French typography wants a non-breaking one, with context.
pub fn breakable_spaces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] != ' ' || chars[i - 1].is_whitespace() {
            continue;
        }
        let before_punct = matches!(chars[i + 1], ':' | ';' | '!' | '?' | '%' | '€' | '»');
        if before_punct || chars[i - 1] == '«' {
            let from = i.saturating_sub(20);
            found.push(chars[from..(i + 10).min(chars.len())].iter().collect());
        }
    }
    found
}
