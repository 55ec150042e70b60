//! The text documents of `diff` and `progress` in the format asked, with French
//! typography applied here, once, for the command line and every other front end.

use super::output::Kind;
use crate::diff::{self, Diff};
use crate::progress::{self, Progress};
use crate::templates::TemplateError;
use crate::typo::french;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A format that is not a text document of this verb (the PDF is made apart).
    #[error("ce document ne s'écrit pas en {0}")]
    NotText(&'static str),
}

/// A verb's report that has text documents.
#[derive(Clone, Copy)]
pub enum Report<'a> {
    /// `ldm diff`'s comparison.
    Diff(&'a Diff),
    /// `ldm progress`'s indicators (its PDF and Word file are `ops::bytes::of_document`'s).
    Progress(&'a Progress),
}

type Writer<'a> = Box<dyn Fn(&mut String) + 'a>;
type Made<'a> = Box<dyn Fn() -> Result<String, TemplateError> + 'a>;
type Json<'a> = Box<dyn Fn() -> String + 'a>;

/// The document of `report` in `kind`: `color` for a terminal. The terminal's text and Markdown get French
/// typography here (spaces replaced one for one, so a table's columns stay aligned).
pub fn text(report: Report, kind: Kind, color: bool) -> Result<String, DocumentError> {
    let (term, md, html, json): (Writer, Writer, Made, Json) = match report {
        Report::Diff(d) => {
            use diff::term::{Style, write};
            let style = if color { Style::Color } else { Style::Plain };
            (
                Box::new(move |out| write(out, d, style)),
                Box::new(move |out| {
                    out.push_str(&crate::doc::md::render(&diff::document::document(d)));
                }),
                Box::new(move || Ok(crate::doc::html::render(&diff::document::document(d)))),
                Box::new(move || super::json::document(diff::JSON_VERSION, d)),
            )
        }
        Report::Progress(p) => (
            Box::new(move |out| progress::term::write(out, p, color)),
            Box::new(move |out| out.push_str(&progress::document::markdown(p))),
            Box::new(move || Ok(progress::document::html(p))),
            Box::new(move || super::json::document(progress::JSON_VERSION, p)),
        ),
    };
    let mut out = String::new();
    match kind {
        Kind::Term => term(&mut out),
        Kind::Md => md(&mut out),
        Kind::Html => return Ok(html()?),
        Kind::Json => return Ok(json()),
        other => return Err(DocumentError::NotText(other.value())),
    }
    Ok(french(&out))
}
