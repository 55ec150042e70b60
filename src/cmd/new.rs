//! `ldm new action|engagement CRITERE "Titre"`: add one file to a criterion.

use ldm::model::Kind;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Ce qu'il faut créer : action (réalisée) ou engagement (à venir)
    #[arg(value_name = "TYPE", value_parser = super::choice(&Kind::ALL, Kind::label, |_| None))]
    kind: Kind,
    /// Numéro du critère
    critere: u32,
    /// Dénomination de l'action ou de l'engagement (le nom du fichier en est tiré)
    titre: String,
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(long, default_value = ".")]
    dossier: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let root = ldm::ops::scope::dossier_root(&a.dossier);
    let made = ldm::ops::new::new(&ldm::ops::new::Request {
        dossier: &root,
        kind: a.kind,
        critere: a.critere,
        titre: &a.titre,
    })?;
    println_fr!("créé : {}", super::shown(&root.join(&made.path)));
    for starter in made.starters {
        println_fr!(
            "rappel : la fiche de départ {} est toujours là ; complétez-la ou supprimez-la",
            super::shown(&root.join(&starter))
        );
    }
    Ok(ExitCode::SUCCESS)
}
