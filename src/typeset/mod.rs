//! The typst engine shared by ldm's PDF documents (the annex, the tableau de bord): the
//! in-memory world with the embedded fonts, the common page style (running header,
//! « Page n sur N » footer), safe string literals, and compilation to deterministic PDF.

pub mod code;
pub mod embed;
mod world;

use std::fmt::Write;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

/// Page, type and table styles every document starts with.
pub const PREAMBLE: &str = include_str!("preamble.typ");

/// A calendar date for the document's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// What the document says about itself: its metadata, and the three parts of the running
/// header (left, centre, right) shown from page 2 on.
pub struct Setup<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub date: Option<Date>,
    pub header: [&'a str; 3],
}

/// The preamble followed by the document's metadata, header and footer.
pub fn begin(s: &Setup) -> String {
    use code::lit;
    let mut out = String::from(PREAMBLE);
    let date = s.date.map_or("none".to_string(), |d| {
        format!(
            "datetime(year: {}, month: {}, day: {})",
            d.year, d.month, d.day
        )
    });
    let _ = writeln!(
        out,
        "#set document(title: {}, author: {}, date: {date})",
        lit(s.title),
        lit(s.author)
    );
    let [left, centre, right] = s.header;
    let _ = writeln!(
        out,
        "#set page(header: running-header({}, {}, {}), footer: page-footer)",
        lit(left),
        lit(centre),
        lit(right)
    );
    out
}

/// The PDF engine failed on the document ldm generated: a bug of ldm, reported with
/// typst's own messages.
#[derive(Debug, thiserror::Error)]
#[error("production du PDF impossible : {0}")]
pub struct PdfError(String);

impl PdfError {
    /// A document ldm declines to make, with why in French (a bound it would pass).
    pub fn refused(why: String) -> Self {
        PdfError(why)
    }
}

/// Compiles a generated Typst source into PDF bytes; `files` are the only files the
/// source may read (images by their path, e.g. `graphes/3.svg`).
pub fn compile(source: String, files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, PdfError> {
    compile_as(source, files, Standard::Accessible)
}

/// The standard a PDF is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// PDF/UA-1 (accessible PDF: tagged, titled, its title shown by viewers, every
    /// figure with its alternative text), which typst checks while writing. A document
    /// PDF/UA-1 refuses — text in a script the embedded fonts lack, whose missing glyph
    /// PDF/UA forbids — is written as `Tagged` instead, never refused.
    Accessible,
    /// Tagged PDF without the PDF/UA claim, 2.0 when `v2` (needed to embed a PDF 2.0
    /// evidence file): a document reproducing pages of other PDFs, which typst cannot
    /// do in PDF/UA-1.
    Tagged { v2: bool },
}

/// As [`compile`], to the given standard.
pub fn compile_as(
    source: String,
    files: Vec<(String, Vec<u8>)>,
    standard: Standard,
) -> Result<Vec<u8>, PdfError> {
    let world = world::MemoryWorld::new(source, files);
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|e| placed(&world, &e))?;
    match export(&doc, standard) {
        Err(_) if standard == Standard::Accessible => export(&doc, Standard::Tagged { v2: false }),
        result => result,
    }
}

fn export(doc: &PagedDocument, standard: Standard) -> Result<Vec<u8>, PdfError> {
    use typst_pdf::PdfStandard;
    let list: &[PdfStandard] = match standard {
        Standard::Accessible => &[PdfStandard::Ua_1],
        Standard::Tagged { v2: true } => &[PdfStandard::V_2_0],
        Standard::Tagged { v2: false } => &[],
    };
    let options = typst_pdf::PdfOptions {
        // The identifier and the creator are fixed: same dossier, same bytes. The creator
        // also marks the file as ldm's own, so a later run may replace it.
        ident: Smart::Custom("ldm".to_string()),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        standards: typst_pdf::PdfStandards::new(list)
            .map_err(|e| PdfError(e.message().to_string()))?,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|e| joined(&e))
}

/// A failed compilation's messages, preceded by the part of the document it failed in:
/// the last heading before the first error (a fiche's title, an evidence item's) and
/// the line of the generated source, so a reader knows which text to look at.
fn placed(world: &world::MemoryWorld, errors: &[typst::diag::SourceDiagnostic]) -> PdfError {
    use typst::{World, WorldExt};
    let PdfError(messages) = joined(errors);
    let main = world.main();
    let Some(at) = errors
        .iter()
        .filter(|e| e.span.id() == Some(main))
        .find_map(|e| world.range(e.span))
        .map(|r| r.start)
    else {
        return PdfError(messages);
    };
    let text = world.main_source().text();
    let Some(before) = text.get(..at) else {
        return PdfError(messages);
    };
    let line = before.matches('\n').count() + 1;
    let part = last_heading(before).map_or_else(String::new, |t| format!(" dans « {t} »"));
    PdfError(format!(
        "le moteur de mise en page refuse le texte{part} (ligne {line} du document généré) : {messages}"
    ))
}

/// The title of the last `#heading(level: n, "…")` of generated Typst `text`.
fn last_heading(text: &str) -> Option<String> {
    let start = text.rfind("#heading(level: ")?;
    let lit = text[start..].split_once(", \"")?.1;
    let mut title = String::new();
    let mut chars = lit.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(title),
            '\\' => title.extend(chars.next()),
            c => title.push(c),
        }
    }
    None
}

/// Typst's messages of a failed compilation or export, as one error.
fn joined(errors: &[typst::diag::SourceDiagnostic]) -> PdfError {
    PdfError(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join(" ; "),
    )
}

/// The PDF's `/Creator` (and XMP `CreatorTool`), which `fsutil::MARKERS` recognises.
pub const CREATOR: &str = "ldm";

/// The date of a `SOURCE_DATE_EPOCH` value (seconds since 1970-01-01 UTC), the convention
/// of reproducible builds; `None` when it is not a number.
pub fn date_from_epoch(value: &str) -> Option<Date> {
    let t = crate::epoch::parse(value)?;
    Some(Date {
        year: t.year(),
        month: u8::from(t.month()),
        day: t.day(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_names_the_part_of_the_document_in_french() {
        let source = "#heading(level: 1, \"Action 1 — La \\\"passerelle\\\"\")\n#quote(block: true, nope: 1)[x]\n";
        let e = compile(source.to_string(), Vec::new())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("production du PDF impossible : le moteur de mise en page refuse le texte dans « Action 1 — La \"passerelle\" » (ligne 2 du document généré) : "),
            "{e}"
        );
    }

    fn document(body: &str) -> Vec<u8> {
        let setup = Setup {
            title: "Titre",
            author: "ldm",
            date: None,
            header: ["a", "b", "c"],
        };
        compile(begin(&setup) + body, Vec::new()).unwrap()
    }

    #[test]
    fn accessible_pdf_shows_its_title_and_text_without_a_font_is_still_written() {
        let has_title = |pdf: &[u8]| {
            pdf.windows(b"/DisplayDocTitle true".len())
                .any(|w| w == b"/DisplayDocTitle true")
        };
        assert!(has_title(&document("#\"Bonjour\";")));
        // No embedded font has these: PDF/UA-1 refuses them, the document is still made.
        assert!(!has_title(&document("#\"Fusée 🚀 中文\";")));
    }

    #[test]
    fn source_date_epoch_gives_the_utc_date() {
        let d = |year, month, day| Some(Date { year, month, day });
        assert_eq!(date_from_epoch("0"), d(1970, 1, 1));
        assert_eq!(date_from_epoch("1772323200"), d(2026, 3, 1));
        assert_eq!(date_from_epoch("951782400"), d(2000, 2, 29));
        assert_eq!(date_from_epoch("demain"), None);
    }
}
