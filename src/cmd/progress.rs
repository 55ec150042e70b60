//! `ldm progress`: the indicators at a reference year (the dashboard; the bilan annuel is `ldm bilan`).

use super::EXIT_FAILURE;
use ldm::ops::document::Report;
use ldm::ops::output::{self, Kind};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Année de référence : l'état tel qu'il était connu cette année-là (les mesures
    /// postérieures sont ignorées). Par défaut : [suivi] annee de ldm.toml, sinon l'année de candidature
    #[arg(long, value_name = "ANNEE", value_parser = ldm::model::query::parse_year)]
    annee: Option<i64>,
    /// Se limiter à un critère (son numéro)
    #[arg(long, value_name = "N")]
    critere: Option<u32>,
    /// Format : texte (tableau avec barres), md (tableau de bord en Markdown), html (tableau de
    /// bord imprimable, autonome), json (tous les chiffres), pdf (tableau de bord A4, produit
    /// par ldm seul) ou docx (Word). Par défaut : celui qu'annonce l'extension du fichier -o,
    /// sinon texte
    #[arg(long, value_parser = super::format_values(output::PROGRESS))]
    format: Option<Kind>,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    let format = match super::output_kind(a.format, a.output.path.as_deref(), output::PROGRESS) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    a.dossier = ldm::ops::scope::dossier_root(&a.dossier);
    let ws = Workspace::load(&a.dossier)?;
    let p = match ldm::ops::progress::compute(&ws, a.annee, a.critere) {
        Ok(p) => p,
        Err(refusal) => {
            eprintln_fr!("erreur\u{a0}: {refusal}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    };
    let color = a.output.path.is_none() && super::color_stdout();
    if matches!(format, Kind::Pdf | Kind::Docx) {
        let made = ldm::ops::progress::paged(&p, format, &super::stamp())?;
        let (path, force) = (a.output.path.as_deref(), a.output.force);
        return super::deliver_document(&made, path, force, "tableau-de-bord");
    }
    // A template error names its file and line; main reports it and exits 2.
    let out = ldm::ops::document::text(Report::Progress(&p), format, color)?;
    super::deliver(&out, a.output.path.as_deref(), a.output.force)
}
