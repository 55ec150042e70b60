//! `ldm new action|engagement CRITERE "Titre"`: add one file to a criterion.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::model::Kind;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    /// Une action réalisée
    Action,
    /// Un engagement (action à venir)
    Engagement,
}

#[derive(clap::Args)]
pub struct Args {
    /// Ce qu'il faut créer : action (réalisée) ou engagement (à venir)
    #[arg(value_enum)]
    kind: KindArg,
    /// Numéro du critère
    critere: u32,
    /// Dénomination de l'action ou de l'engagement (le nom du fichier en est tiré)
    titre: String,
    /// Dossier de labellisation (par défaut : le dossier courant)
    #[arg(long, default_value = ".")]
    dossier: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let dossier = ldm::load::load(&a.dossier)?;
    let kind = match a.kind {
        KindArg::Action => Kind::Action,
        KindArg::Engagement => Kind::Engagement,
    };
    let edition = dossier
        .config
        .as_ref()
        .and_then(|c| ldm::referentiel::resolve(c.edition(), &a.dossier).ok())
        .or_else(|| {
            ldm::referentiel::embedded(ldm::referentiel::DEFAULT_EDITION).and_then(Result::ok)
        });
    let Some(edition) = edition else {
        eprintln!("erreur : référentiel illisible ; lancez « ldm check » pour le détail");
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    let annee = dossier.annee().unwrap_or_else(ldm::scaffold::current_year);
    match ldm::scaffold::new_entity(&dossier, kind, a.critere, &a.titre, &edition, annee) {
        Ok(rel) => {
            println!("créé : {}", super::shown(&a.dossier.join(&rel)));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            Ok(ExitCode::from(EXIT_FAILURE))
        }
    }
}
