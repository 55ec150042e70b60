//! `ldm render`: the annex — the official tables of the guide (section E) — as a
//! printable HTML document, as Markdown, as PDF (feature `pdf`) or as a Word document,
//! all four from one `doc::Document` (`document`).

pub mod build;
pub mod colonnes;
pub mod document;
pub mod docx;
#[cfg(feature = "pdf")]
pub mod pdf;
mod placement;
pub mod preuves;
mod releves;
pub mod view;

use crate::doc::Document;
use crate::model::Dossier;
use crate::templates::TemplateError;
use crate::workspace::Workspace;

/// Output formats of the annex (also the values of `ldm render --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    Md,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// Renders the annex of `d` (criteria `only`, or all when empty); the HTML with the
/// dossier's stylesheet `templates/annexe.css` after ldm's styles.
pub fn render(ws: &Workspace, format: Format, only: &[u32]) -> Result<String, TemplateError> {
    let d = &ws.dossier;
    let doc = annexe(ws, &build::build(d, &ws.edition, only), only);
    Ok(match format {
        Format::Html => crate::doc::html::render_styled(&doc, &stylesheet(d)?),
        Format::Md => crate::doc::md::render(&doc),
    })
}

/// The school's stylesheet of the HTML annex, where a school's `annexe.html.j2` used to
/// change its look: a template of one format could not serve the other three.
const STYLESHEET: &str = "templates/annexe.css";

/// A stylesheet larger than this is no school's: refused before it is read.
const MAX_STYLESHEET: u64 = 1024 * 1024;

/// The dossier's `templates/annexe.css`, empty without one; it cannot close the page's
/// `<style>` element (its « < » become CSS escapes).
fn stylesheet(d: &Dossier) -> Result<String, TemplateError> {
    let failed = |message: String| TemplateError {
        file: STYLESHEET.to_string(),
        line: None,
        message,
    };
    if d.files.kind(STYLESHEET).is_none() {
        return Ok(String::new());
    }
    let bytes =
        (d.files.read_up_to(STYLESHEET, MAX_STYLESHEET)).map_err(|e| failed(e.to_string()))?;
    let css = String::from_utf8(bytes).map_err(|_| failed("ce n'est pas un texte UTF-8".into()))?;
    Ok(format!(
        "/* {STYLESHEET} */\n{}\n",
        css.replace('<', "\\3c ")
    ))
}

/// Fiches (actions and engagements) one Word annex holds: the writer holds the whole
/// document at once, about 0.2 MB a fiche (5,000 small fiches took 1.17 GB), so beyond
/// this a document would near 1 GB. A real dossier has a few dozen; a larger one is
/// written criterion by criterion (`--critere`), or as HTML.
pub const MAX_FICHES_DOCX: usize = 1_500;

/// Fiches one PDF annex holds: typst lays the whole document out in memory, more than
/// 0.7 MB a fiche (2,000 small fiches passed 1.4 GB).
pub const MAX_FICHES_PDF: usize = 500;

/// Why the annex `a` is too large for a document (`what`) of at most `max` fiches.
fn too_many_fiches(a: &view::Annexe, what: &str, max: usize) -> Option<String> {
    let n: usize = a
        .criteres
        .iter()
        .map(|c| c.actions.len() + c.engagements.len())
        .sum();
    let count = |v: usize| crate::numfmt::with_unit(v as f64, crate::numfmt::Unite::Nombre);
    (n > max).then(|| {
        crate::typo::french(&format!(
            "l'annexe compte {} fiches ; ldm en écrit au plus {} dans {what}, qu'il compose en \
             mémoire (au-delà, plus de 1 Go) : produisez-la critère par critère \
             (--critere 1, puis 2…) ou en HTML",
            count(n),
            count(max)
        ))
    })
}

/// The annex of `d` as PDF (criteria `only`, or all when empty); `date` goes into the
/// document's metadata.
#[cfg(feature = "pdf")]
pub fn render_pdf(
    ws: &Workspace,
    only: &[u32],
    date: Option<pdf::Date>,
) -> Result<Vec<u8>, pdf::PdfError> {
    let a = build::build(&ws.dossier, &ws.edition, only);
    if let Some(why) = too_many_fiches(&a, "un PDF", MAX_FICHES_PDF) {
        return Err(pdf::PdfError::refused(why));
    }
    crate::doc::typst::pdf(&annexe(ws, &a, only), date)
}

/// The annex of `d` as a Word document (criteria `only`, or all when empty); `date`
/// (W3CDTF) goes into the document's properties.
pub fn render_docx(
    ws: &Workspace,
    only: &[u32],
    date: Option<&str>,
) -> Result<Vec<u8>, docx::DocxError> {
    let a = build::build(&ws.dossier, &ws.edition, only);
    if let Some(why) = too_many_fiches(&a, "un document Word", MAX_FICHES_DOCX) {
        return Err(docx::DocxError::refused(why));
    }
    docx::model::docx(&annexe(ws, &a, only), date)
}

/// The annex `a` laid out, with the synthesis of the school's self-assessment
/// (`autoevaluation/`) where the guide asks for its articulation with the label's work.
fn annexe(ws: &Workspace, a: &view::Annexe, only: &[u32]) -> Document {
    let synthese = crate::audit::autoevaluation::load(ws)
        .map(|auto| crate::audit::synthese::synthese(ws, auto, only, 4))
        .unwrap_or_default();
    document::annexe(a, synthese)
}
