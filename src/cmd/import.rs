//! `ldm import`: a Word dossier (.docx) becomes a dossier folder, then is checked.

use ldm::ops::import::{self, FORMATS};
use ldm::ops::output::Kind;
use ldm::report::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Le dossier Word à reprendre (.docx), celui du label précédent ou l'annexe produite par ldm
    #[arg(value_name = "FICHIER")]
    fichier: PathBuf,
    /// Dossier à créer (par défaut : le nom du fichier sans son extension)
    #[arg(value_name = "DOSSIER")]
    dossier: Option<PathBuf>,
    /// Compléter un dossier non vide : ajoute les fichiers manquants, ne modifie aucun fichier existant
    #[arg(long)]
    force: bool,
    /// Format du compte rendu : texte (par défaut) ou json (pour d'autres outils)
    #[arg(long, default_value = "texte",
        value_parser = super::choice(FORMATS, Kind::value, |k| (k == Kind::Term).then_some("human")))]
    format: Kind,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let made = import::import(&import::Request {
        fichier: &a.fichier,
        dossier: a.dossier.as_deref(),
        force: a.force,
    })?;
    super::emit(&made.report(a.format))?;
    if a.format == Kind::Json {
        return Ok(ExitCode::SUCCESS);
    }
    // Ends with the check's one-line summary, as `ldm check --format resume` gives it.
    let label = super::label::dossier_label(&made.dossier, Format::Resume);
    let opts = report::Options {
        format: Format::Resume,
        color: super::color_stdout(),
        deny_warnings: false,
    };
    let mut out = String::new();
    let checked = import::check(&made.dossier, label)?;
    report::write(&mut out, std::slice::from_ref(&checked), opts);
    super::emit(&out)?;
    if let Some(hint) = import::evidence_hint(&checked) {
        println_fr!("{hint}");
    }
    println_fr!(
        "Étape suivante : « ldm check {} » pour le détail.",
        super::shown(&made.dossier)
    );
    Ok(ExitCode::SUCCESS)
}
