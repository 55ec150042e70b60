//! A document as the bytes of the format it is written in, through that format's
//! backend, and the date its metadata carries (`SOURCE_DATE_EPOCH`, never the clock).

use super::output::Kind;

/// Bytes to write and the format they are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bytes {
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// The date a PDF or Word document's metadata carries: a `SOURCE_DATE_EPOCH` value
/// given by the front end (reproducible builds), else none.
#[derive(Debug, Clone, Default)]
pub struct Stamp(pub Option<String>);

impl Stamp {
    /// The Word document's date (W3CDTF).
    pub fn docx(&self) -> Option<String> {
        self.0
            .as_deref()
            .and_then(crate::render::docx::date_from_epoch)
    }

    /// The PDF's date.
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Option<crate::typeset::Date> {
        self.0.as_deref().and_then(crate::typeset::date_from_epoch)
    }
}

/// The sentence a build without the PDF gives instead of a PDF.
#[cfg(not(feature = "pdf"))]
pub const NO_PDF: &str =
    "cette version de ldm a été construite sans le PDF (fonctionnalité « pdf »)";

/// `doc` in `kind` (html, md, pdf or docx); `what` names it in the refusal of another
/// format (« le bilan ne s'écrit pas en json »).
pub fn of_document(
    doc: &crate::doc::Document,
    kind: Kind,
    stamp: &Stamp,
    what: &str,
) -> anyhow::Result<Bytes> {
    let bytes = match kind {
        Kind::Html => crate::doc::html::render(doc).into_bytes(),
        Kind::Md => crate::doc::md::render(doc).into_bytes(),
        Kind::Pdf => pdf(doc, stamp)?,
        Kind::Docx => crate::render::docx::model::docx(doc, stamp.docx().as_deref())?,
        other => anyhow::bail!("{what} ne s'écrit pas en {}", other.value()),
    };
    Ok(Bytes { kind, bytes })
}

#[cfg(feature = "pdf")]
fn pdf(doc: &crate::doc::Document, stamp: &Stamp) -> anyhow::Result<Vec<u8>> {
    Ok(crate::doc::typst::pdf(doc, stamp.pdf())?)
}

#[cfg(not(feature = "pdf"))]
fn pdf(_: &crate::doc::Document, _: &Stamp) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!(NO_PDF)
}
