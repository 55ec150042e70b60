//! The annex as PDF, laid out inside ldm by the typst crates (no browser, LaTeX or other
//! program): Typst source generated from the annex's view model, compiled by the shared
//! engine (`typeset`) into tagged PDF with identical bytes on every run.

mod document;
mod fiches;
pub(crate) mod prose;

pub use crate::typeset::{CREATOR, Date, PdfError, date_from_epoch};

use crate::render::view::Annexe;

/// The annex as PDF bytes; `date` is the document's date in its metadata (none without one).
pub fn annexe(a: &Annexe, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    crate::typeset::compile(document::annexe(a, date), Vec::new())
}
