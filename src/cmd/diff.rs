//! `ldm diff`: compare the previous dossier with the renewal (two folders, or two git
//! revisions of the dossier).

use ldm::ops::diff;
use ldm::ops::output::{self, Kind};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Les deux dossiers : le précédent, puis le nouveau
    #[arg(value_name = "DOSSIER", num_args = 0..=2)]
    dossiers: Vec<PathBuf>,
    /// Comparer deux révisions git du dossier (la seconde par défaut : les fichiers actuels)
    #[arg(long, value_name = "REV", num_args = 1..=2)]
    git: Vec<String>,
    /// Avec --git : le dossier de labellisation dans le dépôt (par défaut : le dossier courant)
    #[arg(long, value_name = "DOSSIER", default_value = ".")]
    dossier: PathBuf,
    /// Format : texte (à l'écran), md, html (page autonome), json, pdf ou docx. Par
    /// défaut : celui qu'annonce l'extension du fichier -o, sinon texte
    #[arg(long, value_parser = super::format_values(output::DIFF))]
    format: Option<Kind>,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let sides = diff::sides(&a.dossiers, &a.git, &a.dossier)?;
    let path = a.output.path.as_deref();
    let kind = match super::output_kind(a.format, path, output::DIFF) {
        Ok(k) => k,
        Err(code) => return Ok(code),
    };
    let d = diff::compare(&sides)?;
    let color = path.is_none() && super::color_stdout();
    let made = diff::write(&d, kind, color, &super::stamp())?;
    super::deliver_document(&made, path, a.output.force, "renouvellement")
}
