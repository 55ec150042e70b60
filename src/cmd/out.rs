//! Where what a verb makes goes: the screen (a closed pipe is a normal end), a file
//! written atomically, in a JSON envelope; and what the terminal allows (colour, binary).

use super::EXIT_FAILURE;
use std::process::ExitCode;

/// Writes to stdout. A reader that stops early (`ldm check | head`) closes the pipe:
/// that ends the output normally, it is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    emit_bytes(text.as_bytes())
}

/// Writes bytes (a PDF, say) to stdout, like `emit`.
pub fn emit_bytes(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// Where a report goes: shared by the verbs that write documents.
#[derive(clap::Args)]
pub struct Output {
    /// Écrire dans ce fichier plutôt qu'à l'écran (« - » : l'écran)
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub path: Option<std::path::PathBuf>,
    /// Remplacer le fichier de sortie même s'il n'a pas été produit par ldm
    #[arg(long)]
    pub force: bool,
}

/// A JSON document of ldm in its envelope (`ldm::ops::json::document`).
pub fn json_document(
    version: u32,
    report: &(impl serde::Serialize + schemars::JsonSchema),
) -> anyhow::Result<String> {
    Ok(ldm::ops::json::document(version, report))
}

/// Writes a document to `path` (atomically, never over a file ldm did not write unless
/// `force`), or to the screen when there is no path or it is `-`.
pub fn deliver(
    text: impl AsRef<[u8]>,
    path: Option<&std::path::Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    match path {
        None => emit_bytes(text.as_ref())?,
        Some(p) if p.as_os_str() == "-" => emit_bytes(text.as_ref())?,
        Some(p) => {
            if let Err(e) = ldm::fsutil::write_output(p, text, force) {
                eprintln_fr!("erreur\u{a0}: {e}");
                return Ok(ExitCode::from(EXIT_FAILURE));
            }
            eprintln_fr!("écrit\u{a0}: {}", shown(p));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as messages show it (`ldm::fsutil::shown`: `/`-separated whatever the OS).
pub fn shown(p: &std::path::Path) -> String {
    ldm::fsutil::shown(p)
}

/// True when colour may be used on stdout.
pub fn color_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && stdout_is_terminal()
        && console_takes_ansi()
}

/// True when stdout is a terminal (where a binary document must not go).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Windows consoles show ANSI colours only once asked to (Windows 10 and later); an
/// older console would print the escape codes, so it gets none.
#[cfg(windows)]
fn console_takes_ansi() -> bool {
    anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
}

#[cfg(not(windows))]
fn console_takes_ansi() -> bool {
    true
}

/// The date of a PDF's metadata. No clock: `SOURCE_DATE_EPOCH`'s when it is set, else none.
#[cfg(feature = "pdf")]
pub fn pdf_date() -> Option<ldm::typeset::Date> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| ldm::typeset::date_from_epoch(&v))
}

/// A document of the model in `format` through that format's backend; `what` names it in
/// the refusal of a format its verb does not offer (« le bilan »).
pub fn document_bytes(
    doc: &ldm::doc::Document,
    format: ldm::ops::output::Kind,
    what: &str,
) -> anyhow::Result<Vec<u8>> {
    use ldm::ops::output::Kind;
    Ok(match format {
        Kind::Html => ldm::doc::html::render(doc).into_bytes(),
        Kind::Md => ldm::doc::md::render(doc).into_bytes(),
        Kind::Pdf => document_pdf(doc)?,
        Kind::Docx => {
            let date = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| ldm::render::docx::date_from_epoch(&v));
            ldm::render::docx::model::docx(doc, date.as_deref())?
        }
        other => anyhow::bail!("{what} ne s'écrit pas en {}", other.value()),
    })
}

#[cfg(feature = "pdf")]
fn document_pdf(d: &ldm::doc::Document) -> anyhow::Result<Vec<u8>> {
    Ok(ldm::doc::typst::pdf(d, pdf_date())?)
}

#[cfg(not(feature = "pdf"))]
fn document_pdf(_: &ldm::doc::Document) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("cette version de ldm a été construite sans le PDF (fonctionnalité « pdf »)")
}
