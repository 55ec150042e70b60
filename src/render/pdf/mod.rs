//! The PDF's types as the annex's callers name them (`render::pdf::Date`, `PdfError`): the
//! annex and the evidence annex are `doc::Document`s set by the model's PDF backend
//! (`doc::typst`), so nothing else is left here.

pub use crate::typeset::{CREATOR, Date, PdfError, date_from_epoch};
