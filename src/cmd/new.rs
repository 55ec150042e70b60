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
    // As the user would type it from here: « criteres/… », not « ./criteres/… ».
    let shown = |rel: &str| {
        let path = root.join(rel);
        let here = path
            .components()
            .filter(|c| *c != std::path::Component::CurDir);
        super::shown(&here.collect::<std::path::PathBuf>())
    };
    println_fr!("créé : {}", shown(&made.path));
    for starter in made.starters {
        println_fr!(
            "rappel : la fiche de départ {} est toujours là ; complétez-la ou supprimez-la",
            shown(&starter)
        );
    }
    Ok(ExitCode::SUCCESS)
}
