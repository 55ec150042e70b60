//! What the evidence annex's PDF (`render::preuves::pdf`) still writes as Typst source of
//! its own: the school's prose and the cell of who cites an item. The annex itself is a
//! `doc::Document`, set by the model's PDF backend (`doc::typst`).

pub(crate) mod prose;

pub use crate::typeset::{CREATOR, Date, PdfError, date_from_epoch};

use crate::render::view::Preuve;
use crate::typeset::code::{lit, text};

/// The cell of the fiches citing evidence `p`, one a line (« — » when none does).
pub fn cited_by(p: &Preuve) -> String {
    if p.citee_par.is_empty() {
        lit("—")
    } else {
        let lines: Vec<String> = p.citee_par.iter().map(|w| text(w)).collect();
        format!("[{}]", lines.join("#linebreak();"))
    }
}
