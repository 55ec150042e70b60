//! The text documents of `diff` and `progress` in the format asked, with French
//! typography applied here, once, for the command line and every other front end.

use super::output::Kind;
use crate::diff::{self, Diff};
use crate::progress::{self, Progress};
use crate::templates::TemplateError;
use crate::typo::{french, french_html};
use crate::vfs::FileSource;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A format that is not a text document of this verb (the PDF is made apart).
    #[error("ce document ne s'écrit pas en {0}")]
    NotText(&'static str),
}

/// `ldm diff`'s document: `color` for a terminal; `files` is the dossier whose
/// `templates/` may override ours.
pub fn diff(
    d: &Diff,
    kind: Kind,
    color: bool,
    files: Option<&dyn FileSource>,
) -> Result<String, DocumentError> {
    use diff::term::{Style, write};
    let mut out = String::new();
    match kind {
        Kind::Term => {
            write(&mut out, d, if color { Style::Color } else { Style::Plain });
            Ok(french(&out))
        }
        Kind::Md => {
            write(&mut out, d, Style::Markdown);
            Ok(french(&out))
        }
        Kind::Html => Ok(french_html(&diff::html::render(d, files)?)),
        Kind::Json => Ok(super::json::document(diff::JSON_VERSION, d)),
        other => Err(DocumentError::NotText(other.value())),
    }
}

/// `ldm progress`'s text documents (the PDF is `progress::pdf`'s).
pub fn progress(
    p: &Progress,
    kind: Kind,
    color: bool,
    files: Option<&dyn FileSource>,
) -> Result<String, DocumentError> {
    let mut out = String::new();
    match kind {
        // Spaces are replaced one for one, so the table's columns stay aligned.
        Kind::Term => {
            progress::term::write(&mut out, p, color);
            Ok(french(&out))
        }
        Kind::Md => {
            progress::md::write(&mut out, p);
            Ok(french(&out))
        }
        Kind::Html => Ok(progress::html::render(p, files)?),
        Kind::Json => Ok(super::json::document(progress::JSON_VERSION, p)),
        other => Err(DocumentError::NotText(other.value())),
    }
}
