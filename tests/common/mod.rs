//! Helpers shared by the integration tests: the `Ldm` builder that runs the binary,
//! temporary dossiers, printing HTML to PDF with headless Chromium.
//!
//! A new test module starts with `use crate::common::*;` and runs ldm with
//! `Ldm::new().current_dir(dir).args(["check", "."]).run().code(1).stdout_has("…")`,
//! or `run(dir, &["check", "."])` for short.
mod browser;
mod builder;
mod dossier;
mod git;

pub use browser::{chromium, print_to_pdf};
pub use builder::{Ldm, Output, run};
pub use dossier::{TempDossier, copy_dir, edit, example, fixture, root};
pub use git::git;
