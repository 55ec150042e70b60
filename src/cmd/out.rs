//! Where what a verb makes goes: the screen (a closed pipe is a normal end), a file
//! written atomically; the check reports printed.

use super::EXIT_FAILURE;
use std::process::ExitCode;

/// Writes to stdout. A reader that stops early (`ldm check | head`) closes the pipe:
/// that ends the output normally, it is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    emit_bytes(text.as_bytes())
}

/// Prints a verb's whole output, which then succeeds.
pub fn print(text: &str) -> anyhow::Result<ExitCode> {
    emit(text)?;
    Ok(ExitCode::SUCCESS)
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

/// The date documents carry: `SOURCE_DATE_EPOCH`'s when it is set, never the clock.
pub fn stamp() -> ldm::ops::bytes::Stamp {
    ldm::ops::bytes::Stamp(std::env::var("SOURCE_DATE_EPOCH").ok())
}

/// Writes a document like `deliver`, refusing to put a PDF or Word document on a
/// terminal; `name` is the file suggested instead (« rapport » → `-o rapport.pdf`).
pub fn deliver_document(
    made: &ldm::ops::bytes::Bytes,
    path: Option<&std::path::Path>,
    force: bool,
    name: &str,
) -> anyhow::Result<ExitCode> {
    use ldm::ops::output::Kind;
    let to_screen = path.is_none_or(|p| p.as_os_str() == "-");
    if matches!(made.kind, Kind::Pdf | Kind::Docx) && to_screen && super::stdout_is_terminal() {
        anyhow::bail!(
            "un document PDF ou Word ne s'affiche pas à l'écran : écrivez-le dans un fichier avec « -o {name}.pdf »"
        );
    }
    deliver(&made.bytes, path, force)
}

/// Prints check reports in `opts`'s format; the exit status says whether one fails.
pub fn print_reports(
    checked: &[ldm::report::Checked],
    opts: ldm::report::Options,
) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    ldm::report::write(&mut out, checked, opts);
    emit(&out)?;
    Ok(ExitCode::from(u8::from(
        checked.iter().any(|c| opts.fails(c)),
    )))
}
