//! `ldm bilan`: the bilan annuel of one year (figures and the comité de pilotage's text),
//! from the dossier as it is or at a git revision; `--nouveau` prepares the committee's file.

use ldm::ops::bilan;
use ldm::ops::output::Kind;
use std::path::PathBuf;
use std::process::ExitCode;

/// What `ldm bilan` writes, its default first.
const FORMATS: &[Kind] = ldm::ops::output::BILAN;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation dont faire le bilan (par défaut : celui qui contient le
    /// dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Format : html (document imprimable, autonome), md (Markdown), pdf ou docx (Word).
    /// Par défaut : celui qu'annonce l'extension du fichier -o, sinon html
    #[arg(long, value_parser = super::format_values(FORMATS))]
    format: Option<Kind>,
    /// Le dossier tel qu'il était à cette révision git (ex. une étiquette posée l'année du
    /// bilan) : le bilan d'une année passée, reproduit à l'identique
    #[arg(long, value_name = "REVISION")]
    git: Option<String>,
    /// Année du bilan, ex. 2024 (par défaut : [suivi] annee de ldm.toml, sinon l'année de candidature)
    #[arg(long, value_name = "ANNEE", value_parser = ldm::model::query::parse_year)]
    annee: Option<i64>,
    /// Prépare bilans/ANNEE.md, le texte du comité de pilotage (analyse par critère,
    /// décisions, priorités), avec les chiffres de l'année en commentaire ; n'écrase rien
    #[arg(long, conflicts_with_all = ["format", "git"])]
    nouveau: bool,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let path = a.output.path.as_deref();
    let kind = match super::output_kind(a.format, path, FORMATS) {
        Ok(k) => k,
        Err(code) => return Ok(code),
    };
    let root = ldm::ops::scope::dossier_root(&a.dossier);
    let req = bilan::Request {
        dossier: &root,
        git: a.git.as_deref(),
        annee: a.annee,
    };
    let b = bilan::build(&req)?;
    if a.nouveau {
        println_fr!("{}", bilan::nouveau(&root, &b)?);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(warning) = bilan::without_comite(&b) {
        eprintln_fr!("avertissement\u{a0}: {warning}");
    }
    let made = bilan::write(&b, kind, &super::stamp())?;
    super::deliver_document(&made, path, a.output.force, "bilan")
}
