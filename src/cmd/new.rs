//! `ldm new action|engagement CRITERE "Titre"`: add one file to a criterion.

use super::EXIT_FAILURE;
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

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    a.dossier = ldm::ops::scope::dossier_root(&a.dossier);
    let dossier = ldm::load::load(&a.dossier)?;
    let kind = a.kind;
    let edition = dossier
        .config
        .as_ref()
        .and_then(|c| ldm::referentiel::resolve(c.edition(), dossier.files.as_ref()).ok())
        .or_else(|| {
            ldm::referentiel::embedded(ldm::model::config::DEFAULT_EDITION).and_then(Result::ok)
        });
    let Some(edition) = edition else {
        eprintln_fr!("erreur\u{a0}: référentiel illisible ; lancez « ldm check » pour le détail");
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    if edition.critere(a.critere).is_none()
        && !dossier.criteres.iter().any(|c| c.numero == a.critere)
    {
        let last = edition.criteres.iter().map(|c| c.numero).max().unwrap_or(0);
        eprintln_fr!(
            "erreur\u{a0}: le critère {} n'existe pas dans l'édition {} (critères 1 à {last})\naide\u{a0}: « ldm referentiel » liste les critères de l'édition",
            a.critere,
            edition.id
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    let annee = dossier.annee().unwrap_or_else(ldm::scaffold::current_year);
    match ldm::scaffold::new_entity(&dossier, kind, a.critere, &a.titre, &edition, annee) {
        Ok(rel) => {
            println_fr!("créé : {}", super::shown(&a.dossier.join(&rel)));
            for starter in ldm::scaffold::starters_left(&dossier, a.critere) {
                println_fr!(
                    "rappel : la fiche de départ {} est toujours là ; complétez-la ou supprimez-la",
                    super::shown(&a.dossier.join(&starter))
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln_fr!("erreur\u{a0}: {e}");
            Ok(ExitCode::from(EXIT_FAILURE))
        }
    }
}
